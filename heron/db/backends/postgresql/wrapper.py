"""PostgreSQL through psycopg 3, pooled by ``psycopg_pool``.

Sync connections come from a ``ConnectionPool``, async ones from an ``AsyncConnectionPool``
(one per event loop, since asyncio connections belong to the loop that made them). Both
pools open on first use; connections run in autocommit, and ``heron.db.transaction`` sends
``BEGIN``/``COMMIT`` itself. ``connections.close_all()`` / ``await connections.aclose_all()``
close them (the latter is registered as an ASGI lifespan shutdown hook).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..base.pool import pool_options
from ..base.server import ServerDatabaseWrapper
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

    async def _arelease(self, conn: Any, *, broken: bool = False) -> None:
        if broken and not conn.closed:
            await conn.close()
        pool = self._running_loop_pool()
        if pool is None or pool.closed:
            await conn.close()
        else:
            await pool.putconn(conn)
