"""PostgreSQL through psycopg 3, pooled by ``psycopg_pool``.

Sync connections come from a ``ConnectionPool``, async ones from an ``AsyncConnectionPool``
(one per event loop, since asyncio connections belong to the loop that made them). Both
pools open on first use; connections run in autocommit, and ``heron.db.transaction`` sends
``BEGIN``/``COMMIT`` itself. ``connections.close_all()`` / ``await connections.aclose_all()``
close them (the latter is registered as an ASGI lifespan shutdown hook).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from ...exceptions import translate_error
from ...state import current_state
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


class DatabaseWrapper(ServerDatabaseWrapper):
    vendor = "postgresql"
    display_name = "PostgreSQL"
    paramstyle = "format"
    features_class = DatabaseFeatures
    ops_class = DatabaseOperations
    creation_class = DatabaseCreation
    client_class = DatabaseClient

    def make_dialect(self) -> Dialect:
        self.import_driver("psycopg", "postgres", self.display_name)
        from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg

        return PGDialect_psycopg(paramstyle="format")  # type: ignore[no-untyped-call]

    def connect_kwargs(self, database: str | None = None) -> dict[str, Any]:
        """The keyword arguments of ``psycopg.connect`` for this alias."""
        s = self.settings_dict
        _, options = pool_options(s["OPTIONS"])
        kwargs: dict[str, Any] = {"dbname": database or s["NAME"], "autocommit": True}
        for key, name in (
            ("USER", "user"),
            ("PASSWORD", "password"),
            ("HOST", "host"),
            ("PORT", "port"),
        ):
            if s.get(key):
                kwargs[name] = s[key]
        return {**kwargs, **options}

    def _pool_kwargs(self) -> dict[str, Any]:
        settings, _ = pool_options(self.settings_dict["OPTIONS"])
        return {
            "kwargs": self.connect_kwargs(),
            "min_size": settings["min_size"],
            "max_size": max(settings["max_size"], 1),
            "timeout": settings["timeout"],
            "name": f"heron-{self.alias}",
            "open": False,
        }

    # -- sync ---------------------------------------------------------------------------

    def _get_pool(self) -> Any:
        pool = self._pool
        if pool is None:
            with self._setup_lock:
                if self._pool is None:
                    self.import_driver("psycopg", "postgres", self.display_name)
                    pool_module = self.import_driver("psycopg_pool", "postgres", self.display_name)
                    cls = pool_module.ConnectionPool
                    kwargs = self._pool_kwargs()
                    if pool_options(self.settings_dict["OPTIONS"])[0]["pre_ping"]:
                        kwargs["check"] = cls.check_connection
                    new = cls("", **kwargs)
                    new.open(wait=False)
                    self._pool = new
                pool = self._pool
        return pool

    def _acquire(self) -> Any:
        return self._get_pool().getconn()

    def _release(self, conn: Any, *, broken: bool = False) -> None:
        if broken and not conn.closed:
            conn.close()
        pool = self._pool
        if pool is None or pool.closed:
            conn.close()
        else:
            pool.putconn(conn)

    def _is_broken(self, conn: Any) -> bool:
        return bool(conn.closed or conn.broken)

    def _run(self, conn: Any, statement: Statement) -> Any:
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

    async def _new_async_pool(self) -> Any:
        psycopg = self.import_driver("psycopg", "postgres", self.display_name)
        pool_module = self.import_driver("psycopg_pool", "postgres", self.display_name)
        cls = pool_module.AsyncConnectionPool
        kwargs = self._pool_kwargs()
        if pool_options(self.settings_dict["OPTIONS"])[0]["pre_ping"]:
            kwargs["check"] = cls.check_connection
        pool = cls("", connection_class=psycopg.AsyncConnection, **kwargs)
        await pool.open(wait=False)
        return pool

    async def _aacquire(self) -> Any:
        pool = await self._get_async_pool()
        return await pool.getconn()

    async def _arun(self, conn: Any, statement: Statement) -> Any:
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

    async def _arelease(self, conn: Any, *, broken: bool = False) -> None:
        if broken and not conn.closed:
            await conn.close()
        pool = self._running_loop_pool()
        if pool is None or pool.closed:
            await conn.close()
        else:
            await pool.putconn(conn)


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
