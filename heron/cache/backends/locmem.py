"""A cache in this process's memory: least-recently-used eviction beyond ``MAX_ENTRIES``.

Caches with the same ``LOCATION`` share one store. Values are pickled, so a caller that
mutates an object after ``set`` does not change what is cached. Thread-safe (one lock per
store, held for dict operations only); each process has its own store, so use Redis or the
database cache when several processes must agree.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from .base import MISSING, BaseCache, Op, dumps, loads

__all__ = ["LocMemCache"]

Entry = tuple[bytes, float | None]  # (serialized value, expiry time or None)

_stores: dict[str, tuple[OrderedDict[str, Entry], threading.Lock]] = {}
_stores_lock = threading.Lock()


class LocMemCache(BaseCache):
    """``heron.cache.backends.locmem.LocMemCache``."""

    def __init__(self, location: str, params: Mapping[str, Any]) -> None:
        super().__init__(location, params)
        with _stores_lock:
            store = _stores.get(location)
            if store is None:
                store = _stores[location] = (OrderedDict(), threading.Lock())
        self._data, self._lock = store

    def _live(self, key: str) -> Entry | None:
        """The entry under ``key`` if it has not expired (call with the lock held)."""
        entry = self._data.get(key)
        if entry is None:
            return None
        if self.expired(entry[1]):
            del self._data[key]
            return None
        self._data.move_to_end(key)
        return entry

    def _store(self, key: str, data: bytes, timeout: float | None) -> None:
        """Insert or replace (lock held), evicting the least recently used beyond the cap."""
        entries = self._data
        entries[key] = (data, self.expiry(timeout))
        entries.move_to_end(key)
        while len(entries) > self.max_entries:
            entries.popitem(last=False)

    def _get(self, key: str) -> Op[Any]:
        with self._lock:
            entry = self._live(key)
        return MISSING if entry is None else loads(entry[0])
        yield  # a generator without effects

    def _set(self, key: str, value: Any, timeout: float | None) -> Op[None]:
        data = dumps(value)
        with self._lock:
            self._store(key, data, timeout)
        return
        yield

    def _add(self, key: str, value: Any, timeout: float | None) -> Op[bool]:
        data = dumps(value)
        with self._lock:
            if self._live(key) is not None:
                return False
            self._store(key, data, timeout)
        return True
        yield

    def _delete(self, key: str) -> Op[bool]:
        with self._lock:
            return self._data.pop(key, None) is not None
        yield

    def _touch(self, key: str, timeout: float | None) -> Op[bool]:
        with self._lock:
            entry = self._live(key)
            if entry is None:
                return False
            self._data[key] = (entry[0], self.expiry(timeout))
        return True
        yield

    def _incr(self, key: str, delta: int) -> Op[int]:
        with self._lock:
            entry = self._live(key)
            if entry is None:
                raise ValueError(f"Key {key!r} is not in the cache.")
            value = loads(entry[0]) + delta
            self._data[key] = (dumps(value), entry[1])
        return value  # type: ignore[no-any-return]
        yield

    def _has_key(self, key: str) -> Op[bool]:
        with self._lock:
            return self._live(key) is not None
        yield

    def _clear(self) -> Op[None]:
        with self._lock:
            self._data.clear()
        return
        yield
