"""SQLite through the standard library's ``sqlite3``.

Each connection (``SQLiteConnection``) is guarded by a lock: a sync query runs on the
calling thread, holding the lock for execute, fetch and build; an async query runs the same
function on the connection's worker thread, one hop, holding the same lock. Outside a
transaction a query checks a connection out of the alias's pool; inside one (``atomic()``, a
test transaction) sync and async code share the pinned connection, one at a time.
Connections use WAL, turn ``foreign_keys`` on and wait ``busy_timeout`` ms for locks. A
``:memory:`` database has exactly one connection, shared (one user at a time), so every
caller sees the same data.

Transactions are opened with ``BEGIN IMMEDIATE`` by default (``OPTIONS["transaction_mode"]``:
``DEFERRED``, ``IMMEDIATE`` or ``EXCLUSIVE``), so two writers queue on the lock instead of
failing halfway with "database is locked"; ``writers.py`` makes them take turns, across
threads and processes, within ``busy_timeout``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from heron.conf import ImproperlyConfigured

from ...exceptions import translate_error
from ...instrumentation import get_listeners, notify
from ...state import TransactionState, _states
from ..base.pool import Pool, pool_options
from ..base.statements import Statement, run_statement
from ..base.wrapper import DatabaseWrapper as BaseDatabaseWrapper
from .client import DatabaseClient
from .connection import SQLiteConnection
from .creation import DatabaseCreation
from .features import DatabaseFeatures
from .functions import heron_localtime
from .operations import DatabaseOperations
from .writers import WriterQueue, begin_when_free, queue_for

if TYPE_CHECKING:
    from sqlalchemy.engine.interfaces import Dialect

__all__ = ["DatabaseWrapper"]

T = TypeVar("T")

_MODES = ("DEFERRED", "IMMEDIATE", "EXCLUSIVE")

current_states = _states.get  # alias -> pinned TransactionState (state.current_state, inlined)


class DatabaseWrapper(BaseDatabaseWrapper):
    vendor = "sqlite"
    display_name = "SQLite"
    paramstyle = "qmark"
    features_class = DatabaseFeatures
    ops_class = DatabaseOperations
    creation_class = DatabaseCreation
    client_class = DatabaseClient

    def __init__(self, settings_dict: dict[str, Any], alias: str = "default") -> None:
        super().__init__(settings_dict, alias)
        self._pool: Pool[SQLiteConnection] | None = None
        self._busy_ms = int(self.settings_dict["OPTIONS"].get("busy_timeout", 5000))
        self._writers: WriterQueue | bool | None = False  # False: not decided yet

    def make_dialect(self) -> Dialect:
        from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

        return SQLiteDialect_pysqlite(paramstyle="qmark")

    @property
    def is_in_memory(self) -> bool:
        name = str(self.settings_dict["NAME"])
        return name == ":memory:" or (name.startswith("file:") and "mode=memory" in name)

    @property
    def transaction_mode(self) -> str:
        mode = str(self.settings_dict["OPTIONS"].get("transaction_mode", "IMMEDIATE")).upper()
        if mode not in _MODES:
            raise ImproperlyConfigured(
                f"OPTIONS['transaction_mode']={mode!r} for database {self.alias!r}; use one of "
                f"{', '.join(_MODES)}."
            )
        return mode

    # -- connections --------------------------------------------------------------------

    def _connect_raw(self) -> sqlite3.Connection:
        name = str(self.settings_dict["NAME"])
        options = {
            k: v
            for k, v in pool_options(self.settings_dict["OPTIONS"])[1].items()
            if k not in ("transaction_mode", "busy_timeout", "journal_mode")
        }
        timeout_ms = self._busy_ms
        try:
            conn: sqlite3.Connection = sqlite3.connect(
                name,
                isolation_level=None,  # autocommit; heron.db.transaction sends BEGIN itself
                check_same_thread=False,  # used by one thread at a time, under its lock
                uri=name.startswith("file:"),
                timeout=timeout_ms / 1000,
                cached_statements=256,
                **options,
            )
        except sqlite3.Error as exc:
            raise _translated(exc) from exc
        try:
            conn.execute("PRAGMA foreign_keys = ON")
            conn.create_function("regexp", 2, _regexp, deterministic=True)
            conn.create_function("heron_localtime", 2, heron_localtime, deterministic=True)
            if not self.is_in_memory:
                _set_journal_mode(
                    conn, str(self.settings_dict["OPTIONS"].get("journal_mode", "WAL"))
                )
                conn.execute("PRAGMA synchronous = NORMAL")
        except BaseException as exc:
            conn.close()
            if isinstance(exc, sqlite3.Error):
                raise _translated(exc) from exc
            raise
        return conn

    def _connect(self) -> SQLiteConnection:
        return SQLiteConnection(self._connect_raw(), self.alias)

    def _get_pool(self) -> Pool[SQLiteConnection]:
        pool = self._pool
        if pool is None:
            with self._setup_lock:
                if self._pool is None:
                    settings, _ = pool_options(self.settings_dict["OPTIONS"])
                    self._pool = Pool(
                        self._connect,
                        SQLiteConnection.close,
                        # One shared in-memory database: one connection, one user at a time.
                        max_size=1 if self.is_in_memory else settings.max_size,
                        timeout=settings.timeout,
                        alias=self.alias,
                    )
                pool = self._pool
        return pool

    def _acquire(self) -> SQLiteConnection:
        return self._get_pool().get()

    def _release(self, conn: Any, *, broken: bool = False) -> None:
        if conn.writer is not None:  # a write transaction ended without COMMIT/ROLLBACK
            self._end_write_turn(conn, rollback=True)
        pool = self._pool
        if pool is None:
            conn.close()
        else:
            pool.put(conn, broken=broken)

    async def _aacquire(self) -> SQLiteConnection:
        pool = self._get_pool()
        conn = pool.try_get()
        if conn is not None:
            return conn
        import asyncio

        # Every connection is busy: wait for one off the event loop.
        return await asyncio.get_running_loop().run_in_executor(None, pool.get)

    async def _arelease(self, conn: Any, *, broken: bool = False) -> None:
        self._release(conn, broken=broken)

    # -- execution: sync in place, async in one hop to the connection's worker ----------

    def _call_on(self, conn: Any, fn: Callable[[Any], T]) -> T:
        with conn.lock:
            result: T = fn(conn.raw)
        return result

    def _run(self, conn: Any, statement: Statement) -> Any:
        with conn.lock:
            return _run_sqlite(conn.raw, statement)

    def _execute(self, statement: Statement) -> Any:
        # The base class's, with checkout, run and return inlined. A connection checked out
        # of the pool is this thread's alone until it is put back (an async user holds it
        # until its worker's job is done), so its lock is only taken for pinned connections.
        listeners = get_listeners()
        if listeners:
            notify(listeners, self.alias, statement[0], statement[1])
        state = current_states().get(self.alias)
        if state is not None and state.wrapper is self:
            if state.is_async:
                raise self._sync_in_async_error()
            return self._run_pinned(state, statement)
        pool = self._pool or self._get_pool()
        conn = pool.get()
        try:
            result = _run_sqlite(conn.raw, statement)
        except Exception:
            pool.put(conn)  # SQLite connections do not break: nothing to retry
            raise
        except BaseException:
            pool.put(conn, broken=True)
            raise
        pool.put(conn)
        return result

    async def _arun(self, conn: Any, statement: Statement) -> Any:
        return await conn.acall(lambda raw: _run_sqlite(raw, statement))

    async def _arun_on_sync(self, state: TransactionState, statement: Statement) -> Any:
        # The pinned connection's lock keeps its sync users out while the hop runs.
        self._check_usable(state)
        return await self._arun(state.conn, statement)

    async def _arun_on_sync_control(self, state: TransactionState, statement: Statement) -> Any:
        return await self._arun(state.conn, statement)

    # -- write transactions take turns (writers.py) -------------------------------------

    def _writer_queue(self) -> WriterQueue | None:
        queue = self._writers
        if queue is False:
            name = str(self.settings_dict["NAME"])
            if self.is_in_memory or self.transaction_mode == "DEFERRED":
                queue = None  # one shared connection / read transactions need no turn
            else:
                queue = queue_for(os.path.abspath(name) if not name.startswith("file:") else name)
            self._writers = queue
        return queue  # type: ignore[return-value]

    def run_control(self, state: TransactionState, sql: str) -> None:
        queue = self._writer_queue()
        if queue is None or state.is_async:
            super().run_control(state, sql)
            return
        conn = state.conn
        with state.lock:
            conn.call(lambda raw: self._control(conn, raw, sql, queue))

    async def arun_control(self, state: TransactionState, sql: str) -> None:
        queue = self._writer_queue()
        if queue is None:
            await super().arun_control(state, sql)
            return
        conn = state.conn
        await conn.acall(lambda raw: self._control(conn, raw, sql, queue))

    def _control(
        self, conn: SQLiteConnection, raw: sqlite3.Connection, sql: str, queue: WriterQueue
    ) -> None:
        """Run BEGIN once it is this writer's turn; COMMIT/ROLLBACK give the turn back."""
        if sql.startswith("BEGIN"):
            waited = queue.enter(self._busy_ms / 1000, self.alias)
            try:
                begin_when_free(raw, sql, self._busy_ms, yield_first=waited, alias=self.alias)
            except BaseException as exc:
                queue.leave()
                if isinstance(exc, sqlite3.Error):
                    raise _translated(exc) from exc
                raise
            conn.writer = queue
            return
        try:
            _run_sqlite(raw, (sql, None, "none", None, False))
        finally:
            if conn.writer is not None and not raw.in_transaction:
                conn.writer = None
                queue.leave()

    @staticmethod
    def _end_write_turn(conn: SQLiteConnection, *, rollback: bool) -> None:
        queue, conn.writer = conn.writer, None
        try:
            if rollback and not conn.closed and conn.raw.in_transaction:
                conn.call(lambda raw: raw.execute("ROLLBACK"))
        except sqlite3.Error:
            pass  # the connection is unusable; the pool discards it
        finally:
            queue.leave()

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()


def _set_journal_mode(conn: sqlite3.Connection, journal: str) -> None:
    """Switch the database to ``journal`` unless it already uses it.

    Two connections opening a new database at once can both try the switch; SQLite answers
    one of them "database is locked" at once (a lock upgrade it will not wait for). The
    loser looks again: the winner has usually switched it already, else it retries, now
    holding no lock, so the busy timeout applies.
    """
    for attempt in range(3):
        current = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
        if current.lower() == journal.lower():
            return
        try:
            conn.execute(f"PRAGMA journal_mode = {journal}")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or attempt == 2:
                raise


def _run_sqlite(raw: sqlite3.Connection, statement: Statement) -> Any:
    """``run_statement``, with the common reads done through ``Connection.execute`` (the
    cursor is made in C and freed as soon as its rows are read)."""
    sql, params, fetch, build, many = statement
    if many or (fetch != "all" and fetch != "one"):
        return run_statement(raw, *statement)
    try:
        cursor = raw.execute(sql) if params is None else raw.execute(sql, params)
        if fetch == "all":
            rows = cursor.fetchall()
            return rows if build is None else build(rows)
        row = cursor.fetchone()
        if build is None:
            return row
        return build([row] if row is not None else [])
    except Exception as exc:
        new = translate_error(exc)
        if new is None:
            raise
        raise new from exc


def _translated(exc: sqlite3.Error) -> Exception:
    new = translate_error(exc)
    return exc if new is None else new


def _regexp(pattern: str | None, value: Any) -> bool | None:
    """SQLite's ``value REGEXP pattern`` (the ORM's ``regex`` / ``iregex`` lookups)."""
    if pattern is None or value is None:
        return None
    import re

    return re.search(pattern, str(value)) is not None
