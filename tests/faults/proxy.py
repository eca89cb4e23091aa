"""A TCP proxy between Heron and a database server, that tests can break on purpose.

It runs an asyncio loop in a daemon thread and forwards ``127.0.0.1:<port>`` to the real
server. The machine's shared PostgreSQL/MariaDB are never touched: every fault happens here.

* ``cut()``: close every open connection (the server "went away": broken pipe, EOF);
* ``refuse()``: cut, and stop listening (connects are refused, as while a server restarts);
* ``freeze()``: keep connections open but forward nothing, and accept new connections
  without forwarding them (a frozen server, a black-holed network);
* ``restore()``: listen again on the same port and forward normally.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Iterator
from typing import Any

__all__ = ["TcpProxy", "running_proxy"]


class TcpProxy:
    """Forward one local port to ``(host, port)``; see the module docstring for faults."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self.accepted = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.AbstractServer | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._flowing: asyncio.Event | None = None

    # -- control (from any thread) ------------------------------------------------------

    def start(self) -> int:
        self._thread.start()
        self._call(self._listen)
        return self.port

    def stop(self) -> None:
        self._call(self._refuse)
        self._call(self._cancel_tasks)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    def cut(self) -> None:
        self._call(self._cut)

    def refuse(self) -> None:
        self._call(self._refuse)

    def freeze(self) -> None:
        self._call(self._freeze)

    def restore(self) -> None:
        self._call(self._restore)

    @property
    def open_connections(self) -> int:
        return len(self._writers)

    def _call(self, factory: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(factory(), self._loop).result(10)

    # -- on the proxy's loop --------------------------------------------------------------

    async def _listen(self) -> None:
        if self._flowing is None:
            self._flowing = asyncio.Event()
            self._flowing.set()
        self._server = await asyncio.start_server(
            self._accept, "127.0.0.1", self.port, reuse_address=True
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def _cut(self) -> None:
        writers, self._writers = self._writers, set()
        for writer in writers:
            transport = writer.transport
            sock = transport.get_extra_info("socket")
            if sock is not None:
                with contextlib.suppress(OSError):
                    # Reset, not a polite FIN: what a dead server or a broken link leaves.
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
            transport.abort()

    async def _refuse(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
            await server.wait_closed()
        await self._cut()

    async def _cancel_tasks(self) -> None:
        tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _freeze(self) -> None:
        assert self._flowing is not None
        self._flowing.clear()

    async def _restore(self) -> None:
        assert self._flowing is not None
        self._flowing.set()
        if self._server is None:
            await self._listen()

    async def _accept(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        self._writers.add(writer)
        assert self._flowing is not None
        try:
            await self._flowing.wait()
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            self._writers.discard(writer)
            writer.transport.abort()
            return
        self._writers.add(up_writer)
        await asyncio.gather(
            self._pump(reader, up_writer, writer), self._pump(up_reader, writer, up_writer)
        )

    async def _pump(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, other: Any
    ) -> None:
        assert self._flowing is not None
        try:
            while True:
                data = await reader.read(65536)
                if not data:
                    break
                if not self._flowing.is_set():
                    await self._flowing.wait()
                writer.write(data)
                await writer.drain()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            for side in (writer, other):
                self._writers.discard(side)
                side.transport.abort()


@contextlib.contextmanager
def running_proxy(host: str, port: int) -> Iterator[TcpProxy]:
    proxy = TcpProxy(host, port)
    proxy.start()
    try:
        yield proxy
    finally:
        proxy.stop()
