"""The auth test site on each backend: SQLite always, PostgreSQL/MariaDB when their URL is set
(required under CI=true). Test databases are made once per module and backend (migrations
run, permissions created after migrate); each test runs in a rolled-back transaction."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from heron.cache import cache
from heron.mail import outbox
from heron.test import databases

from ..sites import BACKENDS, backend_urls, installed_site

URLS = backend_urls("heron-auth-tests.sqlite3")
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
    with installed_site(request.param, URLS[request.param], SITE) as vendor:
        yield vendor


@pytest.fixture
def db(site: str) -> Iterator[str]:
    """The site, inside a transaction rolled back after the test."""
    outbox.clear()
    with databases.database_transactions():
        yield site
    cache.clear()
