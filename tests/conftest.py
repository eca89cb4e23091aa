"""Shared fixtures for Heron's own test suite."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

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
