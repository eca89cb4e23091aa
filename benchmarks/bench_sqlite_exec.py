"""Micro-benchmark: µs per fetch-by-primary-key on SQLite, Heron's wrapper vs raw sqlite3.

Run: ``python benchmarks/bench_sqlite_exec.py [iterations]`` (default 20,000). Every variant
runs ``SELECT id, name, n FROM bench WHERE id = ?`` with ``fetch="one"`` against the same
file database (WAL) and reports µs per call, plus its ratio to raw sqlite3:

* raw sqlite3: ``conn.execute(sql, (n,)).fetchone()`` on one connection;
* ``wrapper.execute(...)``: the sync API (autocommit, a pooled connection);
* ``await wrapper.aexecute(...)``: the async API, one after another on one event loop.

The three variants run ``REPEAT`` times, interleaved so drift in the machine's load hits all
three, and each one's best run counts (as ``timeit`` advises: the slower runs measure the rest
of the machine). The issue's target is sync fetch by primary key <= 3x raw sqlite3.

To compare with another checkout (say ``git archive HEAD heron | tar -x -C /tmp/before``):
``HERON_BENCH_SOURCE=1 PYTHONPATH=/tmp/before python benchmarks/bench_sqlite_exec.py``.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

if "HERON_BENCH_SOURCE" not in os.environ:  # else: a checkout to compare with, on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from heron.db.backends.sqlite.wrapper import DatabaseWrapper

ROWS = 1_000
REPEAT = 5
SQL = "SELECT id, name, n FROM bench WHERE id = ?"


def _per_call(total: float, n: int) -> float:
    return total / n * 1e6


def bench_raw(path: str, n: int) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        execute = conn.execute
        start = time.perf_counter()
        for i in range(n):
            execute(SQL, (i % ROWS + 1,)).fetchone()
        return _per_call(time.perf_counter() - start, n)
    finally:
        conn.close()


def bench_sync(wrapper: DatabaseWrapper, n: int) -> float:
    execute = wrapper.execute
    start = time.perf_counter()
    for i in range(n):
        execute(SQL, [i % ROWS + 1], fetch="one")
    return _per_call(time.perf_counter() - start, n)


def bench_async(wrapper: DatabaseWrapper, n: int) -> float:
    async def main() -> float:
        aexecute = wrapper.aexecute
        await aexecute(SQL, [1], fetch="one")  # warm up (connection, worker thread)
        start = time.perf_counter()
        for i in range(n):
            await aexecute(SQL, [i % ROWS + 1], fetch="one")
        return _per_call(time.perf_counter() - start, n)

    return asyncio.run(main())


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.sqlite3")
        wrapper = DatabaseWrapper({"ENGINE": "sqlite", "NAME": path}, "bench")
        try:
            wrapper.execute("CREATE TABLE bench (id INTEGER PRIMARY KEY, name TEXT, n INTEGER)")
            wrapper.executemany(
                "INSERT INTO bench (id, name, n) VALUES (?, ?, ?)",
                [(i, f"row {i}", i * 7) for i in range(1, ROWS + 1)],
            )
            bench_sync(wrapper, 1_000)  # warm up
            bench_raw(path, 1_000)
            runs: dict[str, list[float]] = {"raw": [], "sync": [], "async": []}
            for _ in range(REPEAT):  # interleaved, so drift in machine load hits all three
                runs["raw"].append(bench_raw(path, n))
                runs["sync"].append(bench_sync(wrapper, n))
                runs["async"].append(bench_async(wrapper, n))
            raw, sync, async_ = (min(runs[k]) for k in ("raw", "sync", "async"))
        finally:
            wrapper.close()
    print(f"SQLite fetch by primary key, {n:,} iterations (best of {REPEAT}), µs per call")
    print(f"  raw sqlite3                 {raw:8.2f}   1.00x")
    print(f"  wrapper.execute (sync)      {sync:8.2f}   {sync / raw:5.2f}x raw")
    print(f"  await wrapper.aexecute      {async_:8.2f}   {async_ / raw:5.2f}x raw")


if __name__ == "__main__":
    main()
