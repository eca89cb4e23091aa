"""``StreamingHttpResponse``: a response whose body is produced piece by piece.

The content may be a sync iterable or an async iterable of bytes or str. An async iterable
is consumed on the event loop. A sync iterator (a generator, say) may block, so it is
advanced in a worker thread, several chunks per hop (up to 16 chunks, 64 KiB or 5 ms,
whichever comes first) because each hop costs tens of microseconds. Lists and tuples are
already in memory and are sent without a thread. For server-sent events or other slow
streams, prefer an async generator: a sync one may hold chunks back for up to 5 ms.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .response import HeadersArg, HttpResponseBase, Send, _to_bytes, has_body

if TYPE_CHECKING:
    from .request import HttpRequest

__all__ = ["StreamingHttpResponse"]

Chunk = bytes | str
MAX_BATCH_CHUNKS = 16
MAX_BATCH_BYTES = 64 * 1024
MAX_BATCH_SECONDS = 0.005


def _next_batch(iterator: Iterator[Any], charset: str) -> tuple[list[bytes], bool]:
    """Pull the next few chunks; return them and whether the iterator is exhausted."""
    batch: list[bytes] = []
    size = 0
    deadline = time.monotonic() + MAX_BATCH_SECONDS
    for chunk in iterator:
        data = _to_bytes(chunk, charset)
        if data:
            batch.append(data)
            size += len(data)
        if len(batch) >= MAX_BATCH_CHUNKS or size >= MAX_BATCH_BYTES:
            return batch, False
        if time.monotonic() > deadline:
            return batch, False
    return batch, True


class StreamingHttpResponse(HttpResponseBase):
    """A response streamed from ``streaming_content`` (sync or async iterable of bytes/str).

    ``is_async`` says which kind it holds. There is no ``content``; no Content-Length is sent
    unless you set one. The iterator's ``close()`` is called by ``response.close()``; an
    async generator is closed as soon as sending ends.
    """

    streaming = True

    def __init__(
        self,
        streaming_content: Iterable[Chunk] | AsyncIterable[Chunk] = (),
        content_type: str | None = None,
        status: int | None = None,
        headers: HeadersArg = None,
        charset: str | None = None,
        reason: str | None = None,
    ) -> None:
        super().__init__(content_type, status, headers, charset, reason)
        self.streaming_content = streaming_content

    @property
    def streaming_content(self) -> Iterator[Chunk] | AsyncIterator[Chunk]:
        """The iterator the body is read from (consuming it consumes the body)."""
        if self._aiterator is not None:
            return self._aiterator
        assert self._iterator is not None
        return self._iterator

    @streaming_content.setter
    def streaming_content(self, value: Iterable[Chunk] | AsyncIterable[Chunk]) -> None:
        self._inline: tuple[Chunk, ...] | list[Chunk] | None = None
        self._aiterator: AsyncIterator[Chunk] | None = None
        self._iterator: Iterator[Chunk] | None = None
        if isinstance(value, AsyncIterable):
            self._aiterator = aiter(value)
            return
        if isinstance(value, list | tuple):
            self._inline = value
        self._iterator = iter(value)
        close = getattr(value, "close", None)
        if callable(close):
            self.closing.append(close)

    @property
    def is_async(self) -> bool:
        """Whether the content is an async iterable."""
        return self._aiterator is not None

    @property
    def content(self) -> bytes:
        raise AttributeError(
            f"{type(self).__name__} has no 'content'; iterate 'streaming_content' instead."
        )

    async def send_asgi(self, send: Send, request: HttpRequest | None = None) -> None:
        """Send the start message, one body message per chunk, then an empty final one."""
        length_header = self.headers.get("content-length")
        length = int(length_header) if length_header and length_header.isdigit() else None
        await send(self._start_message(length))
        head = request is not None and request.method == "HEAD"
        if not head and has_body(self.status_code):
            if self._aiterator is not None:
                await self._send_async(send, self._aiterator)
            else:
                await self._send_sync(send)
        await send({"type": "http.response.body", "body": b""})

    async def _send_async(self, send: Send, iterator: AsyncIterator[Chunk]) -> None:
        charset = self.charset
        try:
            async for chunk in iterator:
                data = _to_bytes(chunk, charset)
                if data:
                    await send({"type": "http.response.body", "body": data, "more_body": True})
        finally:
            aclose = getattr(iterator, "aclose", None)
            if aclose is not None:
                await aclose()

    async def _send_sync(self, send: Send) -> None:
        charset = self.charset
        if self._inline is not None:
            for chunk in self._inline:
                data = _to_bytes(chunk, charset)
                if data:
                    await send({"type": "http.response.body", "body": data, "more_body": True})
            return
        iterator = self._iterator
        assert iterator is not None
        done = False
        while not done:
            batch, done = await asyncio.to_thread(_next_batch, iterator, charset)
            for data in batch:
                await send({"type": "http.response.body", "body": data, "more_body": True})
