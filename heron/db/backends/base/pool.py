"""Heron's connection pools, and the per-database options that shape them.

``Pool`` hands out sync connections to any thread (SQLite, psycopg, PyMySQL); ``AsyncPool``
hands out asyncio connections (psycopg, asyncmy) on the event loop it was made on. Both:

* open connections on demand, in the caller (so a refused connection fails the caller at
  once, with ``DatabaseUnavailable``), keeping at most ``max_size`` at once;
* wait at most ``timeout`` seconds for a free connection, then raise ``DatabaseUnavailable``;
* consult the alias's ``CircuitBreaker`` before connecting and before waiting, and tell it
  how each connection attempt went;
* can be invalidated: ``invalidate()`` (after a connection-level error, e.g. the server
  restarted) retires every connection opened before it, idle or in use, so none of them is
  handed out again;
* can ping an idle connection before handing it out (``pre_ping``, off by default).

``pool_options`` reads the pool and timeout options of ``DATABASES[alias]["OPTIONS"]``.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from heron.conf import ImproperlyConfigured

from ...exceptions import DatabaseUnavailable, InterfaceError, OperationalError
from .breaker import CircuitBreaker

__all__ = ["AsyncPool", "Pool", "PoolSettings", "pool_options"]

C = TypeVar("C")


class _Bookkeeping:
    """What both pools share: which connections are open or retired, and connect errors.

    The common checkout and return pay nothing for retirement: ``_stale`` is empty unless
    ``invalidate()`` ran, and the ids in it leave as those connections are closed.
    """

    def __init__(self, alias: str, breaker: CircuitBreaker | None, max_size: int) -> None:
        self.alias = alias
        self.breaker = breaker
        self.max_size = max_size
        self._live: set[int] = set()  # id() of every open connection
        self._stale: set[int] = set()  # id() of the open connections invalidate() retired

    def invalidate(self) -> None:
        """Retire every connection opened so far (safe from any thread)."""
        self._stale = set(self._live)

    def _forget(self, conn: Any) -> None:
        key = id(conn)
        self._live.discard(key)
        self._stale.discard(key)

    def _unavailable(self, exc: Exception) -> Exception:
        """The error to raise for a failed connection attempt (and tell the breaker)."""
        if isinstance(exc, DatabaseUnavailable):
            return exc
        if not isinstance(exc, OperationalError | InterfaceError):
            if self.breaker is not None:
                self.breaker.abandoned()
            return exc  # a configuration mistake, not an outage: raised as it is
        if self.breaker is not None:
            self.breaker.failed(exc)
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        return DatabaseUnavailable(
            f"Could not connect to database {self.alias!r}: {first_line}", alias=self.alias
        )

    def _exhausted(self, timeout: float) -> DatabaseUnavailable:
        return DatabaseUnavailable(
            f"No connection to database {self.alias!r} became free within {timeout:g} s (all "
            f"{self.max_size} are in use). Raise pool_max_size or pool_timeout in its OPTIONS, "
            "or look for connections held by long transactions.",
            alias=self.alias,
        )


class Pool(_Bookkeeping, Generic[C]):
    """A thread-safe pool of sync connections."""

    def __init__(
        self,
        connect: Callable[[], C],
        close: Callable[[C], None],
        *,
        max_size: int = 10,
        timeout: float = 5.0,
        ping: Callable[[C], bool] | None = None,
        alias: str = "default",
        breaker: CircuitBreaker | None = None,
    ) -> None:
        super().__init__(alias, breaker, max_size)
        self._connect = connect
        self._close = close
        self._ping = ping
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
        # Idle connections are never retired ones: invalidate() closes those at once.
        if conn is not None and self._ping is None:
            return conn
        if conn is None:
            conn = self._wait()
            if conn is None:  # a slot is reserved for a new connection
                return self._open()
        if self._ping is None or self._ping(conn):
            return conn
        self._close_quietly(conn)  # retired or failed its ping: reuse its slot
        return self._open()

    def _open(self) -> C:
        """Connect in the slot the caller reserved (freed again if connecting fails)."""
        breaker = self.breaker
        try:
            if breaker is not None:
                breaker.before_connect()
            conn = self._connect()
        except Exception as exc:
            self._free_slot()
            error = self._unavailable(exc)
            if error is exc:
                raise
            raise error from exc
        except BaseException:
            self._free_slot()
            if breaker is not None:
                breaker.abandoned()
            raise
        if breaker is not None:
            breaker.succeeded()
        self._live.add(id(conn))
        return conn

    def _wait(self) -> C | None:
        """An idle connection, or None after reserving a slot for a new one (may wait)."""
        deadline = time.monotonic() + self.timeout
        with self._cond:
            while True:
                if self._closed:
                    raise OperationalError("The connection pool is closed.")
                if self._idle:
                    return self._idle.pop()
                if self._size < self.max_size:
                    self._size += 1
                    return None
                if self.breaker is not None and self.breaker.is_open:
                    raise self.breaker.unavailable()
                remaining = deadline - time.monotonic()
                self._waiting += 1
                try:
                    woken = remaining > 0 and self._cond.wait(remaining)
                finally:
                    self._waiting -= 1
                if not woken:
                    raise self._exhausted(self.timeout)

    def _free_slot(self) -> None:
        with self._cond:
            self._size -= 1
            if self._waiting:
                self._cond.notify()

    def try_get(self) -> C | None:
        """Return a connection without waiting, or None when the pool is at ``max_size``."""
        with self._cond:
            if self._closed or (not self._idle and self._size >= self.max_size):
                return None
        return self.get()

    def put(self, conn: C, *, broken: bool = False) -> None:
        """Give ``conn`` back; a broken or retired connection is closed and its slot freed."""
        with self._lock:
            if not (broken or self._closed or (self._stale and id(conn) in self._stale)):
                self._idle.append(conn)
                if self._waiting:
                    self._cond.notify()
                return
        self._discard(conn)

    def _close_quietly(self, conn: C) -> None:
        self._forget(conn)
        try:
            self._close(conn)
        except Exception:
            pass  # the connection is already dead; nothing more to release

    def _discard(self, conn: C) -> None:
        self._close_quietly(conn)
        self._free_slot()

    def invalidate(self) -> None:
        """Retire every connection opened so far; close the idle ones now."""
        with self._cond:
            self._stale = set(self._live)
            idle, self._idle = self._idle, []
        for conn in idle:
            self._discard(conn)

    def close(self) -> None:
        """Close the idle connections; connections in use are closed when given back."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
        for conn in idle:
            self._discard(conn)


class AsyncPool(_Bookkeeping, Generic[C]):
    """A pool of asyncio connections, used on one event loop only."""

    def __init__(
        self,
        connect: Callable[[], Awaitable[C]],
        close: Callable[[C], Awaitable[None]],
        *,
        max_size: int = 10,
        timeout: float = 5.0,
        ping: Callable[[C], Awaitable[bool]] | None = None,
        alias: str = "default",
        breaker: CircuitBreaker | None = None,
    ) -> None:
        super().__init__(alias, breaker, max_size)
        self._connect = connect
        self._close = close
        self._ping = ping
        self.timeout = timeout
        self._idle: list[C] = []
        self._slots = asyncio.Semaphore(max_size)
        self._closed = False

    @property
    def closed(self) -> bool:
        return self._closed

    async def get(self) -> C:
        if self._closed:
            raise OperationalError("The connection pool is closed.")
        slots = self._slots
        if slots.locked():
            if self.breaker is not None and self.breaker.is_open:
                raise self.breaker.unavailable()
            try:
                await asyncio.wait_for(slots.acquire(), self.timeout)
            except TimeoutError:
                raise self._exhausted(self.timeout) from None
        else:
            await slots.acquire()  # free: returns without suspending
        try:
            idle = self._idle
            while idle:
                conn = idle.pop()
                stale = self._stale
                if (not stale or id(conn) not in stale) and (
                    self._ping is None or await self._ping(conn)
                ):
                    return conn
                await self._close_quietly(conn)
            return await self._open()
        except BaseException:
            slots.release()
            raise

    async def _open(self) -> C:
        breaker = self.breaker
        try:
            if breaker is not None:
                breaker.before_connect()
            conn = await self._connect()
        except Exception as exc:
            error = self._unavailable(exc)
            if error is exc:
                raise
            raise error from exc
        except BaseException:
            if breaker is not None:
                breaker.abandoned()
            raise
        if breaker is not None:
            breaker.succeeded()
        self._live.add(id(conn))
        return conn

    async def put(self, conn: C, *, broken: bool = False) -> None:
        if broken or self._closed or (self._stale and id(conn) in self._stale):
            await self._close_quietly(conn)
        else:
            self._idle.append(conn)
        self._slots.release()

    async def _close_quietly(self, conn: C) -> None:
        self._forget(conn)
        try:
            await self._close(conn)
        except Exception:
            pass  # the connection is already dead; nothing more to release

    async def close(self) -> None:
        self._closed = True
        idle, self._idle = self._idle, []
        for conn in idle:
            await self._close_quietly(conn)


@dataclass(frozen=True, slots=True)
class PoolSettings:
    """The pool, timeout and breaker options of one alias (see docs/databases.md)."""

    max_size: int = 10
    min_size: int = 0
    timeout: float = 5.0
    """``pool_timeout``: seconds to wait for a free connection before ``DatabaseUnavailable``."""
    pre_ping: bool = False
    connect_timeout: float = 5.0
    """Seconds to wait for a new connection to open."""
    statement_timeout: float | None = 30.0
    """Seconds a statement may run (server-side where the database has it); None: no limit."""
    breaker_threshold: int = 3
    """Connection failures in a row that open the circuit breaker."""
    breaker_cooldown: float = 0.25
    """Seconds the open breaker turns callers away before one probe may connect."""

    def make_breaker(self, alias: str) -> CircuitBreaker:
        return CircuitBreaker(
            alias, threshold=self.breaker_threshold, cooldown=self.breaker_cooldown
        )


_FLAGS = ("1", "true", "yes", "on")

# OPTIONS keys Heron reads itself (never passed to the driver), and how to parse each.
_HERON_KEYS: dict[str, Callable[[Any], Any]] = {
    "pool_max_size": int,
    "pool_min_size": int,
    "pool_timeout": float,
    "pool_pre_ping": lambda value: str(value).lower() in _FLAGS,
    "connect_timeout": float,
    "statement_timeout": lambda value: (
        None if value is None or str(value).lower() in ("", "0", "none", "off") else float(value)
    ),
    "breaker_threshold": int,
    "breaker_cooldown": float,
}


def pool_options(options: dict[str, Any]) -> tuple[PoolSettings, dict[str, Any]]:
    """Split ``OPTIONS`` into Heron's settings and the options passed to the driver."""
    parsed: dict[str, Any] = {}
    driver: dict[str, Any] = {}
    for key, value in options.items():
        parse = _HERON_KEYS.get(key)
        if parse is not None:
            try:
                parsed[key.removeprefix("pool_")] = parse(value)
            except (TypeError, ValueError):
                raise ImproperlyConfigured(
                    f"OPTIONS[{key!r}] = {value!r} is not a number; give it in seconds "
                    "(or as a count for pool sizes and breaker_threshold)."
                ) from None
        elif key.startswith("pool_"):
            raise ImproperlyConfigured(
                f"Unknown pool option {key!r} in OPTIONS; use pool_max_size, pool_min_size, "
                "pool_timeout or pool_pre_ping."
            )
        else:
            driver[key] = value
    return PoolSettings(**parsed), driver
