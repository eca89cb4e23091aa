from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from heron.conf import settings
from heron.conf.settings import Settings


@pytest.fixture(autouse=True)
def configure() -> Iterator[Callable[..., Settings]]:
    """Configure settings (DEBUG on) for the test; call the fixture to change them."""
    saved = settings._wrapped

    def _configure(**overrides: Any) -> Settings:
        overrides.setdefault("DEBUG", True)
        overrides.setdefault("SECRET_KEY", "test-secret-key-value")
        return settings.configure(**overrides)

    _configure()
    yield _configure
    settings._install(saved)


SITE_MIDDLEWARE = [
    "heron.contrib.messages.middleware.MessageMiddleware",
    "tests.templates.site.middleware.RequestExtrasMiddleware",
]


@pytest.fixture
def site(configure: Callable[..., Settings]) -> Iterator[Callable[..., Settings]]:
    """Serve tests/templates/site (an installed app with templates) to the test clients.

    Call the fixture with setting overrides to reconfigure the site.
    """
    from heron.apps import apps

    saved_apps = (apps.app_configs, apps.ready)

    def _site(**overrides: Any) -> Settings:
        apps.reset()
        overrides.setdefault("ROOT_URLCONF", "tests.templates.site.urls")
        overrides.setdefault("ALLOWED_HOSTS", ["testserver"])
        overrides.setdefault("INSTALLED_APPS", ["tests.templates.site", "heron.contrib.messages"])
        overrides.setdefault("MIDDLEWARE", SITE_MIDDLEWARE)
        overrides.setdefault(
            "MESSAGE_STORAGE", "heron.contrib.messages.storage.cookie.CookieStorage"
        )
        configured = configure(**overrides)
        apps.populate(configured.INSTALLED_APPS)
        return configured

    _site()
    try:
        yield _site
    finally:
        apps.app_configs, apps.ready = saved_apps


@pytest.fixture
def client(site: Any) -> Any:
    from heron.test import Client

    return Client()


@pytest.fixture
def async_client(site: Any) -> Any:
    from heron.test import AsyncClient

    return AsyncClient()
