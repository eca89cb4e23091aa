"""The public names of heron.cache, pinned."""

from __future__ import annotations

import types

import heron.cache


def test_exports() -> None:
    public = {
        name
        for name, value in vars(heron.cache).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert sorted(heron.cache.__all__) == sorted(public)
    assert heron.cache.__all__ == [
        "DEFAULT_CACHE_ALIAS",
        "DEFAULT_TIMEOUT",
        "BaseCache",
        "CacheHandler",
        "InvalidCacheBackendError",
        "InvalidCacheKey",
        "cache",
        "cache_page",
        "caches",
        "make_template_fragment_key",
    ]
