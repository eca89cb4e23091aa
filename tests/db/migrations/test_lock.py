"""Two ``migrate`` runs at once: the migration lock makes the second wait, then find nothing.

The lock is held across connections, so SQLite runs here on a database file (an in-memory
database has one connection and nothing to lock).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from heron.apps import apps
from heron.conf import settings
from heron.db import connections
from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.migrations import MigrationLockTimeout
from heron.db.migrations.executor import MigrationExecutor
from heron.db.migrations.lock import MigrationLock
from tests.db.conftest import _available, _test_settings

from .conftest import drop_all_tables, rows

EVERY_MIGRATION = 19  # shop (12) and lib (7)


@pytest.fixture(params=_available())
def shared_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DatabaseWrapper]:
    """The default alias on one backend (SQLite: a file), with the test apps shop and lib."""
    if request.param == "sqlite":
        database: dict[str, Any] = {
            "ENGINE": "sqlite",
            "NAME": str(tmp_path / "db.sqlite3"),
            "OPTIONS": {},
        }
    else:
        database = _test_settings(request.param)
    saved_settings = settings._wrapped
    saved_apps = (apps.app_configs, apps.ready)
    settings.configure(DEBUG=True, SECRET_KEY="test", DATABASES={"default": database})
    apps.reset()
    apps.populate(["tests.db.migrations.apps.shop", "tests.db.migrations.apps.lib"])
    wrapper = connections["default"]
    drop_all_tables(wrapper)
    try:
        yield wrapper
    finally:
        try:
            drop_all_tables(connections["default"])
        finally:
            connections.close_all()
            settings._install(saved_settings)
            apps.app_configs, apps.ready = saved_apps


def applied(wrapper: DatabaseWrapper) -> list[tuple[str, str]]:
    return [
        (str(app), str(name))
        for app, name in rows(wrapper, "SELECT app, name FROM heron_migrations ORDER BY id")
    ]


def run_migrate(wrapper: DatabaseWrapper, on_wait: Callable[[], None] | None = None) -> int:
    """What ``heron migrate`` does: lock, plan under the lock, apply. Returns the plan size."""
    executor = MigrationExecutor(wrapper)
    with executor.lock(notice_after=0, on_wait=on_wait):
        plan = executor.migration_plan(executor.leaf_targets())
        executor.migrate(plan=plan)
    return len(plan)


def test_second_migrate_waits_for_the_first_then_finds_nothing(
    shared_db: DatabaseWrapper,
) -> None:
    waiting = threading.Event()
    second: dict[str, Any] = {}

    def second_run() -> None:
        try:
            second["planned"] = run_migrate(shared_db, on_wait=waiting.set)
        except BaseException as exc:  # reported by the main thread
            second["error"] = exc
            waiting.set()

    with MigrationLock(shared_db):  # the first run holds the lock...
        thread = threading.Thread(target=second_run)
        thread.start()
        assert waiting.wait(timeout=60), "the second run never reported waiting"
        assert "error" not in second, second
        # ...and applies everything while the second one waits.
        executor = MigrationExecutor(shared_db)
        plan = executor.migration_plan(executor.leaf_targets())
        assert len(plan) == EVERY_MIGRATION
        executor.migrate(plan=plan)
    thread.join(timeout=60)
    assert not thread.is_alive()
    assert "error" not in second, second
    assert second["planned"] == 0
    history = applied(shared_db)
    assert len(history) == len(set(history)) == EVERY_MIGRATION


def test_two_runs_racing_apply_each_migration_once(shared_db: DatabaseWrapper) -> None:
    start = threading.Barrier(2)
    results: list[Any] = []

    def worker() -> None:
        start.wait(timeout=60)
        try:
            results.append(run_migrate(shared_db))
        except BaseException as exc:
            results.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(results) == [0, EVERY_MIGRATION], results
    history = applied(shared_db)
    assert len(history) == len(set(history)) == EVERY_MIGRATION


def test_lock_timeout_gives_up_with_a_clear_message(shared_db: DatabaseWrapper) -> None:
    notices: list[str] = []
    with MigrationLock(shared_db):
        second = MigrationLock(shared_db, timeout=0, on_wait=lambda: notices.append("wait"))
        with pytest.raises(MigrationLockTimeout) as info:
            second.acquire()
        assert not second.held
    assert str(info.value) == (
        "Another 'heron migrate' still holds the migration lock of database 'default' after "
        "0 seconds. Wait for it to finish (or stop it), then migrate again."
    )
    assert notices == []  # it gave up before the notice was due
    # Released: the next run takes it at once.
    with MigrationLock(shared_db, timeout=0) as lock:
        assert lock.held


def test_lock_is_released_when_the_migration_fails(shared_db: DatabaseWrapper) -> None:
    executor = MigrationExecutor(shared_db)
    with pytest.raises(RuntimeError, match="boom"), executor.lock():
        raise RuntimeError("boom")
    with MigrationLock(shared_db, timeout=0) as lock:
        assert lock.held


def test_a_lock_that_cannot_be_taken_is_a_migration_error(tmp_path: Path) -> None:
    from heron.db.handler import load_backend
    from heron.db.migrations import MigrationError

    missing = tmp_path / "missing" / "db.sqlite3"
    wrapper = load_backend("sqlite")({"ENGINE": "sqlite", "NAME": str(missing), "OPTIONS": {}})
    with pytest.raises(MigrationError) as info:
        MigrationLock(wrapper).acquire()
    assert str(info.value) == (
        "Cannot take the migration lock of database 'default': unable to open database file"
    )
