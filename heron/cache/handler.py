"""``caches``: the configured caches by alias (``CACHES``), and ``cache``, the default one.

Each alias is built once per process on first use and rebuilt when ``CACHES`` changes
(``override_settings`` in tests); backends are thread-safe, and the network ones keep a
connection pool per process (and per event loop for async clients).
"""

from __future__ import annotations

import threading
from typing import Any

from heron._internal.imports import import_string
from heron.conf import settings
from heron.conf.exceptions import ImproperlyConfigured
from heron.conf.settings import on_change

from .backends.base import BaseCache

__all__ = ["DEFAULT_CACHE_ALIAS", "CacheHandler", "InvalidCacheBackendError", "cache", "caches"]

DEFAULT_CACHE_ALIAS = "default"

# Short names accepted in BACKEND besides the full dotted paths.
_SHORT_NAMES = {
    "locmem": "heron.cache.backends.locmem.LocMemCache",
    "filebased": "heron.cache.backends.filebased.FileBasedCache",
    "db": "heron.cache.backends.db.DatabaseCache",
    "redis": "heron.cache.backends.redis.RedisCache",
    "dummy": "heron.cache.backends.dummy.DummyCache",
}


class InvalidCacheBackendError(ImproperlyConfigured):
    """A ``CACHES`` entry names an alias or a backend that does not exist."""


class CacheHandler:
    """Map cache aliases to backend instances: ``caches["default"]``."""

    def __init__(self) -> None:
        self._caches: dict[str, BaseCache] = {}
        self._lock = threading.Lock()

    def __getitem__(self, alias: str) -> BaseCache:
        found = self._caches.get(alias)
        if found is not None:
            return found
        with self._lock:
            found = self._caches.get(alias)
            if found is None:
                found = self._caches[alias] = self.create(alias)
        return found

    @staticmethod
    def configured() -> dict[str, dict[str, Any]]:
        configured: dict[str, dict[str, Any]] = settings.CACHES
        return configured

    def create(self, alias: str) -> BaseCache:
        """Build a new backend instance for ``alias`` (``caches[alias]`` caches it)."""
        configured = self.configured()
        if alias not in configured:
            names = ", ".join(repr(name) for name in configured) or "none"
            raise InvalidCacheBackendError(
                f"The cache alias {alias!r} is not in CACHES (configured: {names})."
            )
        params = dict(configured[alias])
        backend = params.pop("BACKEND", None)
        if not backend:
            raise InvalidCacheBackendError(
                f"CACHES[{alias!r}] has no BACKEND; use e.g. "
                "'heron.cache.backends.locmem.LocMemCache' or "
                "'heron.cache.backends.redis.RedisCache'."
            )
        path = _SHORT_NAMES.get(backend, backend)
        try:
            cls = import_string(path, setting=f"CACHES[{alias!r}]['BACKEND']")
        except ImportError as exc:
            raise InvalidCacheBackendError(f"Could not load the cache backend: {exc}") from exc
        if not (isinstance(cls, type) and issubclass(cls, BaseCache)):
            raise InvalidCacheBackendError(
                f"CACHES[{alias!r}]['BACKEND'] {backend!r} is not a cache backend class "
                "(a subclass of heron.cache.backends.base.BaseCache)."
            )
        location = params.pop("LOCATION", "") or ""
        instance: BaseCache = cls(str(location), params)
        return instance

    def __iter__(self) -> Any:
        return iter(self.configured())

    def all(self, initialized_only: bool = False) -> list[BaseCache]:
        """Every configured cache (only the ones already built, if ``initialized_only``)."""
        if initialized_only:
            return list(self._caches.values())
        return [self[alias] for alias in self.configured()]

    def close_all(self) -> None:
        """Close every built cache's sync connections."""
        for backend in list(self._caches.values()):
            backend.close()

    async def aclose_all(self) -> None:
        """Close every built cache's connections of the running loop, and the sync ones."""
        for backend in list(self._caches.values()):
            await backend.aclose()

    def reset(self) -> None:
        """Forget the built caches (they are rebuilt from CACHES on next use)."""
        with self._lock:
            old, self._caches = self._caches, {}
        for backend in old.values():
            backend.close()


caches = CacheHandler()


@on_change
def _settings_changed(names: set[str]) -> None:
    if not names or "CACHES" in names:
        caches.reset()


class DefaultCacheProxy:
    """``heron.cache.cache``: every attribute is looked up on ``caches["default"]``."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        return getattr(caches[DEFAULT_CACHE_ALIAS], name)

    def __contains__(self, key: str) -> bool:
        return key in caches[DEFAULT_CACHE_ALIAS]

    def __repr__(self) -> str:
        return f"<DefaultCacheProxy of {caches[DEFAULT_CACHE_ALIAS]!r}>"


#: The default cache; typed as the backend base class so editors see its methods.
cache: BaseCache = DefaultCacheProxy()  # type: ignore[assignment]
