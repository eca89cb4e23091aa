"""Serve static files straight from the ASGI application, without a view.

``StaticFilesHandler`` answers every request whose path starts with ``STATIC_URL``:

- only GET and HEAD (405 with ``Allow`` otherwise);
- the path is checked before any file is touched: ``..``, absolute paths, NUL bytes and
  directories answer 404 (see ``paths.safe_name``), and a file must lie inside the root;
- ``ETag`` and ``Last-Modified``, answered with 304 for ``If-None-Match`` /
  ``If-Modified-Since``; single byte ``Range`` requests (206, 416), honouring ``If-Range``;
- with ``precompressed`` (production), a ``.br`` or ``.gz`` variant written by
  ``collectstatic`` is sent when ``Accept-Encoding`` allows, with ``Content-Encoding`` and
  ``Vary: Accept-Encoding``;
- ``Cache-Control``: a year and ``immutable`` for hashed names, ``max_age`` seconds for
  others; ``no-cache`` in development so edits show at once.

Files up to 64 KiB (nearly all CSS, scripts and icons) are read in one go on the event loop,
which costs less than a hop to a worker thread for a file the OS has cached; larger files are
streamed from a worker thread, 256 KiB at a time.
"""

from __future__ import annotations

import asyncio
import os
import stat
from collections.abc import Callable
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from urllib.parse import urlsplit

from heron.apps import apps
from heron.http.fileresponse import parse_range

from .encoding import VARIANTS, choose_encoding, content_type, is_compressible
from .finders import find
from .hashing import is_hashed
from .paths import safe_name

if TYPE_CHECKING:  # type names only: this module is imported by ready(), before any ASGI app
    from heron.asgi.types import Receive, Scope, Send

__all__ = ["StaticFilesHandler", "handler_for_settings", "root_locator"]

Locate = Callable[[str], Path | None]

IMMUTABLE = b"public, max-age=31536000, immutable"
INLINE_LIMIT = 64 * 1024
BLOCK_SIZE = 256 * 1024
_METHODS = ("GET", "HEAD")


def root_locator(root: str | os.PathLike[str]) -> Locate:
    """Find names inside ``root`` only; a symlink that leads out of it is not followed."""
    base = os.path.realpath(root)
    inside = base.rstrip(os.sep) + os.sep

    def locate(name: str) -> Path | None:
        real = os.path.realpath(os.path.join(base, *name.split("/")))
        return Path(real) if real.startswith(inside) else None

    return locate


def _finders_locator(name: str) -> Path | None:
    return find(name)


class _File:
    """The file chosen to answer: the original or a variant in ``encoding``."""

    __slots__ = ("encoding", "info", "path", "vary")

    def __init__(
        self, path: Path, info: os.stat_result, encoding: str | None = None, vary: bool = False
    ) -> None:
        self.path = path
        self.info = info
        self.encoding = encoding
        self.vary = vary  # variants exist, so the answer depends on Accept-Encoding


def _stat_file(path: Path) -> os.stat_result | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return info if stat.S_ISREG(info.st_mode) else None


def _not_modified(headers: dict[bytes, bytes], etag: bytes, mtime: float) -> bool:
    if_none_match = headers.get(b"if-none-match")
    if if_none_match is not None:
        if if_none_match.strip() == b"*":
            return True
        ours = etag.removeprefix(b"W/")
        return any(tag.strip().removeprefix(b"W/") == ours for tag in if_none_match.split(b","))
    if_modified_since = headers.get(b"if-modified-since")
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since.decode("latin-1"))
        except (TypeError, ValueError):
            return False
        return since.tzinfo is not None and int(mtime) <= since.timestamp()
    return False


class StaticFilesHandler:
    """An ASGI app serving the files that ``locate(name)`` finds for paths under ``prefix``."""

    max_age = 60

    def __init__(
        self, prefix: str, locate: Locate, *, precompressed: bool = False, debug: bool = False
    ) -> None:
        self.prefix = prefix
        self.locate = locate
        self.precompressed = precompressed
        self.debug = debug

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = scope["method"]
        if method not in _METHODS:
            await self._plain(send, method, 405, "Method Not Allowed", [(b"allow", b"GET, HEAD")])
            return
        path: str = scope["path"]
        name = safe_name(path[len(self.prefix) :])
        found = self._find(name, scope) if name is not None else None
        if found is None:
            message = "Not Found"
            if self.debug:
                message = (
                    f"The static file {path[len(self.prefix) :]!r} was not found in "
                    "STATICFILES_DIRS or in any installed app's static/ folder."
                )
            await self._plain(send, method, 404, message, [])
            return
        assert name is not None
        await self._send_file(scope, send, method, name, found)

    def _find(self, name: str, scope: Scope) -> _File | None:
        path = self.locate(name)
        info = _stat_file(path) if path is not None else None
        if path is None or info is None:
            return None
        if not self.precompressed or not is_compressible(name, info.st_size):
            return _File(path, info)
        variants: dict[str, tuple[Path, os.stat_result]] = {}
        for encoding, suffix in VARIANTS:
            variant = path.with_name(path.name + suffix)
            variant_info = _stat_file(variant)
            # A variant older than its original is stale (the original was replaced).
            if variant_info is not None and variant_info.st_mtime_ns >= info.st_mtime_ns:
                variants[encoding] = (variant, variant_info)
        if not variants:
            return _File(path, info)
        accept = ""
        for key, value in scope["headers"]:
            if key == b"accept-encoding":
                accept = value.decode("latin-1")
                break
        chosen = choose_encoding(accept, tuple(variants))
        if chosen is None:
            return _File(path, info, vary=True)
        variant, variant_info = variants[chosen]
        return _File(variant, variant_info, chosen, vary=True)

    def _cache_control(self, name: str) -> bytes:
        if self.debug:
            return b"no-cache"
        if is_hashed(name):
            return IMMUTABLE
        return f"public, max-age={self.max_age}".encode("ascii")

    async def _send_file(
        self, scope: Scope, send: Send, method: str, name: str, found: _File
    ) -> None:
        info = found.info
        size = info.st_size
        etag = f'"{info.st_mtime_ns:x}-{size:x}"'.encode("ascii")
        headers: list[tuple[bytes, bytes]] = [
            (b"etag", etag),
            (b"last-modified", formatdate(info.st_mtime, usegmt=True).encode("ascii")),
            (b"cache-control", self._cache_control(name)),
        ]
        if found.vary:
            headers.append((b"vary", b"Accept-Encoding"))
        request_headers = {key: value for key, value in scope["headers"]}
        if _not_modified(request_headers, etag, info.st_mtime):
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        headers.append((b"content-type", content_type(name).encode("latin-1")))
        if found.encoding is not None:
            headers.append((b"content-encoding", found.encoding.encode("ascii")))
        headers.append((b"accept-ranges", b"bytes"))
        headers.append((b"x-content-type-options", b"nosniff"))
        status, first, length = 200, 0, size
        range_header = request_headers.get(b"range")
        if method == "GET" and range_header is not None:
            if_range = request_headers.get(b"if-range")
            if if_range is None or if_range.strip() in (etag, headers[1][1]):
                chosen = parse_range(range_header.decode("latin-1"), size)
                if chosen == "unsatisfiable":
                    headers.append((b"content-range", f"bytes */{size}".encode("ascii")))
                    await self._empty(send, 416, headers)
                    return
                if chosen is not None:
                    first, last = chosen
                    status, length = 206, last - first + 1
                    range_value = f"bytes {first}-{last}/{size}".encode("ascii")
                    headers.append((b"content-range", range_value))
        headers.append((b"content-length", str(length).encode("ascii")))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        if method == "HEAD":
            await send({"type": "http.response.body", "body": b""})
            return
        await _send_body(send, found.path, first, length)

    @staticmethod
    async def _empty(send: Send, status: int, headers: list[tuple[bytes, bytes]]) -> None:
        headers.append((b"content-length", b"0"))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    @staticmethod
    async def _plain(
        send: Send, method: str, status: int, text: str, extra: list[tuple[bytes, bytes]]
    ) -> None:
        body = text.encode("utf-8")
        headers = [
            (b"content-type", b"text/plain; charset=utf-8"),
            (b"content-length", str(len(body)).encode("ascii")),
            (b"x-content-type-options", b"nosniff"),
            *extra,
        ]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": b"" if method == "HEAD" else body})


def _read(file: IO[bytes], size: int) -> bytes:
    return file.read(size)


async def _send_body(send: Send, path: Path, first: int, length: int) -> None:
    if length <= INLINE_LIMIT:
        with open(path, "rb") as file:
            file.seek(first)
            data = file.read(length)
        await send({"type": "http.response.body", "body": data})
        return
    file = await asyncio.to_thread(open, path, "rb")
    try:
        file.seek(first)
        remaining = length
        while remaining > 0:
            data = await asyncio.to_thread(_read, file, min(BLOCK_SIZE, remaining))
            if not data:
                break
            remaining -= len(data)
            await send({"type": "http.response.body", "body": data, "more_body": remaining > 0})
        if remaining > 0:  # the file shrank while it was sent
            await send({"type": "http.response.body", "body": b""})
    finally:
        file.close()


def handler_for_settings(current: Any) -> StaticFilesHandler | None:
    """The handler the application mounts for these settings, or None.

    DEBUG on: files from the finders (development). DEBUG off: files from ``STATIC_ROOT``,
    with precompressed variants, when ``STATIC_ROOT`` is set and ``STATICFILES_SERVE`` is on.
    Nothing is mounted when ``STATIC_URL`` is a URL on another host or is ``/``, or when the
    app is not installed. Registered in ``heron.core.extensions.asgi_mounts`` by ``ready()``.
    """
    if not (apps.ready and apps.is_installed("heron.contrib.staticfiles")):
        return None  # registered by an earlier setup whose INSTALLED_APPS had the app
    parts = urlsplit(str(getattr(current, "STATIC_URL", "") or ""))
    prefix = parts.path
    if parts.netloc or not prefix.startswith("/") or prefix == "/":
        return None
    if not prefix.endswith("/"):
        prefix += "/"
    if current.DEBUG:
        return StaticFilesHandler(prefix, _finders_locator, debug=True)
    root = getattr(current, "STATIC_ROOT", None)
    if root and getattr(current, "STATICFILES_SERVE", True):
        return StaticFilesHandler(prefix, root_locator(root), precompressed=True)
    return None
