"""hit / ahit / reset: fixed windows counted atomically in every cache backend."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Awaitable
from typing import Any

import pytest

from heron.cache import caches
from heron.db import connections
from heron.ratelimit import Hit, Rate, ahit, areset, hit, parse_rate, reset
from tests.cache.conftest import CacheSetup


@pytest.fixture(params=["sync", "async"])
def is_async(request: pytest.FixtureRequest) -> bool:
    return request.param == "async"


def run_async(awaitable: Awaitable[Any]) -> Any:
    """Run on a fresh loop, closing the loop's cache and database pools before it ends."""

    async def main() -> Any:
        try:
            return await awaitable
        finally:
            await caches.aclose_all()
            await connections.aclose_async_pools()

    return asyncio.run(main())


def count(is_async: bool, key: str, rate: str, **kwargs: Any) -> Hit:
    if is_async:
        result: Hit = run_async(ahit(key, rate, **kwargs))
        return result
    return hit(key, rate, **kwargs)


def forget(is_async: bool, key: str, rate: str) -> None:
    if is_async:
        run_async(areset(key, rate))
    else:
        reset(key, rate)


def test_counts_up_to_the_limit(cache_setup: CacheSetup, is_async: bool) -> None:
    cache_setup.configure()
    results = [count(is_async, "sign-in:ada", "3/m") for _ in range(4)]
    assert [r.allowed for r in results] == [True, True, True, False]
    assert [r.count for r in results] == [1, 2, 3, 4]
    assert all(r.limit == 3 and 1 <= r.retry_after <= 60 for r in results)
    peek = count(is_async, "sign-in:ada", "3/m", increment=False)
    assert (peek.allowed, peek.count) == (False, 4)
    other = count(is_async, "sign-in:bob", "3/m", increment=False)
    assert (other.allowed, other.count) == (True, 0)
    forget(is_async, "sign-in:ada", "3/m")
    assert count(is_async, "sign-in:ada", "3/m").count == 1


def test_a_new_window_starts_a_new_count(
    bounded_setup: CacheSetup, is_async: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moved clock, no sleeping (Redis expires on its own clock, so it is left out here)."""
    bounded_setup.configure()
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)
    first = count(is_async, "k", "1/10m")
    assert first.allowed
    refused = count(is_async, "k", "1/10m")
    assert not refused.allowed
    assert 1 <= refused.retry_after <= 600
    now += refused.retry_after - 1  # retry_after rounds the time left up
    assert not count(is_async, "k", "1/10m").allowed  # still in the window
    now += 1
    assert count(is_async, "k", "1/10m").allowed  # the next window


def test_concurrent_hits_never_exceed_the_limit(cache_setup: CacheSetup) -> None:
    cache_setup.configure()
    allowed: list[bool] = []
    lock = threading.Lock()

    def client() -> None:
        for _ in range(10):
            result = hit("burst", "25/h").allowed
            with lock:
                allowed.append(result)

    threads = [threading.Thread(target=client) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert allowed.count(True) == 25
    assert hit("burst", "25/h", increment=False).count == 40


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("5/s", Rate(5, 1)),
        ("100/m", Rate(100, 60)),
        ("1000/h", Rate(1000, 3600)),
        ("10/d", Rate(10, 86400)),
        ("5/10m", Rate(5, 600)),
        (" 3 / 2h ", Rate(3, 7200)),
        ("0/m", Rate(0, 60)),
    ],
)
def test_rates(text: str, rate: Rate) -> None:
    assert parse_rate(text) == rate
    assert parse_rate(rate) is rate


@pytest.mark.parametrize("text", ["5", "5/", "/m", "5/w", "five/m", "5/0m", "-1/m", ""])
def test_bad_rates(text: str) -> None:
    with pytest.raises(ValueError, match=r"is not understood|period of zero"):
        parse_rate(text)
