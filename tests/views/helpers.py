"""Build requests for view tests without a server."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from heron.http import HttpRequest


def make_request(
    method: str = "GET",
    path: str = "/",
    *,
    query_string: bytes = b"",
    headers: Iterable[tuple[str, str]] = (),
) -> HttpRequest:
    """Return a request for ``method path`` built from a minimal ASGI scope."""
    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode("utf-8"),
        "root_path": "",
        "query_string": query_string,
        "headers": [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    return HttpRequest(scope)


def html_request(method: str = "GET", path: str = "/", **kwargs: Any) -> HttpRequest:
    """Return a request whose Accept header asks for HTML, as a browser's does."""
    headers = [("accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")]
    headers.extend(kwargs.pop("headers", ()))
    return make_request(method, path, headers=headers, **kwargs)
