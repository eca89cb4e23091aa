"""Redis specifics: server-side TTLs, atomic counters, and outages that never become a 500."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from heron.cache import BaseCache, caches
from heron.conf import settings

from .conftest import CacheSetup, redis_url, run_body


@pytest.fixture
def redis_setup(tmp_path: Path) -> Iterator[CacheSetup]:
    setup = CacheSetup("redis", tmp_path)
    try:
        yield setup
    finally:
        setup.teardown()


@pytest.fixture(params=["sync", "async"])
def is_async(request: pytest.FixtureRequest) -> bool:
    return request.param == "async"


def closed_port() -> int:
    """A local TCP port with nothing listening on it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


@pytest.fixture
def down(is_async: bool) -> Iterator[BaseCache]:
    """A Redis cache whose server is not there (and a second one that raises)."""
    saved = settings._wrapped
    location = f"redis://127.0.0.1:{closed_port()}/0"
    settings.configure(
        DEBUG=True,
        SECRET_KEY="test",
        CACHES={
            "default": {"BACKEND": "redis", "LOCATION": location},
            "strict": {
                "BACKEND": "redis",
                "LOCATION": location,
                "OPTIONS": {"IGNORE_EXCEPTIONS": False},
            },
        },
    )
    try:
        yield caches["default"]
    finally:
        settings._install(saved)
        caches.reset()


def test_redis_sets_server_ttls(redis_setup: CacheSetup) -> None:
    import redis

    backend = redis_setup.configure()
    raw = redis.Redis.from_url(redis_url())
    try:
        backend.set("short", 1, timeout=10)
        backend.set("forever", 1, timeout=None)
        assert 9000 < raw.pttl(backend.make_key("short")) <= 10000
        assert raw.pttl(backend.make_key("forever")) == -1
        backend.touch("forever", 100)
        assert 99000 < raw.pttl(backend.make_key("forever")) <= 100000
        backend.touch("forever", None)
        assert raw.pttl(backend.make_key("forever")) == -1
        backend.set("n", 5, timeout=10)
        assert raw.get(backend.make_key("n")) == b"5"  # ints stay numbers for INCRBY
        backend.incr("n")
        assert 9000 < raw.pttl(backend.make_key("n")) <= 10000  # incr keeps the TTL
    finally:
        raw.close()


def test_redis_incr_is_atomic_across_threads(redis_setup: CacheSetup) -> None:
    backend = redis_setup.configure()
    backend.set("hits", 0)

    def hit() -> None:
        for _ in range(50):
            backend.incr("hits")

    threads = [threading.Thread(target=hit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert backend.get("hits") == 200


def test_outage_reads_miss_and_writes_are_skipped(
    down: BaseCache, is_async: bool, caplog: pytest.LogCaptureFixture
) -> None:
    async def body(c: Any) -> None:
        assert await c.get("k", "default") == "default"
        await c.set("k", 1)
        assert await c.add("k", 1) is False
        assert await c.delete("k") is False
        assert await c.get_many(["a", "b"]) == {}
        assert await c.set_many({"a": 1, "b": 2}) == ["a", "b"]
        await c.delete_many(["a"])
        assert await c.has_key("k") is False
        assert await c.touch("k", 5) is False
        assert await c.incr("k", 3) == 3  # counts from zero: rate limits fail open
        assert await c.get_or_set("k", lambda: "computed") == "computed"
        await c.clear()

    with caplog.at_level(logging.WARNING, logger="heron.cache"):
        run_body(down, is_async, body)
    warnings = [r for r in caplog.records if r.name == "heron.cache"]
    assert len(warnings) == 1  # one warning, then quiet for WARN_INTERVAL seconds
    assert (
        warnings[0]
        .getMessage()
        .startswith(f"Redis cache at {down.location} is unreachable (ConnectionError: ")
    )
    assert warnings[0].getMessage().endswith("reads miss and writes are skipped until it is back.")


def test_outage_raises_when_asked(down: BaseCache, is_async: bool) -> None:
    import redis

    async def body(c: Any) -> None:
        await c.get("k")

    with pytest.raises(redis.exceptions.ConnectionError):
        run_body(caches["strict"], is_async, body)


def test_changing_caches_inside_a_running_loop(redis_setup: CacheSetup) -> None:
    """A CACHES change while an event loop runs (an async test) closes what it can."""
    import asyncio

    backend = redis_setup.configure()
    other_loop = asyncio.new_event_loop()

    async def use() -> None:
        await backend.aset("k", 1)

    try:
        other_loop.run_until_complete(use())  # an async client on a loop that is not running

        async def change() -> None:
            backend.close()  # must not try to run other_loop from inside this one

        asyncio.run(change())
        backend.close()  # outside any loop: other_loop's client is closed now
    finally:
        other_loop.close()
    assert backend.get("k") == 1
