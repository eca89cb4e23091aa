"""Edges of the request cycle: 413 the client can read, security headers on errors found
before the view, and requests cut off by the server's graceful-shutdown timeout."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest

from heron.asgi import get_application
from heron.test import override_settings

from . import edges_urls

SECURITY_HEADERS = {b"x-content-type-options", b"referrer-policy", b"x-frame-options"}


@pytest.fixture(autouse=True)
def edges() -> Iterator[None]:
    with override_settings(
        ROOT_URLCONF="tests.asgi.edges_urls",
        MIDDLEWARE=["heron.middleware.security.SecurityMiddleware"],
        DATA_UPLOAD_MAX_MEMORY_SIZE=1000,
        FILE_UPLOAD_MAX_SIZE=1000,
    ):
        yield


def _scope(path: str, method: str, headers: list[tuple[bytes, bytes]], raw_path: bytes) -> Any:
    return {
        "type": "http",
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": raw_path,
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 1234),
        "server": ("testserver", 80),
    }


def call(
    path: str,
    *,
    method: str = "GET",
    chunks: list[bytes] | None = None,
    headers: list[tuple[bytes, bytes]] | None = None,
    raw_path: bytes | None = None,
) -> tuple[int, dict[bytes, bytes], bytes, list[bytes]]:
    """Call the application; returns status, headers, body and the chunks it left unread."""
    left = list(chunks or [])
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if left:
            chunk = left.pop(0)
            return {"type": "http.request", "body": chunk, "more_body": bool(left)}
        await asyncio.sleep(3600)  # a client that sent everything waits for the answer
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    scope = _scope(path, method, headers or [], raw_path or path.encode())
    asyncio.run(get_application()(scope, receive, send))
    start = messages[0]
    return (
        start["status"],
        dict(start["headers"]),
        b"".join(m.get("body", b"") for m in messages[1:]),
        left,
    )


BODIES = {
    "urlencoded": (b"application/x-www-form-urlencoded", b"a=" + b"x" * 498),
    "json": (b"application/json", b'"' + b"x" * 498 + b'"'),
    "multipart": (
        b"multipart/form-data; boundary=B",
        b'--B\r\nContent-Disposition: form-data; name="f"; filename="f.txt"\r\n\r\n'
        + b"x" * 400
        + b"\r\n",
    ),
}


@pytest.mark.parametrize("kind", sorted(BODIES))
@pytest.mark.parametrize("framing", ["content-length", "chunked"])
def test_a_body_over_the_limit_is_read_to_the_end_then_refused(kind: str, framing: str) -> None:
    content_type, piece = BODIES[kind]
    chunks = [piece] * 6  # 3 kB in 500-byte pieces, over the 1,000-byte limits
    length = sum(map(len, chunks))
    framing_header = (
        (b"content-length", str(length).encode())
        if framing == "content-length"
        else (b"transfer-encoding", b"chunked")
    )
    status, headers, body, left = call(
        "/echo/",
        method="POST",
        chunks=chunks,
        headers=[(b"content-type", content_type), framing_header],
    )
    assert status == 413
    assert left == []  # everything the client sent was read before answering
    setting = b"FILE_UPLOAD_MAX_SIZE" if kind == "multipart" else b"DATA_UPLOAD_MAX_MEMORY_SIZE"
    assert setting in body
    assert set(headers) >= SECURITY_HEADERS


def test_a_client_waiting_for_100_continue_is_refused_at_once() -> None:
    status, _, _, left = call(
        "/echo/",
        method="POST",
        chunks=[b"x" * 500] * 4,
        headers=[
            (b"content-type", b"application/json"),
            (b"content-length", b"2000"),
            (b"expect", b"100-continue"),
        ],
    )
    assert status == 413
    assert len(left) == 4


def test_invalid_utf8_path_gets_400_with_the_security_headers() -> None:
    status, headers, body, _ = call("/echo/", raw_path=b"/echo%ff/")
    assert status == 400
    assert b"The URL path is not valid UTF-8 once percent-decoded." in body
    assert set(headers) >= SECURITY_HEADERS


def test_request_cut_off_by_the_shutdown_timeout_gets_503() -> None:
    messages: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")

    async def send(message: dict[str, Any]) -> None:
        messages.append(message)

    async def main() -> None:
        edges_urls.started.clear()
        task = asyncio.create_task(
            get_application()(_scope("/hang/", "GET", [], b"/hang/"), receive, send)
        )
        await edges_urls.started.wait()
        task.cancel()  # what uvicorn does when --graceful-timeout passes
        await task  # the application answers instead of raising CancelledError

    asyncio.run(main())
    assert messages[0]["status"] == 503
    headers = dict(messages[0]["headers"])
    assert headers[b"retry-after"] == b"1"
    assert headers[b"connection"] == b"close"
    assert messages[1]["body"] == b"The server is restarting. Please try again in a moment."
