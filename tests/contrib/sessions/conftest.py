"""A site with SessionMiddleware on each session backend and each database.

``site`` configures one (database vendor, session engine) pair: SQLite always, PostgreSQL
and MariaDB when their URLs are set (required under ``CI=true``); the ``heron_session``
table comes from the app's migration; each test runs in a transaction rolled back at its
end. The cache engines use Redis at ``HERON_TEST_REDIS_URL`` (required under ``CI=true``;
local memory without it), emptied before each test. ``mode`` is ``"s"`` or ``"a"``: the
sync or the async flavour of each view.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from heron.apps import apps
from heron.cache import caches
from heron.conf import settings
from heron.conf.settings import Settings
from heron.db import connections
from heron.db.migrations.executor import MigrationExecutor
from heron.db.testing import begin_test_transaction, rollback_test_transaction
from heron.test import Client
from tests.db.conftest import _available, _drop_test_databases, _test_settings

__all__ = ["_drop_test_databases"]  # the session fixture dropping server test databases

ENGINES = {
    "db": "heron.contrib.sessions.backends.db",
    "signed_cookies": "heron.contrib.sessions.backends.signed_cookies",
    "cache": "heron.contrib.sessions.backends.cache",
    "cached_db": "heron.contrib.sessions.backends.cached_db",
}
CACHED = ("cache", "cached_db")
IN_CI = os.environ.get("CI", "").lower() == "true"
REDIS_URL_VAR = "HERON_TEST_REDIS_URL"
MIDDLEWARE = [
    "heron.middleware.security.SecurityMiddleware",
    "heron.middleware.common.CommonMiddleware",
    "heron.contrib.sessions.middleware.SessionMiddleware",
    "heron.contrib.messages.middleware.MessageMiddleware",
]


@dataclass
class Site:
    vendor: str
    engine: str
    configure: Callable[..., Settings]

    @property
    def stores_rows(self) -> bool:
        """Sessions are rows of heron_session."""
        return self.engine in ("db", "cached_db")

    @property
    def server_side(self) -> bool:
        """Sessions live on the server (not in the cookie)."""
        return self.engine != "signed_cookies"


def _caches(engine: str) -> dict[str, Any]:
    if engine not in CACHED:
        return {"default": {"BACKEND": "locmem"}}
    url = os.environ.get(REDIS_URL_VAR)
    if url:
        return {"default": {"BACKEND": "redis", "LOCATION": url}}
    if IN_CI:
        pytest.fail(f"CI=true but {REDIS_URL_VAR} is not set: cache sessions must run on Redis.")
    return {"default": {"BACKEND": "locmem"}}


def _settings(vendor: str, engine: str, **overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "DEBUG": True,
        "SECRET_KEY": "sessions-test-key",
        "ROOT_URLCONF": "tests.contrib.sessions.site",
        "TEMPLATES_DIRS": [str(Path(__file__).parent / "templates")],
        "INSTALLED_APPS": ["heron.contrib.sessions", "heron.contrib.messages"],
        "MIDDLEWARE": MIDDLEWARE,
        "DATABASES": {"default": _test_settings(vendor)},
        "SESSION_ENGINE": ENGINES[engine],
        "CACHES": _caches(engine),
    }
    values.update(overrides)
    return values


@pytest.fixture(params=list(ENGINES))
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=_available())
def vendor(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def site(vendor: str, engine: str) -> Iterator[Site]:
    saved = settings._wrapped
    saved_apps = (apps.app_configs, apps.ready)

    def configure(**overrides: Any) -> Settings:
        configured = settings.configure(**_settings(vendor, engine, **overrides))
        apps.reset()
        apps.populate(configured.INSTALLED_APPS)
        return configured

    configure()
    if engine in CACHED:
        caches["default"].clear()
    MigrationExecutor(connections["default"]).migrate()
    begin_test_transaction("default")
    try:
        yield Site(vendor, engine, configure)
    finally:
        try:
            rollback_test_transaction("default")
        finally:
            connections.close_all()
            settings._install(saved)
            apps.app_configs, apps.ready = saved_apps


@pytest.fixture(params=["s", "a"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def client(site: Site) -> Client:
    return Client()
