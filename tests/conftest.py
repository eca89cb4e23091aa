"""Shared fixtures for Heron's own test suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

# Declared once, before any test configures settings: auth.User is the suite's unswapped
# default. Generated projects with their own accounts.User (loaded in-process by the CLI
# tests) swap it out while their settings are active.
import heron.contrib.auth.models  # noqa: F401
from heron.apps import apps
from heron.conf import settings


@pytest.fixture
def configured() -> Iterator[None]:
    """Install minimal settings for one test and restore whatever was there before."""
    saved = settings._wrapped
    saved_apps = (apps.app_configs, apps.ready)
    settings.configure(DEBUG=True, SECRET_KEY="test-secret", ROOT_URLCONF="tests.site.urls")
    try:
        yield
    finally:
        settings._install(saved)
        apps.app_configs, apps.ready = saved_apps
