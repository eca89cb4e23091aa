"""The auth test site on each backend: SQLite always, PostgreSQL/MariaDB when their URL is set
(required under CI=true). Test databases are made once per module and backend (migrations
run, permissions created after migrate); each test runs in a rolled-back transaction."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from heron.apps import apps
from heron.cache import cache
from heron.conf import env, settings
from heron.mail import outbox
from heron.test import databases

BACKENDS = ["sqlite"] + [
    vendor
    for vendor, var in (
        ("postgresql", "HERON_TEST_POSTGRES_URL"),
        ("mysql", "HERON_TEST_MYSQL_URL"),
    )
    if os.environ.get(var) or os.environ.get("CI") == "true"
]
URLS = {
    "sqlite": "sqlite:///heron-auth-tests.sqlite3",
    "postgresql": os.environ.get("HERON_TEST_POSTGRES_URL", ""),
    "mysql": os.environ.get("HERON_TEST_MYSQL_URL", ""),
}
MIDDLEWARE = [
    "heron.middleware.security.SecurityMiddleware",
    "heron.middleware.common.CommonMiddleware",
    "heron.contrib.sessions.middleware.SessionMiddleware",
    "heron.middleware.csrf.CsrfViewMiddleware",
    "heron.contrib.auth.middleware.AuthenticationMiddleware",
]
SITE: dict[str, Any] = {
    "DEBUG": True,
    "SECRET_KEY": "auth-tests-secret-key",
    "ROOT_URLCONF": "tests.contrib.auth.site",
    "ALLOWED_HOSTS": ["testserver"],
    "INSTALLED_APPS": [
        "heron.contrib.sessions",
        "heron.contrib.auth",
        "tests.contrib.auth.testapp",
    ],
    "MIDDLEWARE": MIDDLEWARE,
    "EMAIL_BACKEND": "heron.mail.backends.locmem.EmailBackend",
    "DEFAULT_FROM_EMAIL": "site@example.com",
    "CACHES": {"default": {"BACKEND": "heron.cache.backends.locmem.LocMemCache"}},
    "RATELIMIT_CACHE": "default",
    "RATELIMIT_ENABLE": True,
    "RATELIMIT_KEY_PREFIX": "heron.rl",
    "RATELIMIT_IPV6_PREFIX": 64,
    "AUTH_PASSWORD_VALIDATORS": [
        {"NAME": "heron.contrib.auth.password_validation.MinimumLengthValidator"},
        {"NAME": "heron.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    ],
}


@pytest.fixture(scope="module", params=BACKENDS)
def site(request: pytest.FixtureRequest) -> Iterator[str]:
    """Settings and test databases of the auth site on one backend; yields the vendor."""
    url = URLS[request.param]
    if not url:
        pytest.fail(f"CI=true but no URL is set for {request.param}")
    saved = settings._wrapped
    saved_apps = (apps.app_configs, apps.ready)
    apps.reset()
    configured = settings.configure(**SITE, DATABASES={"default": env.db("URL", default=url)})
    apps.populate(configured.INSTALLED_APPS)
    databases.setup_test_databases()
    try:
        yield request.param
    finally:
        databases.teardown_test_databases()
        settings._install(saved)
        apps.app_configs, apps.ready = saved_apps


@pytest.fixture
def db(site: str) -> Iterator[str]:
    """The site, inside a transaction rolled back after the test."""
    outbox.clear()
    with databases.database_transactions():
        yield site
    cache.clear()
