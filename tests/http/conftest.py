"""Helpers for the HTTP tests: hand-built ASGI scopes, a fake receive and a recording send.

They are offered as fixtures, so a test asks for ``make_scope``, ``make_request`` or
``send_response`` by name.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import pytest

from heron.http import HttpRequest, HttpResponseBase, RequestBody, RequestConfig

HeaderList = Mapping[str, str] | Iterable[tuple[str, str]] | None


def build_scope(
    method: str = "GET",
    path: str = "/",
    headers: HeaderList = None,
    query_string: bytes | str = b"",
    client: tuple[str, int] | None = ("127.0.0.1", 50000),
    *,
    scheme: str = "http",
    server: tuple[str, int | None] | None = ("localhost", 80),
    root_path: str = "",
) -> dict[str, Any]:
    """Return an ASGI HTTP scope; ``headers`` are (name, value) strings."""
    pairs = headers.items() if isinstance(headers, Mapping) else (headers or [])
    if isinstance(query_string, str):
        query_string = query_string.encode("latin-1")
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": scheme,
        "path": path,
        "raw_path": path.encode("utf-8"),
        "root_path": root_path,
        "query_string": query_string,
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in pairs],
        "client": client,
        "server": server,
    }


class Receive:
    """A fake ASGI ``receive`` that hands out body chunks, then (optionally) a disconnect."""

    def __init__(self, chunks: Iterable[bytes] = (), *, disconnect: bool = False) -> None:
        chunks = list(chunks)
        self.messages: list[dict[str, Any]] = [
            {"type": "http.request", "body": chunk, "more_body": i < len(chunks) - 1}
            for i, chunk in enumerate(chunks)
        ]
        if disconnect:
            for message in self.messages:
                message["more_body"] = True
            self.messages.append({"type": "http.disconnect"})
        self.calls = 0

    async def __call__(self) -> dict[str, Any]:
        self.calls += 1
        if not self.messages:
            raise AssertionError("receive() called after the last message")
        return self.messages.pop(0)


class Sent:
    """A recording ASGI ``send``; the properties read back what the app sent."""

    def __init__(self) -> None:
        self.messages: list[dict[str, Any]] = []

    async def __call__(self, message: dict[str, Any]) -> None:
        self.messages.append(message)

    @property
    def status(self) -> int:
        return int(self.messages[0]["status"])

    @property
    def headers(self) -> list[tuple[str, str]]:
        return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in self.messages[0]["headers"]]

    def header(self, name: str) -> str | None:
        values = [v for k, v in self.headers if k == name.lower()]
        assert len(values) <= 1, f"{name} sent {len(values)} times"
        return values[0] if values else None

    def header_list(self, name: str) -> list[str]:
        return [v for k, v in self.headers if k == name.lower()]

    @property
    def body_messages(self) -> list[dict[str, Any]]:
        return self.messages[1:]

    @property
    def body(self) -> bytes:
        return b"".join(m.get("body", b"") for m in self.body_messages)


@pytest.fixture
def make_scope() -> Callable[..., dict[str, Any]]:
    return build_scope


@pytest.fixture
def make_request() -> Callable[..., HttpRequest]:
    def make(
        method: str = "GET",
        path: str = "/",
        headers: HeaderList = None,
        query_string: bytes | str = b"",
        body: bytes | RequestBody = b"",
        config: RequestConfig | None = None,
        **scope_kwargs: Any,
    ) -> HttpRequest:
        scope = build_scope(method, path, headers, query_string, **scope_kwargs)
        return HttpRequest(scope, body, config or RequestConfig.default())

    return make


@pytest.fixture
def send_response() -> Callable[..., Sent]:
    def send(response: HttpResponseBase, request: HttpRequest | None = None) -> Sent:
        sent = Sent()
        try:
            asyncio.run(response.send_asgi(sent, request))
        finally:
            response.close()
        return sent

    return send


@pytest.fixture
def receive_from() -> type[Receive]:
    """``receive_from([b"chunk", ...], disconnect=False)`` builds a fake ``receive``."""
    return Receive
