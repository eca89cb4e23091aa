"""``FileResponse``: send a file, with conditional GET and single byte ranges.

Construction opens the file (given a path), reads its size and, for a real file on disk, its
modification time, from which a weak ``ETag`` and ``Last-Modified`` are derived. At send
time the request decides the answer:

- ``If-None-Match`` / ``If-Modified-Since`` that still match: 304, no body;
- ``Range: bytes=a-b`` (also ``a-`` and ``-n``) on a GET: 206 with ``Content-Range``,
  honouring ``If-Range``; a range past the end: 416 with ``Content-Range: bytes */size``;
  several ranges: the whole file, 200 (allowed by RFC 9110);
- otherwise: 200 with the whole file.

The file is read in a worker thread, 256 KiB per hop, so the event loop never blocks on disk.
The response owns the file: ``close()`` closes it.
"""

from __future__ import annotations

import asyncio
import io
import mimetypes
import os
import stat
import unicodedata
from datetime import UTC
from email.utils import formatdate, parsedate_to_datetime
from typing import IO, TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from .headers import Headers, ResponseHeaders
from .response import HeadersArg, HttpResponseBase, Send

if TYPE_CHECKING:
    from .request import HttpRequest

__all__ = ["FileResponse", "content_disposition", "parse_range"]

BLOCK_SIZE = 256 * 1024
# Compressed files are sent as themselves; a Content-Encoding would make browsers unpack them.
_ENCODING_TYPES = {
    "gzip": "application/gzip",
    "bzip2": "application/x-bzip",
    "xz": "application/x-xz",
    "br": "application/x-brotli",
    "compress": "application/x-compress",
}
_NOT_MODIFIED_DROP = frozenset(
    {b"content-type", b"content-length", b"content-disposition", b"accept-ranges"}
)
_EMPTY_HEADERS = Headers()


def content_disposition(filename: str | None, as_attachment: bool) -> str:
    """Return a Content-Disposition value (RFC 6266), with ``filename*`` for non-ASCII names."""
    kind = "attachment" if as_attachment else "inline"
    if not filename:
        return kind
    filename = "".join(ch for ch in filename if unicodedata.category(ch) != "Cc")
    if filename.isascii():
        escaped = filename.replace("\\", "\\\\").replace('"', '\\"')
        return f'{kind}; filename="{escaped}"'
    fallback = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    fallback = fallback.replace("\\", "_").replace('"', "_").strip() or "download"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def parse_range(header: str, size: int) -> tuple[int, int] | Literal["unsatisfiable"] | None:
    """Parse a single ``bytes=`` range into inclusive ``(first, last)`` offsets.

    Returns None when the header should be ignored (malformed, another unit, several ranges)
    and ``"unsatisfiable"`` when the range lies beyond a file of ``size`` bytes.
    """
    unit, eq, spec = header.partition("=")
    if not eq or unit.strip().lower() != "bytes" or "," in spec:
        return None
    first_text, dash, last_text = spec.strip().partition("-")
    first_text, last_text = first_text.strip(), last_text.strip()
    if not dash:
        return None
    if not first_text:
        if not last_text.isdigit():
            return None
        suffix = int(last_text)
        if suffix == 0 or size == 0:
            return "unsatisfiable"
        return max(0, size - suffix), size - 1
    if not first_text.isdigit() or (last_text and not last_text.isdigit()):
        return None
    first = int(first_text)
    last = int(last_text) if last_text else size - 1
    if last_text and last < first:
        return None
    if first >= size:
        return "unsatisfiable"
    return first, min(last, size - 1)


def _etag_matches(header: str, etag: str) -> bool:
    # Weak comparison (RFC 9110, section 8.8.3.2), as If-None-Match requires.
    if header.strip() == "*":
        return True
    ours = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == ours for tag in header.split(","))


def _guess_type(filename: str | None) -> str:
    if not filename:
        return "application/octet-stream"
    content_type, encoding = mimetypes.guess_type(filename)
    if encoding:
        return _ENCODING_TYPES.get(encoding, "application/octet-stream")
    return content_type or "application/octet-stream"


class FileResponse(HttpResponseBase):
    """Send a file given as a path or an open binary file object (which the response closes).

    ``filename`` (default: the file's base name) is used for the Content-Type guess and the
    Content-Disposition header; ``as_attachment=True`` asks the browser to download. A file
    object is sent from its current position.
    """

    streaming = True
    block_size = BLOCK_SIZE

    def __init__(
        self,
        file_or_path: str | os.PathLike[str] | IO[bytes],
        as_attachment: bool = False,
        filename: str | None = None,
        content_type: str | None = None,
        status: int | None = None,
        headers: HeadersArg = None,
    ) -> None:
        if isinstance(file_or_path, str | os.PathLike):
            path: str | None = os.fspath(file_or_path)
            file: IO[bytes] = open(file_or_path, "rb")  # noqa: SIM115 - closed by close()
        else:
            file = file_or_path
            name = getattr(file, "name", None)
            path = name if isinstance(name, str) else None
        self.file = file
        self.filename = filename or (os.path.basename(path) if path else None)
        self.as_attachment = as_attachment
        try:
            given = ResponseHeaders(headers)
            content_type = content_type or given.get("content-type") or _guess_type(self.filename)
            super().__init__(content_type, status, given)
            self.closing.append(file.close)
            self._measure()
        except BaseException:
            file.close()
            raise
        if self.filename or as_attachment:
            self.headers.setdefault(
                "Content-Disposition", content_disposition(self.filename, as_attachment)
            )

    def _measure(self) -> None:
        file = self.file
        self._offset = 0
        self.size: int | None = None
        self._mtime: float | None = None
        try:
            info = os.fstat(file.fileno())
        except (AttributeError, OSError, io.UnsupportedOperation):
            info = None
        seekable = file.seekable() if hasattr(file, "seekable") else False
        if seekable:
            self._offset = file.tell()
        if info is not None and stat.S_ISREG(info.st_mode):
            self.size = max(info.st_size - self._offset, 0)
            self._mtime = info.st_mtime
            self.headers.setdefault("ETag", f'W/"{info.st_mtime_ns:x}-{info.st_size:x}"')
            self.headers.setdefault("Last-Modified", formatdate(info.st_mtime, usegmt=True))
        elif seekable:
            end = file.seek(0, io.SEEK_END)
            file.seek(self._offset)
            self.size = end - self._offset
        self._seekable = seekable
        if self.size is not None:
            self.headers.setdefault("Content-Length", str(self.size))
            if seekable:
                self.headers.setdefault("Accept-Ranges", "bytes")

    @property
    def content(self) -> bytes:
        raise AttributeError("FileResponse has no 'content'; it is read while sending.")

    # Deciding the answer.

    def _not_modified(self, headers: Headers) -> bool:
        if_none_match = headers.get("if-none-match")
        if if_none_match is not None:
            etag = self.headers.get("etag")
            return etag is not None and _etag_matches(if_none_match, etag)
        if_modified_since = headers.get("if-modified-since")
        if if_modified_since and self._mtime is not None:
            try:
                since = parsedate_to_datetime(if_modified_since)
            except (TypeError, ValueError):
                return False
            if since.tzinfo is None:
                since = since.replace(tzinfo=UTC)
            return int(self._mtime) <= since.timestamp()
        return False

    def _if_range_holds(self, value: str) -> bool:
        value = value.strip()
        if value.startswith(('"', "W/")):
            etag = self.headers.get("etag")
            # Only a strong validator may be used with If-Range; ours are weak by default.
            return etag is not None and not value.startswith("W/") and etag == value
        last_modified = self.headers.get("last-modified")
        return last_modified is not None and last_modified == value

    def _message(
        self, status: int, drop: frozenset[bytes], extra: list[tuple[bytes, bytes]]
    ) -> dict[str, Any]:
        headers = [pair for pair in self.headers.raw() if pair[0] not in drop]
        headers.extend(extra)
        headers.extend((b"set-cookie", value.encode("latin-1")) for value in self.cookies.values())
        return {"type": "http.response.start", "status": status, "headers": headers}

    # Sending.

    async def send_asgi(self, send: Send, request: HttpRequest | None = None) -> None:
        """Answer 200, 206, 304 or 416 depending on the request's conditional headers."""
        method = request.method if request is not None else "GET"
        headers = request.headers if request is not None else _EMPTY_HEADERS
        status, size = self.status_code, self.size
        first, length = 0, size
        if status == 200 and method in ("GET", "HEAD"):
            if self._not_modified(headers):
                await send(self._message(304, _NOT_MODIFIED_DROP, []))
                await send({"type": "http.response.body", "body": b""})
                return
            range_header = headers.get("range")
            if_range = headers.get("if-range")
            if (
                method == "GET"
                and range_header
                and size is not None
                and self._seekable
                and (if_range is None or self._if_range_holds(if_range))
            ):
                byte_range = parse_range(range_header, size)
                if byte_range == "unsatisfiable":
                    extra = [
                        (b"content-range", f"bytes */{size}".encode("ascii")),
                        (b"content-length", b"0"),
                    ]
                    await send(self._message(416, frozenset({b"content-length"}), extra))
                    await send({"type": "http.response.body", "body": b""})
                    return
                if byte_range is not None:
                    first, last = byte_range
                    length = last - first + 1
                    status = 206
                    extra = [
                        (b"content-range", f"bytes {first}-{last}/{size}".encode("ascii")),
                        (b"content-length", str(length).encode("ascii")),
                    ]
                    await send(self._message(206, frozenset({b"content-length"}), extra))
        if status != 206:
            await send(self._start_message(None))
        if method == "HEAD":
            await send({"type": "http.response.body", "body": b""})
            return
        await self._send_file(send, self._offset + first, length)

    def _read_at(self, position: int | None, size: int) -> bytes:
        if position is not None:
            self.file.seek(position)
        return self.file.read(size)

    async def _send_file(self, send: Send, position: int, remaining: int | None) -> None:
        block = self.block_size
        where: int | None = position if self._seekable else None
        while remaining is None or remaining > 0:
            want = block if remaining is None else min(block, remaining)
            data = await asyncio.to_thread(self._read_at, where, want)
            where = None
            if not data:
                break
            if remaining is not None:
                remaining -= len(data)
                if remaining <= 0:
                    await send({"type": "http.response.body", "body": data})
                    return
            await send({"type": "http.response.body", "body": data, "more_body": True})
        await send({"type": "http.response.body", "body": b""})
