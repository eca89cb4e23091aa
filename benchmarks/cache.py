"""Heron's cache benchmark: µs per get and set, locmem and Redis, sync and async.

Run it with ``make bench`` or ``.venv/bin/python benchmarks/cache.py [--redis URL]``. Every
number is the best of ``--rounds`` rounds of ``--n`` operations (best-of, because the machine
may be shared). Redis is measured when ``--redis`` or ``HERON_BENCH_REDIS_URL`` names a
server (its database is flushed), beside raw redis-py ``GET``/``SET`` for scale.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from collections.abc import Awaitable, Callable
from typing import Any

from heron.cache import caches
from heron.conf import settings


def best(rounds: int, n: int, op: Callable[[], Any]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(n):
            op()
        times.append((time.perf_counter() - start) / n * 1e6)
    return min(times)


async def abest(rounds: int, n: int, op: Callable[[], Awaitable[Any]]) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(n):
            await op()
        times.append((time.perf_counter() - start) / n * 1e6)
    return min(times)


def measure(alias: str, rounds: int, n: int) -> dict[str, float]:
    backend = caches[alias]
    backend.set("bench", {"id": 1, "name": "heron"})
    results = {
        "get": best(rounds, n, lambda: backend.get("bench")),
        "set": best(rounds, n, lambda: backend.set("bench", {"id": 1, "name": "heron"})),
        "incr": 0.0,
    }
    backend.set("counter", 0)
    results["incr"] = best(rounds, n, lambda: backend.incr("counter"))

    async def run_async() -> dict[str, float]:
        out = {
            "aget": await abest(rounds, n, lambda: backend.aget("bench")),
            "aset": await abest(rounds, n, lambda: backend.aset("bench", {"id": 1})),
        }
        await backend.aclose()
        return out

    results.update(asyncio.run(run_async()))
    return results


def raw_redis(url: str, rounds: int, n: int) -> dict[str, float]:
    import redis

    client = redis.Redis.from_url(url)
    client.set("raw", b"x" * 40)
    out = {
        "get": best(rounds, n, lambda: client.get("raw")),
        "set": best(rounds, n, lambda: client.set("raw", b"x" * 40)),
    }
    client.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--redis", default=os.environ.get("HERON_BENCH_REDIS_URL"))
    args = parser.parse_args()
    configured = {"locmem": {"BACKEND": "locmem", "LOCATION": "bench"}}
    if args.redis:
        configured["redis"] = {"BACKEND": "redis", "LOCATION": args.redis}
    settings.configure(DEBUG=True, SECRET_KEY="bench", CACHES=configured)
    print(f"µs per operation, best of {args.rounds} rounds of {args.n}")
    for alias in configured:
        row = measure(alias, args.rounds, args.n)
        print(f"{alias:8}", "  ".join(f"{name} {value:7.1f}" for name, value in row.items()))
    if args.redis:
        row = raw_redis(args.redis, args.rounds, args.n)
        print(f"{'raw redis-py':8}", "  ".join(f"{k} {v:7.1f}" for k, v in row.items()))
        caches["redis"].clear()


if __name__ == "__main__":
    main()
