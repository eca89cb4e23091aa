"""``caches`` and ``cache``: configuration, errors that say what to fix, rebuilds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from heron.cache import (
    BaseCache,
    InvalidCacheBackendError,
    cache,
    caches,
)
from heron.cache.backends.dummy import DummyCache
from heron.cache.backends.filebased import FileBasedCache
from heron.cache.backends.locmem import LocMemCache
from heron.conf import ImproperlyConfigured, settings


@pytest.fixture
def configure() -> Iterator[Any]:
    saved = settings._wrapped

    def _configure(**overrides: Any) -> None:
        settings.configure(DEBUG=True, SECRET_KEY="test", **overrides)

    try:
        yield _configure
    finally:
        settings._install(saved)
        caches.reset()


def test_default_is_a_local_memory_cache(configure: Any) -> None:
    configure()
    assert isinstance(caches["default"], LocMemCache)
    cache.set("k", 1)
    assert cache.get("k") == 1
    assert "k" in cache
    assert caches["default"].default_timeout == 300


def test_short_backend_names_and_rebuild_on_change(configure: Any, tmp_path: Path) -> None:
    configure(CACHES={"default": {"BACKEND": "dummy"}})
    assert isinstance(caches["default"], DummyCache)
    cache.set("k", 1)
    assert cache.get("k") is None
    settings.CACHES = {"default": {"BACKEND": "filebased", "LOCATION": str(tmp_path)}}
    assert isinstance(caches["default"], FileBasedCache)
    assert caches.all() == [caches["default"]]


@pytest.mark.parametrize(
    ("caches_setting", "alias", "message"),
    [
        (
            {"default": {"BACKEND": "locmem"}},
            "other",
            "The cache alias 'other' is not in CACHES (configured: 'default').",
        ),
        (
            {"default": {"LOCATION": "x"}},
            "default",
            "CACHES['default'] has no BACKEND; use e.g. 'heron.cache.backends.locmem.LocMemCache'"
            " or 'heron.cache.backends.redis.RedisCache'.",
        ),
        (
            {"default": {"BACKEND": "heron.cache.backends.nope.Cache"}},
            "default",
            "Could not load the cache backend: No module named 'heron.cache.backends.nope'",
        ),
        (
            {"default": {"BACKEND": "heron.conf.settings.Settings"}},
            "default",
            "CACHES['default']['BACKEND'] 'heron.conf.settings.Settings' is not a cache backend"
            " class (a subclass of heron.cache.backends.base.BaseCache).",
        ),
        (
            {"default": {"BACKEND": "locmem", "TIMEOUT": "300"}},
            "default",
            "CACHES TIMEOUT must be a number of seconds or None (forever), not '300'.",
        ),
        (
            {"default": {"BACKEND": "filebased"}},
            "default",
            "FileBasedCache needs LOCATION: the directory to keep the cache files in.",
        ),
        (
            {"default": {"BACKEND": "db"}},
            "default",
            "DatabaseCache needs LOCATION: the name of its table (then run "
            "`heron createcachetable`).",
        ),
        (
            {"default": {"BACKEND": "redis"}},
            "default",
            "RedisCache needs LOCATION: a URL such as redis://127.0.0.1:6379/0.",
        ),
    ],
)
def test_configuration_errors(
    configure: Any, caches_setting: dict[str, Any], alias: str, message: str
) -> None:
    configure(CACHES=caches_setting)
    with pytest.raises(ImproperlyConfigured) as info:
        caches[alias]
    assert str(info.value) == message
    if "BACKEND" in message or "alias" in message:
        assert isinstance(info.value, InvalidCacheBackendError)


def test_locmem_evicts_the_least_recently_used(configure: Any) -> None:
    configure(
        CACHES={"default": {"BACKEND": "locmem", "LOCATION": "lru", "OPTIONS": {"MAX_ENTRIES": 3}}}
    )
    cache.clear()
    for key in "abc":
        cache.set(key, key)
    assert cache.get("a") == "a"  # a is now the most recently used
    cache.set("d", "d")
    assert cache.get_many(["a", "b", "c", "d"]) == {"a": "a", "c": "c", "d": "d"}


def test_locmem_stores_a_copy(configure: Any) -> None:
    configure()
    value = [1]
    cache.set("k", value)
    value.append(2)
    assert cache.get("k") == [1]


def test_locmem_caches_with_one_location_share_a_store(configure: Any) -> None:
    configure(
        CACHES={
            "default": {"BACKEND": "locmem", "LOCATION": "shared"},
            "same": {"BACKEND": "locmem", "LOCATION": "shared"},
            "apart": {"BACKEND": "locmem", "LOCATION": "apart"},
        }
    )
    caches["default"].set("k", 1)
    assert caches["same"].get("k") == 1
    assert caches["apart"].get("k") is None


def test_a_damaged_cache_file_is_a_miss(configure: Any, tmp_path: Path) -> None:
    configure(CACHES={"default": {"BACKEND": "filebased", "LOCATION": str(tmp_path)}})
    cache.set("k", 1)
    (damaged,) = list(tmp_path.glob("*.hcache"))
    damaged.write_bytes(b"\x80garbage")
    assert cache.get("k") is None
    assert not damaged.exists()


def test_the_cache_directory_is_private(configure: Any, tmp_path: Path) -> None:
    configure(CACHES={"default": {"BACKEND": "filebased", "LOCATION": str(tmp_path / "c")}})
    cache.set("k", 1)
    assert (tmp_path / "c").stat().st_mode & 0o777 == 0o700
    assert isinstance(caches["default"], BaseCache)
