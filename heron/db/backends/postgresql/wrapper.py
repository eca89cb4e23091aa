"""PostgreSQL through psycopg 3, pooled by Heron's pools (``base.pool``).

Sync connections come from one ``Pool``, async ones from an ``AsyncPool`` per event loop
(asyncio connections belong to the loop that made them); connections open on demand, in the
caller, so a refused connection fails the request at once. Connections run in autocommit,
and ``heron.db.transaction`` sends ``BEGIN``/``COMMIT`` itself. ``connections.close_all()``
/ ``await connections.aclose_all()`` close them (the latter is registered as an ASGI lifespan
shutdown hook).

Timeouts: ``connect_timeout`` goes to libpq (whole seconds, at least 2); ``statement_timeout``
is set on each connection (the server cancels a longer statement: ``StatementTimeout``) and
also armed on the client (``base.deadline``), one second later, so a server that stopped
answering altogether fails the statement with ``DatabaseUnavailable`` instead of hanging.
"""

from __future__ import annotations

import math
import weakref
from typing import TYPE_CHECKING, Any

from ...exceptions import DatabaseUnavailable, translate_error
from ...state import current_state
from ..base.deadline import shutdown_socket, watchdog
from ..base.pool import pool_options
from ..base.server import ServerDatabaseWrapper
from ..base.statements import Statement, arun_statement, run_statement
from .client import DatabaseClient
from .creation import DatabaseCreation
from .features import DatabaseFeatures
from .operations import DatabaseOperations

if TYPE_CHECKING:
    from sqlalchemy.engine.interfaces import Dialect

__all__ = ["DatabaseWrapper"]

_DEADLINE_GRACE = 1.0
"""Seconds the client waits past ``statement_timeout`` before giving the server up."""


class DatabaseWrapper(ServerDatabaseWrapper):
    vendor = "postgresql"
    display_name = "PostgreSQL"
    paramstyle = "format"
    features_class = DatabaseFeatures
    ops_class = DatabaseOperations
    creation_class = DatabaseCreation
    client_class = DatabaseClient

    def __init__(self, settings_dict: dict[str, Any], alias: str = "default") -> None:
        super().__init__(settings_dict, alias)
        timeout = self.pool_settings.statement_timeout
        self._deadline = None if timeout is None else timeout + _DEADLINE_GRACE
        self._kwargs: dict[str, Any] | None = None

    def make_dialect(self) -> Dialect:
        self.import_driver("psycopg", "postgres", self.display_name)
        from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg

        return PGDialect_psycopg(paramstyle="format")  # type: ignore[no-untyped-call]

    def connect_kwargs(self, database: str | None = None) -> dict[str, Any]:
        """The keyword arguments of ``psycopg.connect`` for this alias."""
        s = self.settings_dict
        settings, options = pool_options(s["OPTIONS"])
        kwargs: dict[str, Any] = {
            "dbname": database or s["NAME"],
            "autocommit": True,
            "connect_timeout": max(2, math.ceil(settings.connect_timeout)),
        }
        for key, name in (
            ("USER", "user"),
            ("PASSWORD", "password"),
            ("HOST", "host"),
            ("PORT", "port"),
        ):
            if s.get(key):
                kwargs[name] = s[key]
        kwargs.update(options)
        if settings.statement_timeout is not None:
            ms = max(1, round(settings.statement_timeout * 1000))
            extra = f"-c statement_timeout={ms}"
            kwargs["options"] = f"{kwargs['options']} {extra}" if kwargs.get("options") else extra
        return kwargs

    def _connect_kwargs(self) -> dict[str, Any]:
        kwargs = self._kwargs
        if kwargs is None:
            kwargs = self._kwargs = self.connect_kwargs()
        return kwargs

    # -- one connection -----------------------------------------------------------------

    def _connect(self) -> Any:
        psycopg = self.import_driver("psycopg", "postgres", self.display_name)
        try:
            return psycopg.connect(**self._connect_kwargs())
        except Exception as exc:
            new = translate_error(exc)
            if new is None:
                raise
            raise new from exc

    def _ping(self, conn: Any) -> bool:
        try:
            conn.execute("")
        except Exception:
            return False
        return True

    async def _aconnect(self) -> Any:
        psycopg = self.import_driver("psycopg", "postgres", self.display_name)
        try:
            return await psycopg.AsyncConnection.connect(**self._connect_kwargs())
        except Exception as exc:
            new = translate_error(exc)
            if new is None:
                raise
            raise new from exc

    async def _aclose_conn(self, conn: Any) -> None:
        await conn.close()

    async def _aping(self, conn: Any) -> bool:
        try:
            await conn.execute("")
        except Exception:
            return False
        return True

    def _is_broken(self, conn: Any) -> bool:
        return bool(conn.closed or conn.broken)

    def _release(self, conn: Any, *, broken: bool = False) -> None:
        # A connection left inside a transaction (or mid-statement) is not reused.
        super()._release(conn, broken=broken or conn.pgconn.transaction_status != _IDLE)

    async def _arelease(self, conn: Any, *, broken: bool = False) -> None:
        await super()._arelease(conn, broken=broken or conn.pgconn.transaction_status != _IDLE)

    def _timed_out(self) -> DatabaseUnavailable:
        """The error for a statement the client gave up on (and tell the breaker)."""
        error = DatabaseUnavailable(
            f"Database {self.alias!r} did not answer within {self._deadline:g} s "
            "(statement_timeout plus one second); its connection was closed.",
            alias=self.alias,
        )
        self.breaker.failed(error)
        return error

    # -- sync ---------------------------------------------------------------------------

    def _run(self, conn: Any, statement: Statement) -> Any:
        deadline = self._deadline
        if deadline is None:
            return self._run_now(conn, statement)
        token = watchdog.arm(conn, deadline, _abort)
        try:
            result = self._run_now(conn, statement)
        except Exception as exc:
            if watchdog.disarm(token):
                raise self._timed_out() from exc
            raise
        watchdog.disarm(token)
        return result

    def _run_now(self, conn: Any, statement: Statement) -> Any:
        sql, params, fetch, build, many = statement
        if many or (fetch != "all" and fetch != "one"):
            return run_statement(conn, *statement)
        try:
            cursor = conn.cursor()
            try:
                cursor.execute(sql) if params is None else cursor.execute(sql, params)
                if not _has_rows(cursor):
                    rows: Any = []
                elif fetch == "all":
                    rows = cursor.fetchall()
                else:
                    row = cursor.fetchone()
                    if build is None:
                        return row
                    rows = [row] if row is not None else []
            finally:
                cursor.close()
            if fetch == "one" and build is None:
                return None
            return rows if build is None else build(rows)
        except Exception as exc:
            new = translate_error(exc)
            if new is None:
                raise
            raise new from exc

    # -- async --------------------------------------------------------------------------

    async def _arun(self, conn: Any, statement: Statement) -> Any:
        deadline = self._deadline
        if deadline is None:
            return await self._arun_now(conn, statement)
        token = watchdog.arm(conn, deadline, _abort)
        try:
            result = await self._arun_now(conn, statement)
        except BaseException as exc:
            if watchdog.disarm(token) and isinstance(exc, Exception):
                raise self._timed_out() from exc
            raise
        watchdog.disarm(token)
        return result

    async def _arun_now(self, conn: Any, statement: Statement) -> Any:
        """``arun_statement`` for reads, without building the cursor's ``description`` (the
        result status says whether there are rows) and with one await per network wait."""
        sql, params, fetch, build, many = statement
        if many or (fetch != "all" and fetch != "one"):
            return await arun_statement(conn, *statement)
        state = current_state(self.alias)
        # A connection checked out of the pool is this coroutine's alone: reuse one cursor
        # per connection (its type adapters stay warm). A pinned transaction's connection may
        # be shared by concurrent tasks, so each statement gets its own cursor there.
        shared = state is not None and state.conn is conn
        try:
            cursor = conn.cursor() if shared else _cursor_of(conn)
            try:
                if params is None:
                    await cursor.execute(sql)
                else:
                    await cursor.execute(sql, params)
                if not _has_rows(cursor):
                    rows: Any = []
                elif fetch == "all":
                    rows = await cursor.fetchall()
                else:
                    row = await cursor.fetchone()
                    if build is None:
                        return row
                    rows = [row] if row is not None else []
            finally:
                if shared:
                    await cursor.close()
            if not shared and len(rows) > _KEEP_ROWS:
                # Do not keep a large result alive on an idle connection's cursor.
                _cursors.pop(conn, None)
                await cursor.close()
            if fetch == "one" and build is None:
                return None
            return rows if build is None else build(rows)
        except Exception as exc:
            new = translate_error(exc)
            if new is None:
                raise
            raise new from exc


_IDLE = 0  # psycopg.pq.TransactionStatus.IDLE


def _abort(conn: Any) -> None:
    """Shut the socket of a connection whose server stopped answering (``base.deadline``)."""
    shutdown_socket(conn.pgconn.socket)


_TUPLES_OK: Any = None


def _has_rows(cursor: Any) -> bool:
    """Whether the last statement returned a result set (a SELECT, a RETURNING)."""
    global _TUPLES_OK
    if _TUPLES_OK is None:
        from psycopg import pq

        _TUPLES_OK = (pq.ExecStatus.TUPLES_OK, pq.ExecStatus.SINGLE_TUPLE)
    result = cursor.pgresult
    return result is not None and result.status in _TUPLES_OK


_cursors: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()
_KEEP_ROWS = 256


def _cursor_of(conn: Any) -> Any:
    """The cursor kept for ``conn`` (made on first use; it goes away with the connection)."""
    cursor = _cursors.get(conn)
    if cursor is None or cursor.closed:
        cursor = _cursors[conn] = conn.cursor()
    return cursor
