"""The public names of heron.cache, pinned."""

from __future__ import annotations

import heron.cache


def test_exports() -> None:
    assert sorted(heron.cache.__all__) == sorted(
        name
        for name in vars(heron.cache)
        if not name.startswith("_") and name != "backends" and name != "handler"
    )
    assert heron.cache.__all__ == [
        "DEFAULT_CACHE_ALIAS",
        "DEFAULT_TIMEOUT",
        "BaseCache",
        "CacheHandler",
        "InvalidCacheBackendError",
        "InvalidCacheKey",
        "cache",
        "caches",
    ]
