"""A SQLite connection guarded by a lock: sync calls run in place, async calls in one hop.

Sync code runs on the calling thread (``call``), holding the connection's lock for the whole
call (execute, fetch, build). A coroutine (``acall``) hands the whole call to the
connection's worker thread, started on the first async use, which holds the same lock while
it runs: one hop there and back. So the connection is never used by two threads at once,
whichever mix of threads and event loops shares it (a pinned transaction is used by its sync
code and by async code in the same context).
"""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["SQLiteConnection"]

T = TypeVar("T")

_STOP = object()


class SQLiteConnection:
    """A ``sqlite3.Connection`` (``check_same_thread=False``) and the lock that guards it."""

    __slots__ = ("_jobs", "_name", "_start_lock", "_thread", "closed", "lock", "raw", "writer")

    def __init__(self, raw: sqlite3.Connection, name: str = "") -> None:
        self.raw = raw
        self.lock = threading.RLock()
        """Held by whoever uses ``raw``; re-entrant, so a build step may query again."""
        self.closed = False
        self.writer: Any = None
        """The ``WriterQueue`` whose turn this connection's write transaction holds."""
        self._name = name
        self._jobs: queue.SimpleQueue[Any] | None = None
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def call(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(connection)`` on the calling thread, holding the lock."""
        with self.lock:
            return fn(self.raw)

    async def acall(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(connection)`` on the worker thread, holding the lock; one hop."""
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

        with self._start_lock:  # so no job is queued behind the worker's stop signal
            closed = self.closed
            if not closed:
                jobs = self._jobs
                if jobs is None:  # the first async use: start the worker
                    jobs = self._jobs = queue.SimpleQueue()
                    self._thread = threading.Thread(
                        target=self._work,
                        args=(jobs,),
                        name=f"heron-sqlite-{self._name}",
                        daemon=True,
                    )
                    self._thread.start()
                jobs.put((fn, deliver))
        if closed:
            return self.call(fn)  # sqlite3 raises "Cannot operate on a closed database"
        return await future

    def _work(self, jobs: queue.SimpleQueue[Any]) -> None:
        while True:
            job = jobs.get()
            if job is _STOP:
                break
            fn, deliver = job
            try:
                with self.lock:
                    result = fn(self.raw)
            except BaseException as exc:
                outcome: tuple[Any, BaseException | None] = (None, exc)
            else:
                outcome = (result, None)
            try:
                deliver(*outcome)
            except RuntimeError:
                pass  # the caller's event loop closed while it waited; nobody to tell

    def close(self) -> None:
        """Stop the worker (after the jobs already queued), then close the connection."""
        with self._start_lock:
            if self.closed:
                return
            self.closed = True
            jobs, thread = self._jobs, self._thread
        if jobs is not None and thread is not None:
            jobs.put(_STOP)
            if threading.current_thread() is not thread:
                thread.join()
        with self.lock:
            self.raw.close()
