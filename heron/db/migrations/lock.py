"""``MigrationLock``: one ``migrate`` at a time per database.

Several servers deploying together each run ``heron migrate``; without a lock two of them
could both find a migration unapplied and both run it. The lock lives in the database
server, so it works across machines, and it is held on a connection of its own, opened for
the lock and closed after it: if the process dies, the server drops the connection and the
lock with it.

* PostgreSQL: a session-level advisory lock, ``pg_advisory_lock(key)``.
* MariaDB/MySQL: a named lock, ``GET_LOCK('heron_migrate.<database>', timeout)`` (named
  locks are server-wide; the name keeps databases of one server apart).
* SQLite: a write transaction (``BEGIN IMMEDIATE``: one writer at a time) on a small file
  next to the database, ``<database>.migrate-lock``; SQLite's own file locking makes other
  processes wait. An in-memory database belongs to one process: nothing to lock.

A run that finds the lock taken waits. After ``notice_after`` seconds it calls ``on_wait``
once (``heron migrate`` prints "waiting for another migrate to finish…"), then keeps waiting
until the lock is free or ``timeout`` seconds have passed in all (``MigrationLockTimeout``).
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .exceptions import MigrationError, MigrationLockTimeout

if TYPE_CHECKING:
    from heron.db.backends.base.wrapper import DatabaseWrapper

__all__ = ["LOCK_NAME", "MigrationLock", "MigrationLockTimeout", "lock_key"]

LOCK_NAME = "heron_migrate"
_FOREVER_MS = 2**31 - 1
_YEAR = 365 * 24 * 3600
# MariaDB/MySQL named locks are server-wide: name the database (64 characters at most).
_MYSQL_NAME = f"LEFT(CONCAT('{LOCK_NAME}.', DATABASE()), 64)"


def lock_key(name: str = LOCK_NAME) -> int:
    """The signed 64-bit key of PostgreSQL's advisory lock for ``name`` (stable)."""
    digest = hashlib.sha256(name.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class MigrationLock:
    """Hold the migration lock of ``connection``'s database: ``with MigrationLock(db):``."""

    def __init__(
        self,
        connection: DatabaseWrapper,
        *,
        timeout: float | None = None,
        notice_after: float = 2.0,
        on_wait: Callable[[], None] | None = None,
    ) -> None:
        self.connection = connection
        self.timeout = timeout
        self.notice_after = notice_after
        self.on_wait = on_wait
        self._conn: Any = None
        self.held = False

    # -- the public protocol --------------------------------------------------------------

    def acquire(self) -> None:
        """Take the lock, waiting for another holder to release it."""
        if self.held:
            raise RuntimeError("This MigrationLock is already held.")
        try:
            self._conn = self._open()
        except Exception as exc:
            raise self._failed(exc) from exc
        if self._conn is None:
            self.held = True  # an in-memory SQLite database: one process, nothing to lock
            return
        try:
            self._wait()
        except MigrationLockTimeout:
            self._close()
            raise
        except Exception as exc:
            self._close()
            raise self._failed(exc) from exc
        except BaseException:
            self._close()
            raise
        self.held = True

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        if self._conn is None:
            return
        try:
            self._unlock()
        finally:
            self._close()

    def __enter__(self) -> MigrationLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()

    # -- waiting ----------------------------------------------------------------------------

    def _wait(self) -> None:
        timeout = self.timeout
        first = self.notice_after if timeout is None else min(self.notice_after, timeout)
        if self._try(max(first, 0.0)):
            return
        if timeout is not None and timeout <= self.notice_after:
            raise self._timed_out()
        if self.on_wait is not None:
            self.on_wait()
        remaining = None if timeout is None else timeout - max(self.notice_after, 0.0)
        if not self._try(remaining):
            raise self._timed_out()

    def _failed(self, exc: Exception) -> MigrationError:
        return MigrationError(
            f"Cannot take the migration lock of database {self.connection.alias!r}: {exc}"
        )

    def _timed_out(self) -> MigrationLockTimeout:
        waited = "a year" if self.timeout is None else f"{self.timeout:g} seconds"
        return MigrationLockTimeout(
            f"Another 'heron migrate' still holds the migration lock of database "
            f"{self.connection.alias!r} after {waited}. Wait for it to finish (or stop it), "
            "then migrate again."
        )

    # -- per database ---------------------------------------------------------------------

    def _open(self) -> Any:
        wrapper: Any = self.connection
        vendor = wrapper.vendor
        if vendor == "sqlite":
            if wrapper.is_in_memory:
                return None
            name = str(wrapper.settings_dict["NAME"])
            if name.startswith("file:"):
                name = name[len("file:") :].split("?", 1)[0]
            return sqlite3.connect(
                f"{name}.migrate-lock", isolation_level=None, check_same_thread=False
            )
        if vendor == "postgresql":
            import psycopg

            return psycopg.connect(**wrapper.connect_kwargs())
        return wrapper._connect()

    def _try(self, seconds: float | None) -> bool:
        """Try to take the lock, waiting up to ``seconds`` (None: as long as it takes)."""
        vendor = self.connection.vendor
        conn = self._conn
        if vendor == "sqlite":
            wait_ms = _FOREVER_MS if seconds is None else int(seconds * 1000)
            conn.execute(f"PRAGMA busy_timeout = {wait_ms}")
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    return False
                raise
            return True
        if vendor == "postgresql":
            return self._try_postgresql(seconds)
        with conn.cursor() as cursor:
            # A year stands for "forever" (MariaDB reads a negative timeout as zero).
            wait = _YEAR if seconds is None else max(round(seconds), 0)
            cursor.execute(f"SELECT GET_LOCK({_MYSQL_NAME}, %s)", (wait,))
            (got,) = cursor.fetchone()
        return bool(got == 1)

    def _try_postgresql(self, seconds: float | None) -> bool:
        import psycopg

        key = lock_key()
        with self._conn.cursor() as cursor:
            if seconds == 0:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", (key,))
                (got,) = cursor.fetchone()
                return bool(got)
            wait_ms = 0 if seconds is None else max(int(seconds * 1000), 1)
            cursor.execute(f"SET lock_timeout = {wait_ms}")
            try:
                cursor.execute("SELECT pg_advisory_lock(%s)", (key,))
            except psycopg.errors.LockNotAvailable:
                return False
            finally:
                cursor.execute("SET lock_timeout = 0")
            return True

    def _unlock(self) -> None:
        vendor = self.connection.vendor
        if vendor == "sqlite":
            self._conn.execute("ROLLBACK")
            return
        with self._conn.cursor() as cursor:
            if vendor == "postgresql":
                cursor.execute("SELECT pg_advisory_unlock(%s)", (lock_key(),))
            else:
                cursor.execute(f"SELECT RELEASE_LOCK({_MYSQL_NAME})")

    def _close(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()
