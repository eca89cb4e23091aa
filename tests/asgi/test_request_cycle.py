"""The request cycle end to end, through the in-process client, sync and async."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from heron.asgi import get_application, on_shutdown, on_startup
from heron.asgi import lifespan as lifespan_module
from heron.test import Client, override_settings


def test_sync_view_runs_in_thread_pool_async_view_on_loop(call: Any) -> None:
    sync = call("get", "/hello/")
    assert sync.status_code == 200
    assert sync.text.startswith("hello from heron-sync")
    asynchronous = call("get", "/hello-async/")
    assert asynchronous.text == "async hello from MainThread"


def test_url_kwargs_are_converted(call: Any) -> None:
    assert call("get", "/articles/2024/hello-world/").text == "2024:hello-world"
    assert call("get", "/articles/year/hello/").status_code == 404


def test_json_view_and_query_string(call: Any) -> None:
    response = call("get", "/api/", data={"q": ["a", "b"]})
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"message": "hello", "q": ["a", "b"]}


def test_class_based_views(call: Any) -> None:
    assert call("get", "/greeting/").text == "hello"
    assert call("post", "/greeting/").status_code == 201
    not_allowed = call("delete", "/greeting/")
    assert not_allowed.status_code == 405
    assert not_allowed.headers["Allow"] == "GET, HEAD, POST, OPTIONS"
    assert call("get", "/agreeting/").text == "async view class"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/missing/", 404),
        ("/forbidden/", 403),
        ("/bad/", 400),
        ("/suspicious/", 400),
        ("/nowhere/", 404),
        ("/crash/", 500),
        ("/no-response/", 500),
    ],
)
def test_exceptions_become_responses(call: Any, path: str, status: int) -> None:
    response = call("get", path)
    assert response.status_code == status
    assert "Traceback" not in response.text  # DEBUG is off: no technical details


def test_wrong_method_is_405_with_allow(call: Any) -> None:
    response = call("get", "/only-post/")
    assert response.status_code == 405
    assert response.headers["Allow"] == "POST"


def test_head_has_headers_but_no_body(call: Any) -> None:
    response = call("head", "/hello/")
    assert response.status_code == 200
    assert response.content == b""
    assert int(response.headers["content-length"]) > 0


def test_500_is_logged_with_the_request_line(
    client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="heron.request"):
        client.get("/crash/?x=1")
    record = caplog.records[-1]
    assert record.getMessage() == "Internal Server Error: GET /crash/?x=1"
    assert record.exc_info is not None and record.exc_info[0] is ValueError


def test_debug_500_page_shows_source_and_locals_escaped(client: Client) -> None:
    with override_settings(DEBUG=True):
        response = client.get("/crash/", headers={"Accept": "text/html"})
    assert response.status_code == 500
    assert "ValueError" in response.text
    assert "secret_local" in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text
    assert "<script>alert(1)</script>" not in response.text
    assert "boom &lt;b&gt;" in response.text


def test_debug_404_lists_patterns_tried(client: Client) -> None:
    with override_settings(DEBUG=True):
        response = client.get("/nowhere/", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert "articles/&lt;int:year&gt;/&lt;slug:slug&gt;/" in response.text


def test_view_returning_none_names_the_view(client: Client) -> None:
    with override_settings(DEBUG=True):
        response = client.get("/no-response/", headers={"Accept": "text/plain"})
    assert (
        "The view tests.site.views.no_response did not return an HttpResponse; it returned "
        "NoneType." in response.text
    )


def test_follow_redirects(client: Client) -> None:
    response = client.get("/go-home/", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain == [("/hello/", 302)]


def test_cookies_kept_between_requests(client: Client) -> None:
    assert client.get("/cookie/read/").text == "none"
    set_response = client.get("/cookie/set/")
    assert "HttpOnly" in set_response.headers["set-cookie"]
    assert client.get("/cookie/read/").text == "oat"


def test_streaming_sync_and_async(call: Any) -> None:
    assert call("get", "/stream/").text == "line 0\nline 1\nline 2\n"
    assert call("get", "/astream/").text == "chunk 0\nchunk 1\nchunk 2\n"


def test_template_and_context_captured(client: Client) -> None:
    response = client.get("/page/")
    assert response.text.strip() == "<h1>Hi &lt;there&gt;</h1>"
    assert response.templates == ["site/page.html"]
    assert response.context is not None and response.context["title"] == "Hi <there>"


def test_lifespan_runs_startup_and_shutdown_hooks() -> None:
    import asyncio

    events: list[str] = []

    @on_startup
    async def start() -> None:
        events.append("start")

    @on_shutdown
    def stop() -> None:
        events.append("stop")

    async def drive() -> list[str]:
        app = get_application()
        inbox = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
        sent: list[str] = []

        async def receive() -> dict[str, str]:
            return inbox.pop(0)

        async def send(message: dict[str, str]) -> None:
            sent.append(message["type"])

        await app({"type": "lifespan"}, receive, send)  # type: ignore[arg-type]
        return sent

    try:
        sent = asyncio.run(drive())
    finally:
        lifespan_module.startup_hooks.remove(start)
        lifespan_module.shutdown_hooks.remove(stop)
    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
    assert events == ["start", "stop"]


def test_failing_startup_hook_reports_failure() -> None:
    import asyncio

    @on_startup
    def explode() -> None:
        raise RuntimeError("no database")

    async def drive() -> list[dict[str, str]]:
        app = get_application()
        sent: list[dict[str, str]] = []

        async def receive() -> dict[str, str]:
            return {"type": "lifespan.startup"}

        async def send(message: dict[str, str]) -> None:
            sent.append(message)

        await app({"type": "lifespan"}, receive, send)  # type: ignore[arg-type]
        return sent

    try:
        sent = asyncio.run(drive())
    finally:
        lifespan_module.startup_hooks.remove(explode)
    assert sent == [{"type": "lifespan.startup.failed", "message": "RuntimeError('no database')"}]
