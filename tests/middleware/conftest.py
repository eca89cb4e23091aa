"""Fixtures for the middleware tests.

``site``, ``client``, ``async_client`` and ``call`` serve the request-cycle project (as in
tests/asgi); ``secure_site``, ``browser`` and ``async_browser`` serve tests/middleware/site,
with the CSRF and CSP middleware, to clients that enforce the CSRF checks as a browser would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from heron.conf import settings
from heron.conf.settings import Settings
from tests.asgi.conftest import async_client, call, client, site

__all__ = ["async_client", "async_browser", "browser", "call", "client", "secure_site", "site"]

TEMPLATES = str(Path(__file__).parent / "site" / "templates")
MIDDLEWARE = [
    "heron.middleware.security.SecurityMiddleware",
    "heron.middleware.csp.ContentSecurityPolicyMiddleware",
    "heron.middleware.common.CommonMiddleware",
    "heron.middleware.csrf.CsrfViewMiddleware",
]


@pytest.fixture
def secure_site() -> Iterator[Callable[..., Settings]]:
    """Serve tests/middleware/site; call the fixture with setting overrides to change it."""
    from heron.apps import apps

    saved = settings._wrapped
    saved_apps = (apps.app_configs, apps.ready)

    def configure(**overrides: Any) -> Settings:
        apps.reset()
        overrides.setdefault("DEBUG", False)
        overrides.setdefault("SECRET_KEY", "test-secret-key-value")
        overrides.setdefault("ROOT_URLCONF", "tests.middleware.site.urls")
        overrides.setdefault("ALLOWED_HOSTS", ["testserver", "example.com"])
        overrides.setdefault("INSTALLED_APPS", [])
        overrides.setdefault("MIDDLEWARE", MIDDLEWARE)
        overrides.setdefault("TEMPLATES_DIRS", [TEMPLATES])
        configured = settings.configure(**overrides)
        apps.populate(configured.INSTALLED_APPS)
        return configured

    configure()
    try:
        yield configure
    finally:
        settings._install(saved)
        apps.app_configs, apps.ready = saved_apps


@pytest.fixture
def browser(secure_site: Any) -> Any:
    """A client that enforces the CSRF checks (the default test client skips them)."""
    from heron.test import Client

    return Client(enforce_csrf_checks=True)


@pytest.fixture
def async_browser(secure_site: Any) -> Any:
    from heron.test import AsyncClient

    return AsyncClient(enforce_csrf_checks=True)
