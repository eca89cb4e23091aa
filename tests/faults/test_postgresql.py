"""PostgreSQL outages under load, against ``heron serve --workers 2`` behind a TCP proxy.

The issue's figures, with the durations scaled down so CI stays quick (a 2 s outage instead
of 8 s; the behaviour does not depend on the length). Each test prints what it measured.
"""

from __future__ import annotations

import asyncio
import os
import signal
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from .harness import Load, Sample, p, served, worker_pids
from .proxy import TcpProxy, running_proxy

URL = os.environ.get("HERON_TEST_POSTGRES_URL", "")
IN_CI = os.environ.get("CI", "").lower() == "true"

if not URL and not IN_CI:
    pytest.skip("HERON_TEST_POSTGRES_URL is not set", allow_module_level=True)

DB_PATHS = ("/read", "/aread")
FREE_PATHS = ("/free", "/afree")


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    """A throwaway database on the shared server, with the fault site's table."""
    if not URL:
        pytest.fail("CI=true but HERON_TEST_POSTGRES_URL is not set")
    import psycopg

    name = f"heron_faults_{os.getpid()}"
    with psycopg.connect(_url(URL, "postgres"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    with psycopg.connect(_url(URL, name), autocommit=True) as conn:
        conn.execute("CREATE TABLE fault_items (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)")
        conn.execute("INSERT INTO fault_items VALUES (1, 0)")
        conn.execute("CREATE TABLE fault_log (id SERIAL PRIMARY KEY, note TEXT)")
    yield name
    with psycopg.connect(_url(URL, "postgres"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _url(url: str, database: str, *, port: int | None = None, query: str = "") -> str:
    parts = urlsplit(url)
    netloc = parts.netloc
    if port is not None:
        netloc = (
            f"{netloc.rsplit('@', 1)[0]}@127.0.0.1:{port}" if "@" in netloc else f"127.0.0.1:{port}"
        )
    return f"{parts.scheme}://{netloc}/{database}" + (f"?{query}" if query else "")


@pytest.fixture(scope="module")
def proxy() -> Iterator[TcpProxy]:
    parts = urlsplit(URL)
    with running_proxy(parts.hostname or "127.0.0.1", parts.port or 5432) as running:
        yield running


# Short timeouts, so the faults play out in seconds: a statement may run 0.5 s (the client
# gives up at 1.5 s), a pooled connection is waited for 1 s, a new one 2 s (libpq's minimum).
OPTIONS = "statement_timeout=0.5&pool_timeout=1&connect_timeout=2"


@pytest.fixture(scope="module")
def server(proxy: TcpProxy, database: str) -> Iterator[int]:
    """One ``heron serve --workers 2`` for the module's tests (starting one takes seconds)."""
    with served(_url(URL, database, port=proxy.port, query=OPTIONS)) as port:
        yield port


@pytest.fixture
def port(server: int, proxy: TcpProxy) -> Iterator[int]:
    proxy.restore()
    yield server
    proxy.restore()


async def _scenario(
    port: int,
    clients: dict[tuple[str, ...], int],
    seconds: float,
    events: list[tuple[float, object]],
) -> tuple[list[Sample], dict[str, float]]:
    """Run load for ``seconds``; at each (offset, action) call action() off the loop.

    First every client sends a few requests that are not counted, so both workers are up
    and their pools (sync and async) hold connections: the outage hits a warm server.
    """
    total = sum(clients.values())
    await Load(port).run(lambda c, n: DB_PATHS[(c + n) % 2] if n < 4 else None, total)
    start = time.monotonic()
    end = start + seconds
    marks: dict[str, float] = {}
    load = Load(port)
    groups: list[tuple[str, ...]] = []
    for paths, count in clients.items():
        groups += [paths] * count

    def pick(client: int, n: int) -> str | None:
        if time.monotonic() >= end:
            return None
        paths = groups[client]
        return paths[(client + n) % len(paths)]

    async def flip() -> None:
        for offset, action in events:
            await asyncio.sleep(max(0.0, start + offset - time.monotonic()))
            await asyncio.to_thread(action)  # type: ignore[arg-type]
            marks[getattr(action, "__name__", str(action))] = time.monotonic()

    await asyncio.gather(load.run(pick, len(groups)), flip())
    return load.samples, marks


def _statuses(samples: list[Sample]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for sample in samples:
        counts[sample.status] = counts.get(sample.status, 0) + 1
    return dict(sorted(counts.items()))


def test_restart_under_load(proxy: TcpProxy, port: int) -> None:
    """16 DB clients (+4 DB-free) through a 2 s refused outage (a restart): 0 x 500, 503 +
    Retry-After fast, first 2xx < 1 s after the database accepts connections again."""
    samples, marks = asyncio.run(
        _scenario(
            port, {DB_PATHS: 16, FREE_PATHS: 4}, 4.0, [(1.0, proxy.refuse), (3.0, proxy.restore)]
        )
    )
    down, up = marks["refuse"], marks["restore"]
    db = [s for s in samples if s.path in DB_PATHS]
    during = [s for s in db if s.started >= down and s.ended <= up]
    unavailable = [s for s in db if s.status == 503]
    started_down = [s for s in unavailable if s.started >= down]
    first_ok = min((s.ended for s in db if s.status == 200 and s.started >= up), default=None)
    free_during = [s.latency for s in samples if s.path in FREE_PATHS and down <= s.started < up]
    free_before = [s.latency for s in samples if s.path in FREE_PATHS and s.ended < down]
    print(
        f"\nrestart: {len(samples)} requests, statuses {_statuses(samples)}; during the outage "
        f"{len(during)} DB requests; 503 p50 {p([s.latency for s in started_down], 50) * 1000:.0f}"
        f" ms, max {max((s.latency for s in started_down), default=0) * 1000:.0f} ms (in flight "
        f"at the cut: max {max((s.latency for s in unavailable), default=0) * 1000:.0f} ms); "
        f"first 2xx {(first_ok - up) * 1000 if first_ok else float('nan'):.0f} ms after restore; "
        f"DB-free p99 {p(free_before, 99) * 1000:.0f} ms before, "
        f"{p(free_during, 99) * 1000:.0f} ms during the outage"
    )
    if os.environ.get("HERON_FAULTS_DUMP"):
        for s in sorted(samples, key=lambda s: s.started):
            print(f"{s.path:7} {s.started - down:+.3f} {s.latency:.3f} {s.status}")
    assert not [s for s in samples if s.status not in (200, 503)], _statuses(samples)
    assert during and all(s.status == 503 for s in during)
    assert all(s.retry_after == "1" for s in unavailable)
    # Refused connections fail at once; 1.5 s is the acquire timeout (1 s) plus slack for a
    # loaded CI machine.
    assert max(s.latency for s in started_down) < 1.5
    assert first_ok is not None and first_ok - up < 1.0
    # The figure is p99 < 100 ms on a quiet machine; CI machines are shared, so the
    # assertion allows 500 ms and the printed figure tells the real one.
    assert p(free_during, 99) < 0.5


def test_db_free_pages_stay_up_under_100_connections(proxy: TcpProxy, port: int) -> None:
    """100 connections (80 on DB views, 20 on DB-free ones) through a 2 s outage: the
    DB-free views keep answering; nothing answers 500."""
    samples, marks = asyncio.run(
        _scenario(
            port, {DB_PATHS: 80, FREE_PATHS: 20}, 4.0, [(1.0, proxy.refuse), (3.0, proxy.restore)]
        )
    )
    down, up = marks["refuse"], marks["restore"]
    free_before = [s.latency for s in samples if s.path in FREE_PATHS and s.ended < down]
    free_during = [s.latency for s in samples if s.path in FREE_PATHS and down <= s.started < up]
    print(
        f"\n100 connections: {len(samples)} requests, statuses {_statuses(samples)}; DB-free "
        f"p50/p99 {p(free_before, 50) * 1000:.0f}/{p(free_before, 99) * 1000:.0f} ms before, "
        f"{p(free_during, 50) * 1000:.0f}/{p(free_during, 99) * 1000:.0f} ms during the outage "
        f"({len(free_during)} requests)"
    )
    assert not [s for s in samples if s.status not in (200, 503)], _statuses(samples)
    assert free_during and all(
        s.status == 200 for s in samples if s.path in FREE_PATHS and down <= s.started < up
    )
    # The figure is p99 < 100 ms on a quiet machine (see test_restart_under_load).
    assert p(free_during, 99) < 0.5


def test_idle_pool_after_restart_reads_without_errors(proxy: TcpProxy, port: int) -> None:
    """Warm pools, every pooled connection dropped, then reads: 0 errors, no pre-ping."""
    warm = asyncio.run(Load(port).run(lambda c, n: DB_PATHS[c % 2] if n < 20 else None, 8))
    proxy.cut()
    after = asyncio.run(Load(port).run(lambda c, n: DB_PATHS[c % 2] if n < 25 else None, 8))
    print(f"\nidle restart: warm-up {_statuses(warm)}, reads after the cut {_statuses(after)}")
    assert _statuses(warm) == {200: 160}
    assert _statuses(after) == {200: 200}


def test_frozen_database_ends_requests_at_the_timeouts(proxy: TcpProxy, port: int) -> None:
    """A database that stops answering: requests end at the statement/acquire timeouts with
    503/504, none hangs, and traffic flows again once it answers."""
    samples, marks = asyncio.run(
        _scenario(
            port, {DB_PATHS: 12, FREE_PATHS: 4}, 6.0, [(1.0, proxy.freeze), (3.5, proxy.restore)]
        )
    )
    frozen, thawed = marks["freeze"], marks["restore"]
    db = [s for s in samples if s.path in DB_PATHS]
    failed = [s for s in db if s.status != 200]
    late_ok = [s for s in db if s.status == 200 and s.started >= thawed + 1.0]
    free_during = [
        s.latency for s in samples if s.path in FREE_PATHS and frozen <= s.started < thawed
    ]
    print(
        f"\nfrozen: {len(samples)} requests, statuses {_statuses(samples)}; failed DB requests "
        f"max {max((s.latency for s in failed), default=0) * 1000:.0f} ms; DB-free p99 while "
        f"frozen {p(free_during, 99) * 1000:.0f} ms; 2xx from 1 s after thawing: {len(late_ok)}"
    )
    assert not [s for s in samples if s.status not in (200, 503, 504)], _statuses(samples)
    assert failed, "the freeze failed no request"
    # deadline (0.5 s + 1 s grace) or connect timeout (2 s), plus scheduling slack
    assert max(s.latency for s in failed) < 3.5
    assert late_ok


def test_votes_and_batches_survive_killed_workers(database: str) -> None:
    """50 clients x 100 votes (a vote = an UPDATE and 10 log rows in one transaction) while
    a worker is killed with SIGKILL twice: every acknowledged vote is counted, none twice,
    and no transaction is half applied. Its own server, with the default timeouts."""
    import psycopg

    with psycopg.connect(_url(URL, database), autocommit=True) as conn:
        conn.execute("UPDATE fault_items SET n = 0")
        conn.execute("DELETE FROM fault_log")
    clients, votes = 50, 100
    killed: list[int] = []

    async def kill_workers() -> None:
        for delay in (1.0, 1.5):
            await asyncio.sleep(delay)
            victim = worker_pids(port)[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)

    async def run() -> list[Sample]:
        load = Load(port, method="POST")
        await asyncio.gather(
            load.run(lambda c, n: "/batch" if n < votes else None, clients), kill_workers()
        )
        return load.samples

    with served(_url(URL, database)) as port:
        samples = asyncio.run(run())
    acknowledged = sum(1 for s in samples if s.status == 200)
    lost_answers = sum(1 for s in samples if s.status == 0)
    with psycopg.connect(_url(URL, database), autocommit=True) as conn:
        (counted,) = conn.execute("SELECT n FROM fault_items").fetchone()
        (rows,) = conn.execute("SELECT COUNT(*) FROM fault_log").fetchone()
        partial = conn.execute(
            "SELECT note FROM fault_log GROUP BY note HAVING COUNT(*) <> 10"
        ).fetchall()
    print(
        f"\nkilled workers: {clients * votes} votes sent, statuses {_statuses(samples)}, "
        f"{acknowledged} acknowledged, {counted} counted, {rows} log rows, "
        f"{len(partial)} partial batches; killed {killed}"
    )
    assert len(killed) == 2
    # 503: with one worker down, its clients pile onto the other one; a vote that waits past
    # pool_timeout (5 s) for a connection is refused, and not counted.
    assert not [s for s in samples if s.status not in (0, 200, 503)], _statuses(samples)
    # Every acknowledged vote counted; a request whose worker died may or may not have
    # committed (its client saw no answer), never more than once.
    assert acknowledged <= counted <= acknowledged + lost_answers
    assert rows == 10 * counted and partial == []
