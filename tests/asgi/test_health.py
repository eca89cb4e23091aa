"""The built-in probes: /health touches nothing, /ready checks every database."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from heron.db import connections
from heron.test import AsyncClient, Client, override_settings
from heron.test.client import run_in_loop


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


DOWN = {"ENGINE": "postgresql", "NAME": "nothing", "HOST": "127.0.0.1", "OPTIONS": {}}
UP = {"ENGINE": "sqlite", "NAME": ":memory:"}


@pytest.fixture
def databases() -> Iterator[None]:
    with override_settings(DATABASES={"default": UP, "down": {**DOWN, "PORT": _closed_port()}}):
        try:
            yield
        finally:
            connections.close_all()


@pytest.mark.usefixtures("databases")
def test_health_answers_without_touching_the_databases(client: Client) -> None:
    response = client.get("/health", headers={"Host": "10.0.0.7"})  # a pod IP, not allowed
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert connections.all(initialized_only=True) == []
    head = client.head("/health")
    assert head.status_code == 200 and head.content == b""


@pytest.mark.usefixtures("databases")
def test_ready_names_the_database_that_is_down(async_client: AsyncClient) -> None:
    response = run_in_loop(lambda: async_client.get("/ready"))
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {
            "databases": {"default": "ok", "down": "unavailable"},
            "caches": {"default": "ok"},
        },
    }


def test_ready_when_every_database_answers(client: Client) -> None:
    with override_settings(DATABASES={"default": UP}):
        response = client.get("/ready")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready",
        "checks": {"databases": {"default": "ok"}, "caches": {"default": "ok"}},
    }


def test_probes_can_be_turned_off(client: Client) -> None:
    with override_settings(HEALTH_CHECK_PATH=None, READY_CHECK_PATH="/-/ready", CACHES={}):
        assert client.get("/health").status_code == 404
        assert client.get("/ready").status_code == 404
        assert client.get("/-/ready").json() == {"status": "ready", "checks": {}}
