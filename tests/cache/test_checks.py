"""caches.E001-E003: CACHES mistakes reported by `heron check`, before the first request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from heron.cache import caches
from heron.checks import run_checks
from heron.conf import settings


@pytest.fixture
def configure() -> Iterator[Any]:
    saved = settings._wrapped

    def _configure(**overrides: Any) -> list[tuple[str | None, str]]:
        settings.configure(DEBUG=True, SECRET_KEY="test", **overrides)
        return [(m.id, m.msg) for m in run_checks(tags=["caches"])]

    try:
        yield _configure
    finally:
        settings._install(saved)
        caches.reset()


def test_the_defaults_pass(configure: Any) -> None:
    assert configure() == []


def test_a_broken_entry(configure: Any) -> None:
    found = configure(
        CACHES={
            "default": {"BACKEND": "locmem"},
            "files": {"BACKEND": "filebased"},
            "typo": {"BACKEND": "heron.cache.backends.redis.RediCache"},
        }
    )
    assert found == [
        (
            "caches.E001",
            "CACHES['files'] cannot be used: FileBasedCache needs LOCATION: the directory to "
            "keep the cache files in.",
        ),
        (
            "caches.E001",
            "CACHES['typo'] cannot be used: Could not load the cache backend: Module "
            "'heron.cache.backends.redis' has no attribute 'RediCache' "
            "(in CACHES['typo']['BACKEND']).",
        ),
    ]


def test_no_default_and_unknown_aliases(configure: Any) -> None:
    found = configure(
        CACHES={"main": {"BACKEND": "locmem"}},
        RATELIMIT_CACHE="main",
    )
    assert found == [
        (
            "caches.E002",
            "CACHES has no 'default' entry; heron.cache.cache and the cache users "
            "(cache_page, rate limits, sessions) need one.",
        ),
        (
            "caches.E003",
            "CACHE_MIDDLEWARE_ALIAS is 'default', which is not in CACHES (configured: 'main').",
        ),
    ]
