"""A database that cannot be reached answers 503 with Retry-After, never 500."""

from __future__ import annotations

import logging
import socket
from collections.abc import Iterator

import pytest

from heron.db import connections
from heron.test import Client, override_settings


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(autouse=True)
def down_database() -> Iterator[None]:
    down = {
        "ENGINE": "postgresql",
        "NAME": "nothing",
        "HOST": "127.0.0.1",
        "PORT": _closed_port(),
        "OPTIONS": {"breaker_threshold": 2},
    }
    with override_settings(
        ROOT_URLCONF="tests.asgi.dbdown_urls",
        DATABASES={"down": down},
        MIDDLEWARE=["heron.middleware.security.SecurityMiddleware"],
    ):
        try:
            yield
        finally:
            connections.close_all()


@pytest.mark.parametrize("path", ["/read/", "/aread/"])
def test_unreachable_database_answers_503_with_retry_after(
    client: Client, path: str, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="heron.request"):
        # Refused twice (each a connection attempt), then the open breaker answers at once.
        for _ in range(3):
            response = client.get(path)
            assert response.status_code == 503
            assert response["Retry-After"] == "1"
            assert response["Content-Type"] == "text/html; charset=utf-8"
            assert "The site is briefly unavailable. Please try again in a moment." in response.text
            assert response["X-Content-Type-Options"] == "nosniff"
    messages = [r.getMessage() for r in caplog.records]
    assert messages[0].startswith(
        f"Service Unavailable: GET {path}: Could not connect to database 'down': "
    )
    assert messages[2].startswith(
        f"Service Unavailable: GET {path}: Database 'down' is unavailable: 2 connection "
        "attempts in a row failed (last: "
    )
    assert all(r.exc_info is None for r in caplog.records)  # no traceback for an outage


def test_json_clients_get_a_json_503(client: Client) -> None:
    response = client.get("/read/", headers={"Accept": "application/json"})
    assert response.status_code == 503
    assert response["Retry-After"] == "1"
    assert response.json() == {"status": 503, "error": "Service Unavailable"}


def test_statement_timeout_answers_504(client: Client) -> None:
    response = client.get("/slow/")
    assert response.status_code == 504
    assert "The site took too long to answer." in response.text
    assert "Retry-After" not in response.headers
