"""SQLite under concurrent writers: ``heron serve --workers 2``, 12 writers, 1,600 write
transactions, and not one "database is locked"."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

from .harness import Load, p, served

WRITERS = 12
TRANSACTIONS = 1600


def test_concurrent_writers_take_turns(tmp_path: Path) -> None:
    path = tmp_path / "faults.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("CREATE TABLE fault_items (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
        conn.execute("INSERT INTO fault_items VALUES (1, 0)")
        conn.execute("CREATE TABLE fault_log (id INTEGER PRIMARY KEY AUTOINCREMENT, note TEXT)")
    conn.close()
    per_client = TRANSACTIONS // WRITERS
    extra = TRANSACTIONS - per_client * WRITERS

    def pick(client: int, n: int) -> str | None:
        return "/write" if n < per_client + (client < extra) else None

    with served(f"sqlite:///{path}") as port:
        samples = asyncio.run(Load(port, method="POST").run(pick, WRITERS))
    statuses: dict[int, int] = {}
    for sample in samples:
        statuses[sample.status] = statuses.get(sample.status, 0) + 1
    latencies = [s.latency for s in samples]
    with sqlite3.connect(path) as conn:
        logged = conn.execute("SELECT COUNT(*) FROM fault_log").fetchone()[0]
        counter = conn.execute("SELECT n FROM fault_items").fetchone()[0]
    conn.close()
    print(
        f"\nsqlite writers: {WRITERS} writers, {len(samples)} write transactions, statuses "
        f"{statuses}; p50 {p(latencies, 50) * 1000:.0f} ms, p99 {p(latencies, 99) * 1000:.0f} ms, "
        f"max {max(latencies) * 1000:.0f} ms"
    )
    locked = served.last_output.count("database is locked")  # type: ignore[attr-defined]
    assert statuses == {200: TRANSACTIONS}, (statuses, locked)
    assert logged == counter == TRANSACTIONS
