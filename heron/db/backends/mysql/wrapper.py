"""MariaDB and MySQL through PyMySQL (sync) and asyncmy (async).

Both sides use Heron's pools (``base.pool``, through ``base.server``): the sync pool serves
any thread, the async pool belongs to one event loop. ``statement_timeout`` becomes MariaDB's
``max_statement_time`` and PyMySQL's socket read/write timeouts (one second longer).
Connections run in autocommit with ``utf8mb4``, the session time zone ``+00:00`` and a
strict ``sql_mode`` (see ``SQL_MODE``): invalid or truncated values are errors, not warnings.
``ANSI_QUOTES`` stays off, so identifiers are quoted with backticks (as SQLAlchemy's MySQL
dialect writes them) and ``"..."`` is a string.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from ...exceptions import translate_error
from ...state import current_state
from ..base.pool import pool_options
from ..base.server import ServerDatabaseWrapper
from ..base.statements import Statement, arun_statement
from .client import DatabaseClient
from .creation import DatabaseCreation
from .features import DatabaseFeatures
from .operations import DatabaseOperations
from .zones import aprobe as aprobe_zones
from .zones import probe as probe_zones

if TYPE_CHECKING:
    from sqlalchemy.engine.interfaces import Dialect

__all__ = ["SQL_MODE", "DatabaseWrapper"]

SQL_MODE = (
    "STRICT_TRANS_TABLES,STRICT_ALL_TABLES,ERROR_FOR_DIVISION_BY_ZERO,"
    "NO_ZERO_DATE,NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION"
)


_CLIENT_FOUND_ROWS = 2  # the MySQL protocol's CLIENT_FOUND_ROWS capability bit


class DatabaseWrapper(ServerDatabaseWrapper):
    vendor = "mysql"
    display_name = "MariaDB/MySQL"
    paramstyle = "format"
    features_class = DatabaseFeatures
    ops_class = DatabaseOperations
    creation_class = DatabaseCreation
    client_class = DatabaseClient

    def __init__(self, settings_dict: dict[str, Any], alias: str = "default") -> None:
        super().__init__(settings_dict, alias)
        self.server_version: str | None = None
        """``VERSION()`` of the server, known after the first connection."""
        self.time_zone_tables: bool | None = None
        """Whether ``CONVERT_TZ`` knows named zones (probed on the first connection)."""

    def make_dialect(self) -> Dialect:
        self.import_driver("pymysql", "mysql", self.display_name)
        from sqlalchemy.dialects.mysql.pymysql import MySQLDialect_pymysql

        dialect = MySQLDialect_pymysql(paramstyle="format")
        if self.is_mariadb:
            dialect.is_mariadb = True
        return dialect

    @property
    def is_mariadb(self) -> bool:
        if self.server_version is None:
            with self.cursor() as cursor:
                cursor.execute("SELECT VERSION()")
                row = cursor.fetchone()
            self.server_version = str(row[0]) if row else ""
        return "mariadb" in self.server_version.lower()

    def connect_kwargs(self, database: str | None = "") -> dict[str, Any]:
        """Keyword arguments shared by ``pymysql.connect`` and ``asyncmy.connect``.

        ``database=None`` connects to no database (to create or drop one).
        """
        s = self.settings_dict
        settings, options = pool_options(s["OPTIONS"])
        kwargs: dict[str, Any] = {
            "connect_timeout": settings.connect_timeout,
            "user": s.get("USER") or None,
            "password": s.get("PASSWORD") or "",
            "host": s.get("HOST") or "localhost",
            "port": int(s.get("PORT") or 3306),
            "charset": "utf8mb4",
            "autocommit": True,
            # CLIENT_FOUND_ROWS: UPDATE reports the rows it matched, not only the rows whose
            # values changed, as PostgreSQL and SQLite do (the ORM's update() counts on it).
            "client_flag": _CLIENT_FOUND_ROWS,
            # One statement for both drivers (asyncmy's own sql_mode= does not quote it).
            "init_command": f"SET sql_mode = '{SQL_MODE}', time_zone = '+00:00'",
        }
        if database is not None:
            kwargs["database"] = database or s["NAME"]
        return {**kwargs, **options}

    def _remember_version(self, conn: Any) -> None:
        if self.server_version is None:
            self.server_version = str(conn.get_server_info())

    def _timeout_sql(self) -> str | None:
        """MariaDB's ``max_statement_time`` for ``statement_timeout`` (MySQL: none)."""
        timeout = self.pool_settings.statement_timeout
        if timeout is None or "mariadb" not in (self.server_version or "").lower():
            return None
        return f"SET SESSION max_statement_time = {timeout:g}"

    # -- sync ---------------------------------------------------------------------------

    def _connect(self) -> Any:
        pymysql = self.import_driver("pymysql", "mysql", self.display_name)

        kwargs = self.connect_kwargs()
        timeout = self.pool_settings.statement_timeout
        if timeout is not None:
            # PyMySQL's socket timeouts: the client gives up on a server that stopped
            # answering one second after the server would have cancelled the statement.
            kwargs.setdefault("read_timeout", timeout + 1.0)
            kwargs.setdefault("write_timeout", timeout + 1.0)
        try:
            conn = pymysql.connect(**kwargs)
            self._remember_version(conn)
            sql = self._timeout_sql()
            if sql is not None:
                with conn.cursor() as cursor:
                    cursor.execute(sql)
        except Exception as exc:
            new = translate_error(exc)
            if new is None:
                raise
            raise new from exc
        if self.time_zone_tables is None:
            self.time_zone_tables = probe_zones(conn)
        return conn

    def has_time_zone_tables(self) -> bool:
        """Whether the server's time zone tables are loaded (see ``mysql/zones.py``); the
        first call before any connection opens one (sync) to find out."""
        if self.time_zone_tables is None:
            self._release(self._acquire())
        return bool(self.time_zone_tables)

    def _ping(self, conn: Any) -> bool:
        try:
            conn.ping(reconnect=False)
        except Exception:
            return False
        return True

    def _is_disconnect(self, exc: BaseException) -> bool:
        cause = exc.__cause__ if exc.__cause__ is not None else exc
        args: tuple[Any, ...] = getattr(cause, "args", ())
        return bool(args) and args[0] in _DISCONNECT_ERRNOS

    def _is_broken(self, conn: Any) -> bool:
        if hasattr(conn, "connected"):  # asyncmy
            return not conn.connected
        return not conn.open

    # -- async --------------------------------------------------------------------------

    async def _aconnect(self) -> Any:
        asyncmy = self.import_driver("asyncmy", "mysql", self.display_name)

        try:
            conn = await asyncmy.connect(**self.connect_kwargs())
            self._remember_version(conn)
            sql = self._timeout_sql()
            if sql is not None:
                async with conn.cursor() as cursor:
                    await cursor.execute(sql)
        except Exception as exc:
            new = translate_error(exc)
            if new is None:
                raise
            raise new from exc
        if self.time_zone_tables is None:
            self.time_zone_tables = await aprobe_zones(conn)
        return conn

    async def _aclose_conn(self, conn: Any) -> None:
        if conn.connected:
            await conn.ensure_closed()
        else:
            conn.close()

    async def _aping(self, conn: Any) -> bool:
        try:
            await conn.ping(reconnect=False)
        except Exception:
            return False
        return True

    async def _arun(self, conn: Any, statement: Statement) -> Any:
        """Run one statement; on a connection pinned by ``async with atomic()``, one at a time.

        asyncmy does not serialise its users: two tasks of one transaction (``gather`` inside
        ``atomic()``) would read each other's results. A pooled connection has one user."""
        state = current_state(self.alias)
        if state is None or state.conn is not conn:
            return await arun_statement(conn, *statement)
        lock = _pinned_locks.get(id(conn))
        if lock is None:
            lock = _pinned_locks[id(conn)] = asyncio.Lock()
        async with lock:
            return await arun_statement(conn, *statement)

    async def _arelease(self, conn: Any, *, broken: bool = False) -> None:
        _pinned_locks.pop(id(conn), None)  # its transaction (if any) is over
        await super()._arelease(conn, broken=broken)


# CR_SERVER_GONE_ERROR, CR_SERVER_LOST, CR_COMMANDS_OUT_OF_SYNC, CR_SERVER_LOST_EXTENDED,
# ER_CONNECTION_KILLED: the connection is gone, whatever the driver says about it.
_DISCONNECT_ERRNOS = frozenset({2006, 2013, 2014, 2055, 1927})

# id(connection) -> the lock of a connection pinned by an async transaction (see ``_arun``);
# dropped when the connection goes back to the pool.
_pinned_locks: dict[int, asyncio.Lock] = {}
