"""The ``cached_db`` backend: the database is the truth, the cache saves the reads.

Every write goes to ``heron_session`` and then to the cache; a read asks the cache first
and falls back to the row (caching it again). A cache that is flushed, restarted or down
costs a query, never a session. As with ``db``, saving a session deleted meanwhile answers
400 instead of bringing it back.
"""

from __future__ import annotations

import datetime as dt

from . import db
from .cache import CacheKeys, cache_timeout

__all__ = ["KEY_PREFIX", "SessionStore"]

KEY_PREFIX = "heron.contrib.sessions.cached_db:"


class SessionStore(CacheKeys, db.SessionStore):
    """Sessions in the database, read through the ``SESSION_CACHE_ALIAS`` cache."""

    cache_key_prefix = KEY_PREFIX

    def _io_fetch(self, key: str) -> str | None:
        value = self.cache.get(self.cache_key(key))
        if isinstance(value, str):
            return value
        row = self._row(key)
        if row is None:
            return None
        self.cache.set(self.cache_key(key), row.session_data, cache_timeout(row.expire_date))
        return row.session_data

    async def _aio_fetch(self, key: str) -> str | None:
        value = await self.cache.aget(self.cache_key(key))
        if isinstance(value, str):
            return value
        row = await self._arow(key)
        if row is None:
            return None
        timeout = cache_timeout(row.expire_date)
        await self.cache.aset(self.cache_key(key), row.session_data, timeout)
        return row.session_data

    def _io_write(
        self, key: str, payload: str, expire_date: dt.datetime, must_create: bool
    ) -> str | None:
        stored = super()._io_write(key, payload, expire_date, must_create)
        if stored is not None:
            self.cache.set(self.cache_key(stored), payload, cache_timeout(expire_date))
        return stored

    async def _aio_write(
        self, key: str, payload: str, expire_date: dt.datetime, must_create: bool
    ) -> str | None:
        stored = await super()._aio_write(key, payload, expire_date, must_create)
        if stored is not None:
            await self.cache.aset(self.cache_key(stored), payload, cache_timeout(expire_date))
        return stored

    def _io_remove(self, key: str) -> None:
        super()._io_remove(key)
        self.cache.delete(self.cache_key(key))

    async def _aio_remove(self, key: str) -> None:
        await super()._aio_remove(key)
        await self.cache.adelete(self.cache_key(key))

    def _io_exists(self, key: str) -> bool:
        return self.cache.has_key(self.cache_key(key)) or super()._io_exists(key)

    async def _aio_exists(self, key: str) -> bool:
        return await self.cache.ahas_key(self.cache_key(key)) or await super()._aio_exists(key)
