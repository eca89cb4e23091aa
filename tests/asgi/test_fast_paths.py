"""The request cycle's fast paths keep the general behaviour: overridden ``close()`` and
``send_asgi()``, path() extras on static routes, Host checks, ``response_statuses``."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from heron.asgi import get_application
from heron.test import Client, override_settings

from . import fastpath_urls


@pytest.fixture(autouse=True)
def fastpath_site() -> Iterator[None]:
    fastpath_urls.closed.clear()
    fastpath_urls.seen_statuses.clear()
    with override_settings(ROOT_URLCONF="tests.asgi.fastpath_urls"):
        yield


def send_raw(path: str, headers: list[tuple[bytes, bytes]], method: str = "GET") -> list[Any]:
    """Run one request with exactly these headers; return the ASGI messages sent."""
    app = get_application()
    scope: dict[str, Any] = {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": headers,
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
    }
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    asyncio.run(app(scope, receive, send))
    return messages


def test_a_response_with_its_own_close_is_closed(client: Client) -> None:
    response = client.get("/closing/")
    assert response.text == "closing"
    assert fastpath_urls.closed == ["custom close"]


def test_a_close_from_a_mixin_runs(client: Client) -> None:
    assert client.get("/mixed-in/").text == "mixed in"
    assert fastpath_urls.closed == ["mixin close"]


def test_a_response_with_its_own_send_asgi_sends_itself(client: Client) -> None:
    response = client.get("/chunked/")
    assert response.status_code == 200
    assert response.content == b"part 1, part 2"


def test_path_extras_reach_a_view_on_a_static_route(client: Client) -> None:
    assert client.get("/extras/").text == "colour=blue,size=3"


def test_plain_response_messages() -> None:
    messages = send_raw("/plain/", [(b"host", b"testserver")])
    assert messages == [
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"x-content-type-options", b"nosniff"),
                (b"referrer-policy", b"same-origin"),
                (b"cross-origin-opener-policy", b"same-origin"),
                (b"cross-origin-resource-policy", b"same-origin"),
                (b"x-frame-options", b"DENY"),
                (b"content-type", b"text/plain"),
                (b"content-length", b"5"),
            ],
        },
        {"type": "http.response.body", "body": b"plain"},
    ]
    head = send_raw("/plain/", [(b"host", b"testserver")], method="HEAD")
    assert head[0]["headers"][-1] == (b"content-length", b"5")
    assert head[1] == {"type": "http.response.body", "body": b""}


def test_host_checked_on_every_request_after_one_was_allowed() -> None:
    allowed = [(b"host", b"example.com")]
    assert send_raw("/plain/", allowed)[0]["status"] == 200
    assert send_raw("/plain/", allowed)[0]["status"] == 200  # the remembered host
    assert send_raw("/plain/", [(b"host", b"evil.com")])[0]["status"] == 400
    doubled = [(b"host", b"example.com"), (b"host", b"example.com")]
    assert send_raw("/plain/", doubled)[0]["status"] == 400


def test_host_remembered_per_settings() -> None:
    assert send_raw("/plain/", [(b"host", b"example.com")])[0]["status"] == 200
    with override_settings(ALLOWED_HOSTS=["testserver"]):
        assert send_raw("/plain/", [(b"host", b"example.com")])[0]["status"] == 400


def test_response_statuses_limit_process_response(client: Client) -> None:
    with override_settings(MIDDLEWARE=["tests.asgi.fastpath_urls.NotFoundWatcher"]):
        ok = client.get("/plain/")
        gone = client.get("/missing/")
        unknown = client.get("/nowhere/")
    assert "X-Watched" not in ok.headers
    assert gone.headers["X-Watched"] == "yes"
    assert unknown.headers["X-Watched"] == "yes"
    assert fastpath_urls.seen_statuses == [404, 404]
