"""A SQLite connection owned by one dedicated thread.

Every call on the connection runs on that thread, whether it comes from sync code on any
thread (``call``) or from a coroutine (``acall``). An async query is one hop: the whole
function (execute, fetch, build the rows) runs on the worker, and its result comes back.
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

__all__ = ["WorkerConnection"]

T = TypeVar("T")

_STOP = object()


class WorkerConnection:
    """A ``sqlite3.Connection`` that lives on, and is only touched by, its own thread."""

    def __init__(self, connect: Callable[[], sqlite3.Connection], name: str = "") -> None:
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._conn: sqlite3.Connection | None = None
        self._thread = threading.Thread(target=self._run, name=f"heron-sqlite-{name}", daemon=True)
        self._thread.start()
        self.closed = False
        self._conn = self.call(lambda _: connect())

    def _run(self) -> None:
        jobs = self._jobs
        while True:
            job = jobs.get()
            if job is _STOP:
                break
            fn, deliver = job
            try:
                result = fn(self._conn)
            except BaseException as exc:
                outcome: tuple[Any, BaseException | None] = (None, exc)
            else:
                outcome = (result, None)
            try:
                deliver(*outcome)
            except RuntimeError:
                pass  # the caller's event loop closed while it waited; nobody to tell
        if self._conn is not None:
            self._conn.close()

    def call(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(connection)`` on the worker thread and return its result."""
        if threading.current_thread() is self._thread:
            assert self._conn is not None
            return fn(self._conn)
        future: Future[T] = Future()

        def deliver(result: Any, exc: BaseException | None) -> None:
            if exc is not None:
                future.set_exception(exc)
            else:
                future.set_result(result)

        self._jobs.put((fn, deliver))
        return future.result()

    async def acall(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(connection)`` on the worker thread; one hop there and back."""
        import asyncio

        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()

        def settle(result: Any, exc: BaseException | None) -> None:
            if future.cancelled():
                return
            if exc is not None:
                future.set_exception(exc)
            else:
                future.set_result(result)

        def deliver(result: Any, exc: BaseException | None) -> None:
            loop.call_soon_threadsafe(settle, result, exc)

        self._jobs.put((fn, deliver))
        return await future

    def close(self) -> None:
        """Close the connection on its thread and stop the thread."""
        if self.closed:
            return
        self.closed = True
        self._jobs.put(_STOP)
        if threading.current_thread() is not self._thread:
            self._thread.join()
