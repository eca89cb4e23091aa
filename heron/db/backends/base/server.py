"""What the client/server backends (PostgreSQL, MariaDB/MySQL) share: their pools.

A server backend keeps one sync pool and one async pool per event loop (async connections
belong to the loop that opened them). This class owns that bookkeeping; each backend says
how to build its async pool (``_new_async_pool``).
"""

from __future__ import annotations

import asyncio
from typing import Any

from heron.core.lifecycle import on_shutdown

from ...handler import connections
from .wrapper import DatabaseWrapper

__all__ = ["ServerDatabaseWrapper"]


class ServerDatabaseWrapper(DatabaseWrapper):
    """A backend whose connections go to a database server, pooled sync and per loop."""

    def __init__(self, settings_dict: dict[str, Any], alias: str = "default") -> None:
        super().__init__(settings_dict, alias)
        self._pool: Any = None
        self._async_pools: dict[asyncio.AbstractEventLoop, Any] = {}

    async def _new_async_pool(self) -> Any:
        """Build (and open) the async pool for the running loop."""
        raise NotImplementedError  # abstract: each server backend builds its own pool

    async def _get_async_pool(self) -> Any:
        """The running loop's async pool, made on first use."""
        loop = asyncio.get_running_loop()
        pool = self._async_pools.get(loop)
        if pool is None:
            self._forget_dead_loops()
            pool = await self._new_async_pool()
            self._async_pools[loop] = pool
            _register_shutdown_hook()
        return pool

    def _running_loop_pool(self) -> Any:
        """The running loop's async pool, or None if it has none (or it was closed)."""
        return self._async_pools.get(asyncio.get_running_loop())

    def _forget_dead_loops(self) -> None:
        for loop in [loop for loop in self._async_pools if loop.is_closed()]:
            del self._async_pools[loop]

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
