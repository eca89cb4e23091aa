"""SQLite execution: sync queries in place, async ones in one hop, one thread at a time."""

from __future__ import annotations

import asyncio
import contextvars
import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from heron.db import OperationalError, ProgrammingError
from heron.db.backends.base.statements import run_statement
from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.backends.sqlite.connection import SQLiteConnection
from heron.db.backends.sqlite.wrapper import DatabaseWrapper as SQLiteWrapper
from heron.db.testing import test_transaction
from heron.db.transaction import atomic

from ..conftest import run_async

only_sqlite = pytest.mark.parametrize("backend", ["sqlite"], indirect=True)


def _record_threads(backend: DatabaseWrapper) -> list[threading.Thread]:
    """Register ``heron_thread()`` on the (single, in-memory) connection; returns its log."""
    seen: list[threading.Thread] = []

    def record() -> int:
        seen.append(threading.current_thread())
        return len(seen)

    conn = backend._acquire()
    try:
        conn.raw.create_function("heron_thread", 0, record)
    finally:
        backend._release(conn)
    return seen


@only_sqlite
def test_sync_queries_run_on_the_calling_thread(backend: DatabaseWrapper) -> None:
    seen = _record_threads(backend)
    assert backend.execute("SELECT heron_thread()", fetch="one") == (1,)
    assert seen == [threading.current_thread()]

    other: list[Any] = []
    thread = threading.Thread(
        target=lambda: other.append(backend.execute("SELECT heron_thread()", fetch="one"))
    )
    thread.start()
    thread.join()
    assert other == [(2,)]
    assert seen[1] is thread

    # Inside a (test) transaction too: the pinned connection is used in place.
    with test_transaction(), atomic():
        backend.execute("SELECT heron_thread()", fetch="one")
    assert seen[2] is threading.current_thread()
    conn = backend._acquire()
    try:
        assert conn._thread is None  # sync-only use starts no worker thread
    finally:
        backend._release(conn)


@only_sqlite
def test_async_query_is_one_hop_to_the_worker(backend: DatabaseWrapper) -> None:
    seen = _record_threads(backend)
    built: list[threading.Thread] = []

    def build(rows: list[Any]) -> Any:
        built.append(threading.current_thread())
        return rows

    async def body() -> None:
        await backend.aexecute("SELECT heron_thread()", fetch="one", build=build)
        await backend.aexecute("SELECT heron_thread()", fetch="one", build=build)

    run_async(body)
    # Execute, fetch and build ran together, on the connection's worker, not on the loop.
    assert len(seen) == 2 and seen == built
    assert seen[0] is seen[1] is not threading.current_thread()
    assert seen[0].name == "heron-sqlite-default"
    worker = seen[0]
    backend.close()
    assert not worker.is_alive()  # closing the connection stops its worker


@only_sqlite
def test_async_code_shares_the_pinned_connection(backend: DatabaseWrapper, items: str) -> None:
    with test_transaction():
        backend.execute("INSERT INTO heron_items (name) VALUES (?)", ["sync"], fetch="none")

        async def body() -> list[Any]:
            await backend.aexecute("INSERT INTO heron_items (name) VALUES (?)", ["async"])
            rows: list[Any] = await backend.aexecute("SELECT name FROM heron_items ORDER BY name")
            return rows

        # The coroutine runs in a copy of this context, so it uses the test's transaction.
        assert run_async(body) == [("async",), ("sync",)]
        assert backend.execute("SELECT COUNT(*) FROM heron_items", fetch="one") == (2,)
    assert backend.execute("SELECT COUNT(*) FROM heron_items", fetch="one") == (0,)


ROUNDS = 300


def _hammer(backend: DatabaseWrapper, tag: str, errors: list[BaseException]) -> None:
    """Insert and read back ROUNDS rows, checking every answer."""
    try:
        for i in range(ROUNDS):
            name = f"{tag}-{i}"
            new_id = backend.execute(
                "INSERT INTO heron_items (name, n) VALUES (?, ?)", [name, i], fetch="lastrowid"
            )
            row = backend.execute(
                "SELECT name, n FROM heron_items WHERE id = ?", [new_id], fetch="one"
            )
            assert row == (name, i), (row, name, i)
            count = backend.execute(
                "SELECT COUNT(*) FROM heron_items WHERE name LIKE ?", [f"{tag}-%"], fetch="one"
            )
            assert count == (i + 1,), (count, tag, i)
    except BaseException as exc:
        errors.append(exc)


async def _ahammer(backend: DatabaseWrapper, tag: str, errors: list[BaseException]) -> None:
    try:
        for i in range(ROUNDS):
            name = f"{tag}-{i}"
            new_id = await backend.aexecute(
                "INSERT INTO heron_items (name, n) VALUES (?, ?)", [name, i], fetch="lastrowid"
            )
            row = await backend.aexecute(
                "SELECT name, n FROM heron_items WHERE id = ?", [new_id], fetch="one"
            )
            assert row == (name, i), (row, name, i)
    except BaseException as exc:
        errors.append(exc)


def _run_threads(targets: list[Callable[[], None]]) -> None:
    start = threading.Barrier(len(targets))

    def go(target: Callable[[], None]) -> None:
        start.wait()
        target()

    threads = [threading.Thread(target=go, args=(t,)) for t in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


@only_sqlite
def test_threads_hammering_one_memory_database(backend: DatabaseWrapper, items: str) -> None:
    errors: list[BaseException] = []
    _run_threads([lambda tag=tag: _hammer(backend, tag, errors) for tag in ("a", "b")])  # type: ignore[misc]
    assert errors == []
    assert backend.execute("SELECT COUNT(*) FROM heron_items", fetch="one") == (2 * ROUNDS,)


@only_sqlite
def test_sync_and_async_hammering_a_pinned_connection(backend: DatabaseWrapper, items: str) -> None:
    """Two sync threads and async code share one transaction's connection, one at a time."""
    errors: list[BaseException] = []
    with atomic():
        context = contextvars.copy_context
        targets: list[Callable[[], None]] = [
            lambda ctx=context(): ctx.run(_hammer, backend, "a", errors),  # type: ignore[misc]
            lambda ctx=context(): ctx.run(_hammer, backend, "b", errors),  # type: ignore[misc]
            lambda ctx=context(): ctx.run(asyncio.run, _ahammer(backend, "c", errors)),  # type: ignore[misc]
        ]
        _run_threads(targets)
        assert errors == []
        assert backend.execute("SELECT COUNT(*) FROM heron_items", fetch="one") == (3 * ROUNDS,)


def test_file_database_threads_use_their_own_connections(tmp_path: Path) -> None:
    wrapper = SQLiteWrapper({"ENGINE": "sqlite", "NAME": str(tmp_path / "db.sqlite3")}, "file")
    try:
        wrapper.execute(
            "CREATE TABLE heron_items (id INTEGER PRIMARY KEY, name TEXT UNIQUE, n INTEGER)"
        )
        errors: list[BaseException] = []
        _run_threads([lambda tag=tag: _hammer(wrapper, tag, errors) for tag in "abc"])  # type: ignore[misc]
        assert errors == []
        assert wrapper.execute("SELECT COUNT(*) FROM heron_items", fetch="one") == (3 * ROUNDS,)
        assert wrapper.execute("PRAGMA journal_mode", fetch="one") == ("wal",)
    finally:
        wrapper.close()


def test_connect_errors_are_translated(tmp_path: Path) -> None:
    missing = os.path.join(tmp_path, "no", "such", "dir", "db.sqlite3")
    wrapper = SQLiteWrapper({"ENGINE": "sqlite", "NAME": missing}, "missing")
    try:
        with pytest.raises(OperationalError, match="unable to open"):
            wrapper.execute("SELECT 1")
        with pytest.raises(OperationalError, match="unable to open"):
            run_async(lambda: wrapper.aexecute("SELECT 1"))
    finally:
        wrapper.close()


def test_closed_connection_fails_cleanly() -> None:
    conn = SQLiteConnection(sqlite3.connect(":memory:", check_same_thread=False), "closed")
    select_one: Callable[[Any], Any] = lambda raw: run_statement(  # noqa: E731
        raw, "SELECT 1", None, "one", None, False
    )
    assert run_async(lambda: conn.acall(select_one)) == (1,)
    worker = conn._thread
    conn.close()
    conn.close()  # closing twice is harmless
    assert worker is not None and not worker.is_alive()
    with pytest.raises(ProgrammingError, match="closed"):
        conn.call(select_one)
    with pytest.raises(ProgrammingError, match="closed"):
        run_async(lambda: conn.acall(select_one))


@only_sqlite
def test_cancelled_async_query_discards_its_connection(backend: DatabaseWrapper) -> None:
    started = threading.Event()
    release = threading.Event()

    workers: list[threading.Thread] = []

    def slow() -> int:
        workers.append(threading.current_thread())
        started.set()
        release.wait(5)
        return 1

    conn = backend._acquire()
    conn.raw.create_function("heron_slow", 0, slow)
    backend._release(conn)

    async def body() -> None:
        task = asyncio.ensure_future(backend.aexecute("SELECT heron_slow()", fetch="one"))
        assert await asyncio.get_running_loop().run_in_executor(None, started.wait, 5)
        task.cancel()
        release.set()
        with pytest.raises(asyncio.CancelledError):
            await task

    run_async(body)
    assert not workers[0].is_alive()  # the connection was closed, and its worker stopped
    assert backend.execute("SELECT 2", fetch="one") == (2,)  # a fresh connection
