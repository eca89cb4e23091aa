"""What the client/server backends (PostgreSQL, MariaDB/MySQL) share: pools and failures.

A server backend keeps one sync pool and one async pool per event loop (async connections
belong to the loop that opened them), all of them Heron's own (``base.pool``) and all
sharing the alias's ``CircuitBreaker``. This class owns that bookkeeping; each backend says
how to open, close and ping one connection (``_connect``/``_close_conn``/``_ping`` and their
async twins).

When a statement finds its connection lost (``connection_lost``), every pool of the alias is
invalidated: after a server restart all idle connections are dead, not only the one that
failed, so none of them is handed out again.
"""

from __future__ import annotations

import asyncio
from typing import Any

from heron.core.lifecycle import on_shutdown

from ...handler import connections
from .pool import AsyncPool, Pool, pool_options
from .wrapper import DatabaseWrapper

__all__ = ["ServerDatabaseWrapper"]


class ServerDatabaseWrapper(DatabaseWrapper):
    """A backend whose connections go to a database server, pooled sync and per loop."""

    def __init__(self, settings_dict: dict[str, Any], alias: str = "default") -> None:
        super().__init__(settings_dict, alias)
        self.pool_settings, _ = pool_options(self.settings_dict["OPTIONS"])
        self.breaker = self.pool_settings.make_breaker(alias)
        self._pool: Pool[Any] | None = None
        self._async_pools: dict[asyncio.AbstractEventLoop, AsyncPool[Any]] = {}

    # -- one connection (overridden) ----------------------------------------------------

    def _connect(self) -> Any:
        raise NotImplementedError  # abstract: each server backend opens its own

    def _close_conn(self, conn: Any) -> None:
        conn.close()

    def _ping(self, conn: Any) -> bool:
        raise NotImplementedError  # abstract: each server backend pings its own

    async def _aconnect(self) -> Any:
        raise NotImplementedError  # abstract: each server backend opens its own

    async def _aclose_conn(self, conn: Any) -> None:
        raise NotImplementedError  # abstract: each server backend closes its own

    async def _aping(self, conn: Any) -> bool:
        raise NotImplementedError  # abstract: each server backend pings its own

    # -- pools --------------------------------------------------------------------------

    def _get_pool(self) -> Pool[Any]:
        pool = self._pool
        if pool is None:
            with self._setup_lock:
                if self._pool is None:
                    settings = self.pool_settings
                    self._pool = Pool(
                        self._connect,
                        self._close_conn,
                        max_size=max(settings.max_size, 1),
                        timeout=settings.timeout,
                        ping=self._ping if settings.pre_ping else None,
                        alias=self.alias,
                        breaker=self.breaker,
                    )
                pool = self._pool
        return pool

    def _acquire(self) -> Any:
        return (self._pool or self._get_pool()).get()

    def _release(self, conn: Any, *, broken: bool = False) -> None:
        pool = self._pool
        if pool is None:
            try:
                self._close_conn(conn)
            except Exception:
                pass  # already gone
        else:
            pool.put(conn, broken=broken or self._is_broken(conn))

    async def _new_async_pool(self) -> AsyncPool[Any]:
        settings = self.pool_settings
        return AsyncPool(
            self._aconnect,
            self._aclose_conn,
            max_size=max(settings.max_size, 1),
            timeout=settings.timeout,
            ping=self._aping if settings.pre_ping else None,
            alias=self.alias,
            breaker=self.breaker,
        )

    async def _get_async_pool(self) -> AsyncPool[Any]:
        """The running loop's async pool, made on first use."""
        loop = asyncio.get_running_loop()
        pool = self._async_pools.get(loop)
        if pool is None:
            self._forget_dead_loops()
            pool = await self._new_async_pool()
            self._async_pools[loop] = pool
            _register_shutdown_hook()
        return pool

    async def _aacquire(self) -> Any:
        pool = self._async_pools.get(asyncio.get_running_loop())
        if pool is None:
            pool = await self._get_async_pool()
        return await pool.get()

    async def _arelease(self, conn: Any, *, broken: bool = False) -> None:
        pool = self._running_loop_pool()
        if pool is None or pool.closed:
            try:
                await self._aclose_conn(conn)
            except Exception:
                pass  # already gone
        else:
            await pool.put(conn, broken=broken or self._is_broken(conn))

    def _running_loop_pool(self) -> AsyncPool[Any] | None:
        """The running loop's async pool, or None if it has none (or it was closed)."""
        return self._async_pools.get(asyncio.get_running_loop())

    def _forget_dead_loops(self) -> None:
        for loop in [loop for loop in self._async_pools if loop.is_closed()]:
            del self._async_pools[loop]

    def connection_lost(self, exc: BaseException) -> None:
        """Retire every pooled connection of this alias (sync and every loop's async pool)."""
        pool = self._pool
        if pool is not None:
            pool.invalidate()
        for async_pool in list(self._async_pools.values()):
            async_pool.invalidate()

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
        self._forget_dead_loops()

    async def aclose_async_pools(self) -> None:
        pool = self._async_pools.pop(asyncio.get_running_loop(), None)
        if pool is not None:
            await pool.close()

    @property
    def has_async_pools(self) -> bool:
        return bool(self._async_pools)


def _register_shutdown_hook() -> None:
    # Async pools must be closed on their own loop: do it at ASGI lifespan shutdown.
    on_shutdown(connections.aclose_all)
