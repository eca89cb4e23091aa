"""The public names of heron.cache, pinned."""

from __future__ import annotations

import heron.cache

SUBMODULES = {"backends", "handler", "decorators", "fragment", "pages"}


def test_exports() -> None:
    public = {name for name in vars(heron.cache) if not name.startswith("_")}
    assert sorted(heron.cache.__all__) == sorted(public - SUBMODULES)
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
