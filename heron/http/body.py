"""Read an ASGI request body, within the configured limits, into memory or a spooled file.

``read_body`` is what the ASGI application awaits before building an ``HttpRequest``. A
request with neither Content-Length nor Transfer-Encoding has no body, and ``receive`` is not
called at all. Limits: non-multipart bodies may not exceed DATA_UPLOAD_MAX_MEMORY_SIZE,
multipart bodies FILE_UPLOAD_MAX_SIZE; a declared Content-Length is checked before reading,
and the running total while reading (for chunked bodies).

A body over the limit is refused with ``RequestDataTooBig`` (413), but first the rest of it is
read and dropped, up to ``DRAIN_BYTES`` or ``DRAIN_SECONDS``: a client still sending when
the server answers and closes would otherwise get a reset connection instead of the 413.
"""

from __future__ import annotations

import asyncio
import io
import tempfile
from collections.abc import Awaitable, Callable
from typing import IO, Any

from .config import RequestConfig
from .exceptions import BadRequest, ClientDisconnected, RequestDataTooBig

__all__ = ["DRAIN_BYTES", "DRAIN_SECONDS", "EMPTY_BODY", "Receive", "RequestBody", "read_body"]

DRAIN_BYTES = 16 * 1024 * 1024
"""How much of a refused body is read (and dropped) before answering 413."""
DRAIN_SECONDS = 5.0
"""How long a refused body is read before answering 413 anyway."""

Receive = Callable[[], Awaitable[dict[str, Any]]]


class RequestBody:
    """A request body, held as bytes or (when large) in a ``SpooledTemporaryFile``.

    ``read()`` returns the whole body as bytes (reading a spooled file back into memory);
    ``file`` is a seekable binary stream positioned wherever the last reader left it.
    """

    __slots__ = ("_data", "_file", "size")

    def __init__(self, data: bytes = b"", *, file: IO[bytes] | None = None) -> None:
        self._data: bytes | None = None if file is not None else data
        self._file = file
        if file is not None:
            file.seek(0, io.SEEK_END)
            self.size = file.tell()
            file.seek(0)
        else:
            self.size = len(data)

    @property
    def in_memory(self) -> bool:
        """Whether the body is held as bytes rather than in a temporary file."""
        return self._data is not None

    def read(self) -> bytes:
        """Return the whole body."""
        if self._data is not None:
            return self._data
        assert self._file is not None
        self._file.seek(0)
        data = self._file.read()
        self._file.seek(0)
        return data

    @property
    def file(self) -> IO[bytes]:
        """Return the body as a seekable binary stream."""
        if self._file is None:
            self._file = io.BytesIO(self._data or b"")
        return self._file

    def close(self) -> None:
        """Release the temporary file, if any."""
        if self._file is not None:
            self._file.close()

    def __repr__(self) -> str:
        where = "memory" if self.in_memory else "file"
        return f"<RequestBody {self.size} bytes in {where}>"


EMPTY_BODY = RequestBody()


def _is_multipart(content_type: bytes | None) -> bool:
    return content_type is not None and content_type[:10].lower() == b"multipart/"


def _limit(config: RequestConfig, multipart: bool) -> tuple[int | None, str]:
    if multipart:
        return config.file_upload_max_size, "FILE_UPLOAD_MAX_SIZE"
    return config.data_upload_max_memory_size, "DATA_UPLOAD_MAX_MEMORY_SIZE"


def _parse_content_length(values: list[bytes]) -> int:
    first = values[0].strip()
    if not first.isdigit() or any(v.strip() != first for v in values[1:]) or len(first) > 19:
        shown = ", ".join(v.decode("latin-1") for v in values)
        raise BadRequest(
            f"Malformed Content-Length header: {shown!r} is not a single non-negative integer."
        )
    return int(first)


async def read_body(scope: dict[str, Any], receive: Receive, config: RequestConfig) -> RequestBody:
    """Receive the whole body of the request in ``scope``, enforcing the size limits.

    Raises ``RequestDataTooBig`` (413), ``BadRequest`` for a malformed Content-Length, and
    ``ClientDisconnected`` if the client goes away. The caller should ``close()`` the result.
    """
    lengths: list[bytes] = []
    chunked = False
    content_type: bytes | None = None
    expects_continue = False
    for name, value in scope.get("headers", ()):
        lowered = name.lower()
        if lowered == b"content-length":
            lengths.append(value)
        elif lowered == b"transfer-encoding":
            chunked = True
        elif lowered == b"content-type":
            content_type = value
        elif lowered == b"expect":
            expects_continue = value.lower() == b"100-continue"
    if not lengths and not chunked:
        return EMPTY_BODY
    limit, setting = _limit(config, _is_multipart(content_type))
    if lengths:
        declared = _parse_content_length(lengths)
        if limit is not None and declared > limit:
            if not expects_continue:  # (a client waiting for "100 Continue" sends nothing)
                await _drain(receive)
            raise RequestDataTooBig(
                f"The request body is {declared} bytes, over {setting} ({limit})."
            )
        if declared == 0:
            return EMPTY_BODY

    memory_max = config.file_upload_max_memory_size
    chunks: list[bytes] = []
    spooled: IO[bytes] | None = None
    total = 0
    more = True
    while more:
        message = await receive()
        kind = message["type"]
        if kind == "http.disconnect":
            if spooled is not None:
                spooled.close()
            raise ClientDisconnected("The client disconnected while sending the request body.")
        if kind != "http.request":
            continue
        chunk: bytes = message.get("body", b"")
        more = message.get("more_body", False)
        if not chunk:
            continue
        total += len(chunk)
        if limit is not None and total > limit:
            if spooled is not None:
                spooled.close()
            if more:
                await _drain(receive)
            raise RequestDataTooBig(f"The request body is over {setting} ({limit} bytes).")
        if spooled is not None:
            spooled.write(chunk)
        elif total > memory_max:
            spooled = tempfile.SpooledTemporaryFile(  # noqa: SIM115 - owned by RequestBody
                max_size=memory_max, dir=config.file_upload_temp_dir
            )
            for earlier in chunks:
                spooled.write(earlier)
            spooled.write(chunk)
            chunks.clear()
        else:
            chunks.append(chunk)
    if spooled is not None:
        return RequestBody(file=spooled)
    return RequestBody(chunks[0] if len(chunks) == 1 else b"".join(chunks))


async def _drain(receive: Receive) -> None:
    """Read and drop the rest of a refused body, up to ``DRAIN_BYTES``/``DRAIN_SECONDS``."""
    drained = 0
    try:
        async with asyncio.timeout(DRAIN_SECONDS):
            while drained <= DRAIN_BYTES:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the client went away
                drained += len(message.get("body", b""))
                if not message.get("more_body", False):
                    return
    except TimeoutError:
        return
