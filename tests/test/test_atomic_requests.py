"""ATOMIC_REQUESTS: views run in atomic(); an exception rolls their writes back."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from heron.apps import apps
from heron.conf import env, settings
from heron.db import connection
from heron.test import AsyncClient, Client, databases, override_settings
from heron.test.client import run_in_loop
from heron.test.databases import database_transactions

from .conftest import BACKENDS, URLS, _create_notes


@pytest.fixture(params=BACKENDS)
def atomic_project(request: pytest.FixtureRequest) -> Iterator[str]:
    url = URLS[request.param]
    if not url:
        pytest.fail(f"CI=true but no URL is set for {request.param}")
    saved = settings._wrapped
    saved_apps = (apps.app_configs, apps.ready)
    settings.configure(
        DEBUG=False,
        SECRET_KEY="x",
        ROOT_URLCONF="tests.test.atomic_site",
        DATABASES={"default": {**env.db("URL", default=url), "ATOMIC_REQUESTS": True}},
    )
    databases.on_test_databases_created(_create_notes)
    try:
        yield request.param
    finally:
        databases.teardown_test_databases()
        databases._created_hooks.remove(_create_notes)
        settings._install(saved)
        apps.app_configs, apps.ready = saved_apps


def _names() -> list[str]:
    rows = connection.execute("SELECT name FROM notes ORDER BY name", None)
    return [row[0] for row in rows]


def test_sync_view_runs_in_atomic_and_rolls_back(atomic_project: str) -> None:
    with database_transactions():
        client = Client()
        assert client.get("/write/kept/").json() == {"depth": 1}
        assert client.get("/write/lost/", {"fail": "1"}).status_code == 500
        assert _names() == ["kept"]


def test_async_view_runs_in_atomic_and_rolls_back(atomic_project: str) -> None:
    with database_transactions():
        client = AsyncClient()
        ok = run_in_loop(lambda: client.get("/awrite/kept/"))
        assert ok.json() == {"depth": 1}
        failed = run_in_loop(lambda: client.get("/awrite/lost/", {"fail": "1"}))
        assert failed.status_code == 500
        assert _names() == ["kept"]


def test_non_atomic_views_keep_their_writes(atomic_project: str) -> None:
    with database_transactions():
        client = Client()
        assert client.get("/free/a/").json() == {"depth": 0}
        assert client.get("/free/b/", {"fail": "1"}).status_code == 500
        response = run_in_loop(lambda: AsyncClient().get("/afree/c/", {"fail": "1"}))
        assert response.status_code == 500
        # exempt on another alias only: still atomic on "default"
        assert client.get("/other-exempt/d/", {"fail": "1"}).status_code == 500
        assert _names() == ["a", "b", "c"]


def test_rollback_without_a_test_transaction(atomic_project: str) -> None:
    databases.setup_test_databases()
    client = Client()
    assert client.get("/write/lost/", {"fail": "1"}).status_code == 500
    assert (
        run_in_loop(lambda: AsyncClient().get("/awrite/lost2/", {"fail": "1"})).status_code == 500
    )
    assert client.get("/write/kept/").status_code == 200
    assert _names() == ["kept"]
    connection.execute("DELETE FROM notes", None, fetch="none")


def test_without_the_setting_views_are_not_wrapped(project: str) -> None:
    with database_transactions(), override_settings(ROOT_URLCONF="tests.test.atomic_site"):
        assert Client().get("/write/x/").json() == {"depth": 0}
        assert Client().get("/write/y/", {"fail": "1"}).status_code == 500
        assert _names() == ["x", "y"]
