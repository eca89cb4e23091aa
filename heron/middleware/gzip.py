"""Compress responses with gzip for clients that accept it.

Only bodies of at least ``GZIP_MIN_LENGTH`` bytes and of a compressible type are compressed,
and only when the compressed body is smaller. Streaming responses are compressed chunk by
chunk. ``Vary: Accept-Encoding`` is always added so caches keep the variants apart.
"""

from __future__ import annotations

import gzip
import re
import zlib
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from heron.conf import settings
from heron.http import FileResponse, StreamingHttpResponse

from .base import AsyncHandler, HookMiddleware

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = ["GZipMiddleware"]

_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/javascript",
    "application/xml",
    "image/svg+xml",
    "application/ld+json",
    "application/manifest+json",
)


def _patch_vary(response: HttpResponseBase) -> None:
    vary = response.headers.get("Vary")
    if vary is None:
        response.headers["Vary"] = "Accept-Encoding"
    elif "accept-encoding" not in vary.lower():
        response.headers["Vary"] = vary + ", Accept-Encoding"


class GZipMiddleware(HookMiddleware):
    """Gzip response bodies when the client sends ``Accept-Encoding: gzip``."""

    def __init__(self, get_response: AsyncHandler) -> None:
        super().__init__(get_response)
        self.min_length = int(settings.GZIP_MIN_LENGTH)

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        headers = response.headers
        if (
            "Content-Encoding" in headers
            or response.status_code in (204, 206, 304)
            or isinstance(response, FileResponse)  # ranges and ETags refer to the raw bytes
        ):
            return response
        content_type = headers.get("Content-Type") or ""
        if not content_type.startswith(_COMPRESSIBLE):
            return response
        _patch_vary(response)
        if not _ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding") or ""):
            return response
        if isinstance(response, StreamingHttpResponse):
            charset = response.charset
            if response.is_async:
                response.streaming_content = _compress_async(
                    response.streaming_content,  # type: ignore[arg-type]
                    charset,
                )
            else:
                response.streaming_content = _compress_sync(
                    response.streaming_content,  # type: ignore[arg-type]
                    charset,
                )
            if "Content-Length" in headers:
                del headers["Content-Length"]
        else:
            content: bytes = response.content  # type: ignore[attr-defined]
            if len(content) < self.min_length:
                return response
            compressed = gzip.compress(content, compresslevel=6, mtime=0)
            if len(compressed) >= len(content):
                return response
            response.content = compressed  # type: ignore[attr-defined]
            headers["Content-Length"] = str(len(compressed))
        etag = headers.get("ETag")
        if etag and etag.startswith('"'):
            headers["ETag"] = "W/" + etag  # the bytes changed, so the tag is only weak now
        headers["Content-Encoding"] = "gzip"
        return response


def _gzip_stream() -> Any:
    return zlib.compressobj(6, zlib.DEFLATED, 31)  # wbits 31: the gzip container


def _as_bytes(chunk: bytes | str, charset: str) -> bytes:
    return chunk.encode(charset) if isinstance(chunk, str) else chunk


def _compress_sync(chunks: Iterator[bytes | str], charset: str) -> Iterator[bytes]:
    compressor = _gzip_stream()
    for chunk in chunks:
        data = compressor.compress(_as_bytes(chunk, charset))
        if data:
            yield data
    yield compressor.flush()


async def _compress_async(chunks: AsyncIterator[bytes | str], charset: str) -> AsyncIterator[bytes]:
    compressor = _gzip_stream()
    async for chunk in chunks:
        data = compressor.compress(_as_bytes(chunk, charset))
        if data:
            yield data
    yield compressor.flush()
