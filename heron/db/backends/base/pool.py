"""Small connection pools for drivers that have none of their own.

``Pool`` hands out sync connections to any thread (SQLite connections, PyMySQL);
``AsyncPool`` hands out asyncio connections (asyncmy) on the event loop it was made on.
Both open connections on demand, keep at most ``max_size`` at once, and can ping an idle
connection before handing it out (``pre_ping``), replacing it when the ping fails.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from ...exceptions import OperationalError

__all__ = ["AsyncPool", "Pool"]

C = TypeVar("C")


class Pool(Generic[C]):
    """A thread-safe pool of sync connections."""

    def __init__(
        self,
        connect: Callable[[], C],
        close: Callable[[C], None],
        *,
        max_size: int = 10,
        timeout: float = 30.0,
        ping: Callable[[C], bool] | None = None,
    ) -> None:
        self._connect = connect
        self._close = close
        self._ping = ping
        self.max_size = max_size
        self.timeout = timeout
        self._idle: list[C] = []
        self._size = 0
        # One plain lock; the condition on it is only used (wait/notify) when a caller has
        # to wait: the common checkout and return are one lock round trip each.
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._waiting = 0
        self._closed = False

    def get(self) -> C:
        """Return an idle connection, open a new one, or wait up to ``timeout`` for one."""
        conn: C | None = None
        with self._lock:
            if self._idle and not self._closed:
                conn = self._idle.pop()
        if conn is not None and self._ping is None:
            return conn
        if conn is None:
            conn = self._wait()
        if conn is not None and (self._ping is None or self._ping(conn)):
            return conn
        if conn is not None:  # failed its ping: close it and reuse its slot
            try:
                self._close(conn)
            except Exception:
                pass
        try:
            return self._connect()
        except BaseException:
            with self._cond:
                self._size -= 1
                self._notify()
            raise

    def _wait(self) -> C | None:
        """An idle connection, or None after reserving a slot for a new one (may wait)."""
        deadline = time.monotonic() + self.timeout
        conn: C | None = None
        with self._cond:
            while True:
                if self._closed:
                    raise OperationalError("The connection pool is closed.")
                if self._idle:
                    conn = self._idle.pop()
                    break
                if self._size < self.max_size:
                    self._size += 1
                    break
                remaining = deadline - time.monotonic()
                self._waiting += 1
                try:
                    woken = remaining > 0 and self._cond.wait(remaining)
                finally:
                    self._waiting -= 1
                if not woken:
                    raise OperationalError(
                        f"No database connection became free within {self.timeout:g} s "
                        f"(all {self.max_size} are in use). Raise pool_max_size in the "
                        "database OPTIONS, or look for a connection held by a long transaction."
                    )
        return conn

    def _notify(self) -> None:
        if self._waiting:
            self._cond.notify()

    def try_get(self) -> C | None:
        """Return a connection without waiting, or None when the pool is at ``max_size``."""
        with self._cond:
            if self._closed or (not self._idle and self._size >= self.max_size):
                return None
        return self.get()

    def put(self, conn: C, *, broken: bool = False) -> None:
        """Give ``conn`` back; a broken connection is closed and its slot freed."""
        with self._lock:
            if not broken and not self._closed:
                self._idle.append(conn)
                if self._waiting:
                    self._cond.notify()
                return
        self._discard(conn)

    def _discard(self, conn: C) -> None:
        try:
            self._close(conn)
        except Exception:
            pass  # the connection is already dead; nothing more to release
        with self._cond:
            self._size -= 1
            self._notify()

    def close(self) -> None:
        """Close the idle connections; connections in use are closed when given back."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
        for conn in idle:
            self._discard(conn)


class AsyncPool(Generic[C]):
    """A pool of asyncio connections, used on one event loop only."""

    def __init__(
        self,
        connect: Callable[[], Awaitable[C]],
        close: Callable[[C], Awaitable[None]],
        *,
        max_size: int = 10,
        timeout: float = 30.0,
        ping: Callable[[C], Awaitable[bool]] | None = None,
    ) -> None:
        import asyncio

        self._connect = connect
        self._close = close
        self._ping = ping
        self.max_size = max_size
        self.timeout = timeout
        self._idle: list[C] = []
        self._slots = asyncio.Semaphore(max_size)
        self._closed = False

    async def get(self) -> C:
        import asyncio

        if self._closed:
            raise OperationalError("The connection pool is closed.")
        try:
            await asyncio.wait_for(self._slots.acquire(), self.timeout)
        except TimeoutError:
            raise OperationalError(
                f"No database connection became free within {self.timeout:g} s "
                f"(all {self.max_size} are in use)."
            ) from None
        try:
            while self._idle:
                conn = self._idle.pop()
                if self._ping is None or await self._ping(conn):
                    return conn
                await self._quietly_close(conn)
            return await self._connect()
        except BaseException:
            self._slots.release()
            raise

    async def put(self, conn: C, *, broken: bool = False) -> None:
        if broken or self._closed:
            await self._quietly_close(conn)
        else:
            self._idle.append(conn)
        self._slots.release()

    async def _quietly_close(self, conn: C) -> None:
        try:
            await self._close(conn)
        except Exception:
            pass  # the connection is already dead; nothing more to release

    async def close(self) -> None:
        self._closed = True
        idle, self._idle = self._idle, []
        for conn in idle:
            await self._quietly_close(conn)


def pool_options(options: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split ``OPTIONS`` into pool settings (``pool_*`` keys) and driver options."""
    pool: dict[str, Any] = {}
    driver: dict[str, Any] = {}
    for key, value in options.items():
        if key.startswith("pool_"):
            pool[key[5:]] = value
        else:
            driver[key] = value
    result = {
        "max_size": int(pool.pop("max_size", 10)),
        "min_size": int(pool.pop("min_size", 0)),
        "timeout": float(pool.pop("timeout", 30.0)),
        "pre_ping": str(pool.pop("pre_ping", "false")).lower() in ("1", "true", "yes", "on"),
    }
    if pool:
        from heron.conf import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"Unknown pool option(s) {sorted('pool_' + k for k in pool)} in OPTIONS; use "
            "pool_max_size, pool_min_size, pool_timeout or pool_pre_ping."
        )
    return result, driver
