"""The admin test site on each backend: SQLite always, PostgreSQL/MariaDB when their URL is
set (required under CI=true). Databases are made once per module and backend; each test
runs in a rolled-back transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from heron.cache import cache
from heron.contrib.auth.models import Permission, User
from heron.test import Client, databases

from ..sites import BACKENDS, backend_urls, installed_site

URLS = backend_urls("heron-admin-tests.sqlite3")
SITE: dict[str, Any] = {
    "DEBUG": True,
    "SECRET_KEY": "admin-tests-secret-key",
    "ROOT_URLCONF": "tests.contrib.admin.site",
    "ALLOWED_HOSTS": ["testserver"],
    "INSTALLED_APPS": [
        "heron.contrib.admin",
        "heron.contrib.sessions",
        "heron.contrib.auth",
        "heron.contrib.messages",
        "heron.contrib.staticfiles",
        "tests.contrib.admin.testapp",
    ],
    "MIDDLEWARE": [
        "heron.middleware.security.SecurityMiddleware",
        "heron.middleware.common.CommonMiddleware",
        "heron.contrib.sessions.middleware.SessionMiddleware",
        "heron.middleware.csrf.CsrfViewMiddleware",
        "heron.contrib.auth.middleware.AuthenticationMiddleware",
        "heron.contrib.messages.middleware.MessageMiddleware",
    ],
    "CACHES": {"default": {"BACKEND": "heron.cache.backends.locmem.LocMemCache"}},
    "RATELIMIT_CACHE": "default",
    "RATELIMIT_ENABLE": True,
    "PASSWORD_HASHERS": ["tests.contrib.auth.fasthash.TwoRounds"],
}


@pytest.fixture(scope="module", params=BACKENDS)
def site(request: pytest.FixtureRequest) -> Iterator[str]:
    """Settings and test databases of the admin site on one backend; yields the vendor."""
    with installed_site(request.param, URLS[request.param], SITE) as vendor:
        yield vendor


@pytest.fixture
def db(site: str) -> Iterator[str]:
    """The site, inside a transaction rolled back after the test."""
    with databases.database_transactions():
        yield site
    cache.clear()


def make_user(name: str, *perms: str, staff: bool = True, superuser: bool = False) -> User:
    user = User.objects.create_user(name, f"{name}@example.com", "pw-" + name)
    user.is_staff = staff
    user.is_superuser = superuser
    user.save()
    for perm in perms:
        app_label, codename = perm.split(".")
        user.user_permissions.add(Permission.objects.get(app_label=app_label, codename=codename))
    return user


@pytest.fixture
def login_as(db: str) -> Callable[..., Client]:
    """``login_as("name", "testapp.view_question", ...)``: a client signed in as a new user."""

    def make(name: str, *perms: str, staff: bool = True, superuser: bool = False) -> Client:
        client = Client()
        client.force_login(make_user(name, *perms, staff=staff, superuser=superuser))
        return client

    return make


@pytest.fixture
def boss(login_as: Callable[..., Client]) -> Client:
    """A superuser's client."""
    return login_as("boss", superuser=True)
