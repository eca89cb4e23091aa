"""Every cache operation on every backend, sync and async from the same test body."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from heron.cache import InvalidCacheKey

from .conftest import TwoMode

Run = Callable[..., Any]


def test_set_get_and_default(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        assert await c.get("missing") is None
        assert await c.get("missing", "fallback") == "fallback"
        await c.set("k", {"a": [1, 2], "when": date(2026, 1, 2)})
        assert await c.get("k") == {"a": [1, 2], "when": date(2026, 1, 2)}
        await c.set("k", "replaced")
        assert await c.get("k") == "replaced"
        await c.set("none", None)
        assert await c.get("none", "fallback") is None  # a cached None is a hit
        for value in (0, -7, 10**20, 1.5, b"\x00bytes", "", True, [None]):
            await c.set("v", value)
            assert await c.get("v") == value
            assert type(await c.get("v")) is type(value)

    run(body)


def test_add_only_when_absent(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        assert await c.add("k", 1) is True
        assert await c.add("k", 2) is False
        assert await c.get("k") == 1

    run(body)


def test_delete_says_whether_the_key_was_there(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        await c.set("k", 1)
        assert await c.delete("k") is True
        assert await c.delete("k") is False
        assert await c.get("k") is None

    run(body)


def test_many(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        assert await c.set_many({"a": 1, "b": "two", "c": [3]}) == []
        assert await c.get_many(["a", "b", "c", "nope"]) == {"a": 1, "b": "two", "c": [3]}
        assert await c.get_many([]) == {}
        await c.delete_many(["a", "c", "nope"])
        assert await c.get_many(["a", "b", "c"]) == {"b": "two"}
        await c.delete_many([])

    run(body)


def test_incr_decr(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        await c.set("n", 10)
        assert await c.incr("n") == 11
        assert await c.incr("n", 5) == 16
        assert await c.decr("n") == 15
        assert await c.decr("n", 20) == -5
        assert await c.get("n") == -5
        with pytest.raises(ValueError, match="is not in the cache"):
            await c.incr("missing")
        with pytest.raises(ValueError, match="is not in the cache"):
            await c.decr("missing")
        with pytest.raises(TypeError, match="int delta"):
            await c.incr("n", 1.5)

    run(body)


def test_incr_on_a_value_that_is_not_a_number(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        await c.set("word", "ten")
        with pytest.raises(TypeError):
            await c.incr("word")
        assert await c.get("word") == "ten"

    run(body)


def test_racing_writers_and_counters(cache_setup: Any) -> None:
    """Threads writing one key never fail, and concurrent incr() loses no increment."""
    backend = cache_setup.configure()
    backend.set("n", 0)
    errors: list[BaseException] = []

    def work(worker: int) -> None:
        try:
            for i in range(15):
                backend.set("same", (worker, i))
                backend.add("first", worker)
                backend.incr("n")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert backend.get("n") == 60
    assert backend.get("first") in range(4)
    assert backend.get("same")[1] == 14


def test_has_key_and_contains(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        assert await c.has_key("k") is False
        await c.set("k", None)
        assert await c.has_key("k") is True

    run(body)


def test_clear(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        await c.set_many({"a": 1, "b": 2})
        await c.clear()
        assert await c.get_many(["a", "b"]) == {}

    run(body)


def test_get_or_set(run: Run) -> None:
    calls: list[int] = []

    def compute() -> str:
        calls.append(1)
        return "computed"

    async def body(c: TwoMode) -> None:
        assert await c.get_or_set("k", compute) == "computed"
        assert await c.get_or_set("k", compute) == "computed"
        assert len(calls) == 1
        assert await c.get_or_set("plain", 42) == 42
        assert await c.get("plain") == 42
        await c.set("existing", "old")
        assert await c.get_or_set("existing", "new") == "old"
        # timeout=0: computed and returned, never stored.
        assert await c.get_or_set("zero", "value", timeout=0) == "value"
        assert await c.has_key("zero") is False

    run(body)


def test_aget_or_set_awaits_an_async_default(run: Run) -> None:
    async def compute() -> str:
        return "from a coroutine"

    async def body(c: TwoMode) -> None:
        if c.is_async:
            assert await c.get_or_set("k", compute) == "from a coroutine"
            assert await c.get("k") == "from a coroutine"
        else:
            with pytest.raises(TypeError, match=r"use aget_or_set\(\)"):
                await c.get_or_set("k", compute)

    run(body)


def test_touch(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        assert await c.touch("missing", 10) is False
        await c.set("k", 1, timeout=10)
        assert await c.touch("k", 100) is True
        assert await c.touch("k", None) is True
        assert await c.get("k") == 1
        assert await c.touch("k", 0) is True  # timeout 0 removes the key
        assert await c.has_key("k") is False

    run(body)


def test_timeout_zero_does_not_store_and_none_keeps(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        await c.set("k", "old")
        await c.set("k", "new", timeout=0)
        assert await c.get("k") is None
        assert await c.add("k", "new", timeout=0) is False
        await c.set_many({"a": 1}, timeout=0)
        assert await c.get("a") is None
        await c.set("forever", 1, timeout=None)
        assert await c.get("forever") == 1

    run(body)


def test_default_timeout_zero_caches_nothing(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        await c.set("k", 1)
        assert await c.get("k") is None

    run(body, TIMEOUT=0)


def test_versions(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        await c.set("k", "v1")
        await c.set("k", "v2", version=2)
        assert await c.get("k") == "v1"
        assert await c.get("k", version=2) == "v2"
        assert await c.incr_version("k") == 2
        assert await c.get("k") is None  # version 1 was moved to version 2
        assert await c.get("k", version=2) == "v1"
        assert await c.decr_version("k", version=2) == 1
        assert await c.get("k") == "v1"
        with pytest.raises(ValueError, match="is not in the cache"):
            await c.incr_version("missing")

    run(body)


def test_configured_version_and_prefix_separate_caches(run: Run, cache_setup: Any) -> None:
    async def write(c: TwoMode) -> None:
        await c.set("k", "site one")

    async def read(c: TwoMode) -> Any:
        return await c.get("k")

    run(write, KEY_PREFIX="one", VERSION=3)
    # Same LOCATION, other prefix or version: a different key space. (configure() clears
    # the store, so read through a second alias instead.)
    from heron.cache import caches
    from heron.conf import settings

    default = dict(settings.CACHES["default"])
    settings.CACHES = {
        "default": default,
        "other": {**default, "KEY_PREFIX": "two"},
        "newer": {**default, "VERSION": 4},
    }
    caches["default"].set("k", "site one")
    assert caches["other"].get("k") is None
    assert caches["newer"].get("k") is None
    assert caches["default"].get("k") == "site one"
    assert caches["default"].make_key("k") == "one:3:k"


def test_key_function(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        assert c.backend.make_key("k") == "custom|k|1"
        await c.set("k", 1)
        assert await c.get("k") == 1

    run(body, KEY_FUNCTION="tests.cache.test_backends.custom_key")


def custom_key(key: str, prefix: str, version: int) -> str:
    return f"custom|{key}|{version}"


def test_control_characters_in_keys_are_refused(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        with pytest.raises(InvalidCacheKey) as info:
            await c.set("bad\nkey", 1)
        assert str(info.value) == (
            "Cache key 'bad\\nkey' contains the control character '\\n' at position 3. "
            "Keys must be printable text: hash untrusted input into a key "
            "(e.g. hashlib.sha256(value.encode()).hexdigest())."
        )
        for key in ("tab\there", "nul\x00", "del\x7f"):
            with pytest.raises(InvalidCacheKey):
                await c.get(key)
        with pytest.raises(InvalidCacheKey, match="must be strings, not int"):
            await c.get_many(["ok", 5])  # type: ignore[list-item]
        await c.set("spaces and ünïcode: fine", 1)
        assert await c.get("spaces and ünïcode: fine") == 1

    run(body)


def test_long_keys_and_large_values(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        key = "k" * 1000
        value = "x" * 200_000  # over MySQL's 64 KB TEXT: the table uses LONGTEXT there
        await c.set(key, value)
        assert await c.get(key) == value

    run(body)


def test_expiry(bounded_run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """Values expire after their timeout (the clock is moved, nobody sleeps)."""
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)

    async def body(c: TwoMode) -> None:
        nonlocal now
        await c.set("short", 1, timeout=10)
        await c.set("long", 2, timeout=100)
        await c.set("forever", 3, timeout=None)
        await c.set("counter", 5, timeout=10)
        now += 11
        assert await c.get("short") is None
        assert await c.has_key("short") is False
        assert await c.get_many(["short", "long", "forever"]) == {"long": 2, "forever": 3}
        assert await c.add("short", "again") is True  # an expired key is absent
        assert await c.touch("counter") is False
        with pytest.raises(ValueError, match="is not in the cache"):
            await c.incr("counter")
        assert await c.touch("long", 1000) is True
        now += 500
        assert await c.get("long") == 2
        assert await c.get("forever") == 3

    bounded_run(body)


def test_max_entries_bounds_the_cache(bounded_run: Run) -> None:
    async def body(c: TwoMode) -> None:
        for i in range(12):
            await c.set(f"k{i}", i)
        found = await c.get_many([f"k{i}" for i in range(12)])
        assert len(found) <= 10
        assert found["k11"] == 11  # the newest entry survives

    bounded_run(body, OPTIONS={"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2})


def test_close_then_use_again(run: Run) -> None:
    async def body(c: TwoMode) -> None:
        await c.set("k", 1)
        await c.close()
        assert await c.get("k") == 1  # connections are made again on demand

    run(body)


@pytest.mark.parametrize("is_async", [False, True])
def test_dummy_backend_stores_nothing(is_async: bool, tmp_path: Any) -> None:
    from heron.cache.backends.dummy import DummyCache

    from .conftest import run_body

    async def body(c: TwoMode) -> None:
        await c.set("k", 1)
        assert await c.get("k", "default") == "default"
        assert await c.add("k", 1) is True
        assert await c.get_many(["k"]) == {}
        assert await c.set_many({"k": 1}) == []
        await c.delete_many(["k"])
        assert await c.delete("k") is False
        assert await c.touch("k") is False
        assert await c.has_key("k") is False
        assert await c.get_or_set("k", 5) == 5
        with pytest.raises(ValueError, match="is not in the cache"):
            await c.incr("k")
        with pytest.raises(ValueError, match="is not in the cache"):
            await c.decr("k")
        with pytest.raises(ValueError, match="is not in the cache"):
            await c.incr_version("k")
        await c.clear()
        await c.close()

    run_body(DummyCache("", {}), is_async, body)
