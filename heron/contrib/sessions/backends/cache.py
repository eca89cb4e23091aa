"""The ``cache`` backend: sessions in a ``heron.cache`` cache (``SESSION_CACHE_ALIAS``).

Use a shared cache (Redis) when several processes serve the site: a local-memory cache
keeps each process's sessions to itself. Each entry lives until the session expires;
Redis evicting it (memory full) or losing it (restart without persistence) signs the
visitor out, which is why ``cached_db`` exists.

A new session is an ``add`` (which refuses a key already taken). Saving an existing one is
a ``set``: unlike the database backends, a session deleted meanwhile by another request
(a sign-out in another tab) is written again. When the cache is unreachable, reads are
misses and writes do nothing (the cache's own outage rule): visitors get fresh sessions,
pages still render.
"""

from __future__ import annotations

import datetime as dt
import math

from heron.cache import BaseCache, caches
from heron.conf import settings
from heron.timezone import now

from .base import SessionBase

__all__ = ["KEY_PREFIX", "CacheKeys", "SessionStore", "cache_timeout"]

KEY_PREFIX = "heron.contrib.sessions.cache:"


def cache_timeout(expire_date: dt.datetime) -> int:
    """Whole seconds from now until ``expire_date`` (at least 1)."""
    return max(1, math.ceil((expire_date - now()).total_seconds()))


class CacheKeys:
    """Where a cache-backed store keeps a session: the ``SESSION_CACHE_ALIAS`` cache, under
    ``cache_key_prefix`` + the session key (shared by ``cache`` and ``cached_db``)."""

    cache_key_prefix: str = KEY_PREFIX

    @property
    def cache(self) -> BaseCache:
        return caches[settings.SESSION_CACHE_ALIAS]

    def cache_key(self, key: str) -> str:
        return self.cache_key_prefix + key


class SessionStore(CacheKeys, SessionBase):
    """Sessions in the cache named by ``SESSION_CACHE_ALIAS``."""

    def _io_fetch(self, key: str) -> str | None:
        value = self.cache.get(self.cache_key(key))
        return value if isinstance(value, str) else None

    async def _aio_fetch(self, key: str) -> str | None:
        value = await self.cache.aget(self.cache_key(key))
        return value if isinstance(value, str) else None

    def _io_write(
        self, key: str, payload: str, expire_date: dt.datetime, must_create: bool
    ) -> str | None:
        timeout = cache_timeout(expire_date)
        if must_create:
            return key if self.cache.add(self.cache_key(key), payload, timeout) else None
        self.cache.set(self.cache_key(key), payload, timeout)
        return key

    async def _aio_write(
        self, key: str, payload: str, expire_date: dt.datetime, must_create: bool
    ) -> str | None:
        timeout = cache_timeout(expire_date)
        if must_create:
            added = await self.cache.aadd(self.cache_key(key), payload, timeout)
            return key if added else None
        await self.cache.aset(self.cache_key(key), payload, timeout)
        return key

    def _io_remove(self, key: str) -> None:
        self.cache.delete(self.cache_key(key))

    async def _aio_remove(self, key: str) -> None:
        await self.cache.adelete(self.cache_key(key))

    def _io_exists(self, key: str) -> bool:
        return self.cache.has_key(self.cache_key(key))

    async def _aio_exists(self, key: str) -> bool:
        return await self.cache.ahas_key(self.cache_key(key))
