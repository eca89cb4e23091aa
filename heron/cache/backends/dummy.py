"""A cache that stores nothing: every read misses, every write is accepted and forgotten.

For development settings where caching would hide changes, and for tests that must not
depend on cached state. ``incr`` raises ``ValueError`` as for any absent key.
"""

from __future__ import annotations

from typing import Any

from .base import MISSING, BaseCache, Op

__all__ = ["DummyCache"]


class DummyCache(BaseCache):
    """``heron.cache.backends.dummy.DummyCache``."""

    def _get(self, key: str) -> Op[Any]:
        return MISSING
        yield

    def _set(self, key: str, value: Any, timeout: float | None) -> Op[None]:
        return
        yield

    def _add(self, key: str, value: Any, timeout: float | None) -> Op[bool]:
        return True
        yield

    def _delete(self, key: str) -> Op[bool]:
        return False
        yield

    def _touch(self, key: str, timeout: float | None) -> Op[bool]:
        return False
        yield

    def _incr(self, key: str, delta: int) -> Op[int]:
        raise ValueError(f"Key {key!r} is not in the cache.")
        yield

    def _clear(self) -> Op[None]:
        return
        yield
