"""Build ASGI scopes and bodies for test requests; shared by the clients and RequestFactory."""

from __future__ import annotations

import mimetypes
import os
import uuid
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode, urlsplit

import orjson

__all__ = ["RequestSpec", "build_request", "encode_multipart"]

DataArg = Mapping[str, Any] | Iterable[tuple[str, Any]] | str | bytes | None


class RequestSpec:
    """An ASGI scope plus the body bytes that go with it."""

    __slots__ = ("body", "scope")

    def __init__(self, scope: dict[str, Any], body: bytes) -> None:
        self.scope = scope
        self.body = body


def _pairs(data: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> list[tuple[str, Any]]:
    items = data.items() if isinstance(data, Mapping) else data
    pairs: list[tuple[str, Any]] = []
    for key, value in items:
        if isinstance(value, list | tuple):
            pairs.extend((key, item) for item in value)
        else:
            pairs.append((key, value))
    return pairs


def _is_file(value: Any) -> bool:
    return hasattr(value, "read") and callable(value.read)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def encode_multipart(pairs: list[tuple[str, Any]], boundary: str) -> bytes:
    """Encode fields and files (objects with ``read()`` and maybe ``name``) as multipart."""
    out: list[bytes] = []
    for key, value in pairs:
        out.append(f"--{boundary}\r\n".encode())
        if _is_file(value):
            filename = os.path.basename(getattr(value, "name", "") or "upload.bin")
            content = value.read()
            if isinstance(content, str):
                content = content.encode()
            ctype = (
                getattr(value, "content_type", None)
                or mimetypes.guess_type(filename)[0]
                or "application/octet-stream"
            )
            out.append(
                f'Content-Disposition: form-data; name="{key}"; filename="{filename}"\r\n'
                f"Content-Type: {ctype}\r\n\r\n".encode()
            )
            out.append(content)
        else:
            out.append(f'Content-Disposition: form-data; name="{key}"\r\n\r\n'.encode())
            out.append(_text(value).encode())
        out.append(b"\r\n")
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out)


def build_request(
    method: str,
    path: str,
    *,
    data: DataArg = None,
    json: Any = None,
    query_params: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
    content_type: str | None = None,
    cookies: Mapping[str, str] | None = None,
    secure: bool = False,
    host: str = "testserver",
    client: tuple[str, int] = ("127.0.0.1", 50000),
) -> RequestSpec:
    """Return the scope and body a real server would hand Heron for this request."""
    method = method.upper()
    parts = urlsplit(path)
    query = parts.query
    body = b""
    header_list: list[tuple[bytes, bytes]] = []
    if parts.scheme == "https":
        secure = True
    if parts.netloc:
        host = parts.netloc
    extra_query: list[tuple[str, Any]] = []
    if query_params:
        extra_query.extend(_pairs(query_params))
    if json is not None:
        body = orjson.dumps(json)
        content_type = content_type or "application/json"
    elif data is not None:
        if method in ("GET", "HEAD", "DELETE", "OPTIONS") and not isinstance(data, str | bytes):
            extra_query.extend(_pairs(data))
        elif isinstance(data, bytes):
            body = data
        elif isinstance(data, str):
            body = data.encode()
        else:
            pairs = _pairs(data)
            if content_type is None and any(_is_file(v) for _, v in pairs):
                boundary = "heron-" + uuid.uuid4().hex
                body = encode_multipart(pairs, boundary)
                content_type = f"multipart/form-data; boundary={boundary}"
            elif content_type and content_type.startswith("multipart/form-data"):
                boundary = content_type.partition("boundary=")[2] or "heron-boundary"
                body = encode_multipart(pairs, boundary)
                content_type = f"multipart/form-data; boundary={boundary}"
            else:
                body = urlencode([(k, _text(v)) for k, v in pairs]).encode()
                content_type = content_type or "application/x-www-form-urlencoded"
    if extra_query:
        encoded = urlencode([(k, _text(v)) for k, v in extra_query])
        query = f"{query}&{encoded}" if query else encoded
    if not any(name.lower() == "host" for name in headers or {}):
        header_list.append((b"host", host.encode("idna") if not host.isascii() else host.encode()))
    if body or method in ("POST", "PUT", "PATCH"):
        header_list.append((b"content-length", str(len(body)).encode()))
    if content_type:
        header_list.append((b"content-type", content_type.encode("latin-1")))
    if cookies:
        cookie = "; ".join(f"{k}={v}" for k, v in cookies.items())
        header_list.append((b"cookie", cookie.encode("latin-1")))
    for name, value in (headers or {}).items():
        header_list.append((name.lower().encode("latin-1"), str(value).encode("latin-1")))
    raw_path = (parts.path or "/").encode("utf-8")
    from urllib.parse import unquote

    scope: dict[str, Any] = {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": method,
        "scheme": "https" if secure else "http",
        "path": unquote(parts.path or "/"),
        "raw_path": raw_path,
        "root_path": "",
        "query_string": query.encode("latin-1", "replace") if query.isascii() else query.encode(),
        "headers": header_list,
        "client": client,
        "server": (host.split(":")[0], 443 if secure else 80),
        "state": {},
    }
    return RequestSpec(scope, body)
