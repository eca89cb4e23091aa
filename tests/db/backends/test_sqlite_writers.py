"""SQLite write transactions take turns (sqlite/writers.py) instead of failing "locked"."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from heron.db import DatabaseUnavailable, connections
from heron.db.transaction import atomic
from heron.test import override_settings

from ..conftest import run_async

THREADS = 6
ROUNDS = 20


@pytest.fixture
def file_db(configured: None, tmp_path: Path) -> Iterator[str]:
    database = {"ENGINE": "sqlite", "NAME": str(tmp_path / "db.sqlite3"), "OPTIONS": {}}
    with override_settings(DATABASES={"default": database}):
        connections["default"].execute(
            "CREATE TABLE counter (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)"
        )
        connections["default"].execute("INSERT INTO counter VALUES (1, 0)")
        try:
            yield "default"
        finally:
            connections.close_all()


def _increment() -> None:
    # Read, then write what was read plus one: only correct if writers take turns.
    with atomic():
        (n,) = connections["default"].execute("SELECT n FROM counter", fetch="one")
        connections["default"].execute("UPDATE counter SET n = ?", (n + 1,), fetch="none")


async def _aincrement() -> None:
    async with atomic():
        (n,) = await connections["default"].aexecute("SELECT n FROM counter", fetch="one")
        await connections["default"].aexecute("UPDATE counter SET n = ?", (n + 1,), fetch="none")


def test_threads_and_coroutines_take_turns(file_db: str) -> None:
    errors: list[BaseException] = []

    def sync_writer() -> None:
        try:
            for _ in range(ROUNDS):
                _increment()
        except BaseException as exc:
            errors.append(exc)

    def async_writer() -> None:
        async def main() -> None:
            await asyncio.gather(*(_aincrement() for _ in range(ROUNDS)))

        try:
            run_async(main)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=sync_writer) for _ in range(THREADS)]
    threads.append(threading.Thread(target=async_writer))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    total = connections["default"].execute("SELECT n FROM counter", fetch="one")
    assert total == ((THREADS + 1) * ROUNDS,)


def test_a_writer_whose_turn_never_comes_gets_database_unavailable(file_db: str) -> None:
    errors: list[BaseException] = []

    def second_writer() -> None:
        try:
            _increment()
        except BaseException as exc:
            errors.append(exc)

    with override_settings(
        DATABASES={
            "default": {**connections["default"].settings_dict, "OPTIONS": {"busy_timeout": 50}}
        }
    ):
        with atomic():  # holds the write turn while the other thread waits
            connections["default"].execute("UPDATE counter SET n = 100", fetch="none")
            thread = threading.Thread(target=second_writer)
            thread.start()
            thread.join()
        assert connections["default"].execute("SELECT n FROM counter", fetch="one") == (100,)
    assert len(errors) == 1 and isinstance(errors[0], DatabaseUnavailable)
    assert str(errors[0]) == (
        "database is locked: database 'default' had no free write turn within 0.05 s. Keep "
        "write transactions short, or raise busy_timeout (ms) in its OPTIONS."
    )
