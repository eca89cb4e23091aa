from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from heron.apps import apps
from heron.conf import env, settings
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
    "sqlite": "sqlite:///heron-testing.sqlite3",
    "postgresql": os.environ.get("HERON_TEST_POSTGRES_URL", ""),
    "mysql": os.environ.get("HERON_TEST_MYSQL_URL", ""),
}


def _create_notes(alias: str) -> None:
    from heron.db import connections

    wrapper = connections[alias]
    pk = {
        "sqlite": "id INTEGER PRIMARY KEY AUTOINCREMENT",
        "postgresql": "id SERIAL PRIMARY KEY",
        "mysql": "id INTEGER AUTO_INCREMENT PRIMARY KEY",
    }[wrapper.vendor]
    with wrapper.cursor() as cursor:
        cursor.execute(f"CREATE TABLE notes ({pk}, name VARCHAR(50) NOT NULL UNIQUE)")


@pytest.fixture(params=BACKENDS)
def project(request: pytest.FixtureRequest) -> Iterator[str]:
    """Settings for a project on one backend; its test database is made and dropped here."""
    url = URLS[request.param]
    if not url:
        pytest.fail(f"CI=true but no URL is set for {request.param}")
    saved = settings._wrapped
    saved_apps = (apps.app_configs, apps.ready)
    settings.configure(
        DEBUG=True,
        SECRET_KEY="x",
        ROOT_URLCONF="tests.test.site",
        DATABASES={"default": env.db("URL", default=url)},
    )
    databases.on_test_databases_created(_create_notes)
    try:
        yield request.param
    finally:
        databases.teardown_test_databases()
        databases._created_hooks.remove(_create_notes)
        settings._install(saved)
        apps.app_configs, apps.ready = saved_apps
