from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from heron.conf import settings
from heron.conf.settings import Settings
from heron.test import Client

from . import site

DEFAULT_MIDDLEWARE = [
    "heron.middleware.security.SecurityMiddleware",
    "heron.middleware.common.CommonMiddleware",
]
MESSAGES = "heron.contrib.messages.middleware.MessageMiddleware"
SESSIONS = "tests.contrib.messages.site.DictSessionMiddleware"


@pytest.fixture(autouse=True)
def configure() -> Iterator[Callable[..., Settings]]:
    """A site with MessageMiddleware (cookie storage: no sessions); call to change settings."""
    saved = settings._wrapped

    def _configure(**overrides: Any) -> Settings:
        overrides.setdefault("DEBUG", True)
        overrides.setdefault("SECRET_KEY", "messages-test-key")
        overrides.setdefault("ROOT_URLCONF", "tests.contrib.messages.site")
        overrides.setdefault("TEMPLATES_DIRS", [str(Path(__file__).parent / "templates")])
        overrides.setdefault("MIDDLEWARE", [*DEFAULT_MIDDLEWARE, MESSAGES])
        return settings.configure(**overrides)

    _configure()
    yield _configure
    settings._install(saved)
    site.SESSIONS.clear()


@pytest.fixture
def client() -> Client:
    return Client()
