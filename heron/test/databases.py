"""Throwaway test databases and the per-test transactions around them.

The first test that needs a database creates one for every alias in ``DATABASES``
(``test_<NAME>`` on PostgreSQL and MariaDB, in memory on SQLite); they are dropped when the
test run ends. Each test then runs inside a transaction that is rolled back at its end, on
every backend, so tests are fast and isolated; the in-process clients run the application in
the test's context, so sync and async views see the test's rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from heron.apps import apps
from heron.conf import settings
from heron.db import connections
from heron.db.migrations.executor import MigrationExecutor
from heron.db.models.registry import get_models
from heron.db.models.schema import create_tables, flush_tables
from heron.db.testing import begin_test_transaction, rollback_test_transaction

__all__ = [
    "database_transactions",
    "flush_databases",
    "on_test_databases_created",
    "setup_test_databases",
    "teardown_test_databases",
]

_created: list[str] = []
_setup_done = False
# Called with the alias after each test database is created (the ORM builds its schema here).
_created_hooks: list[Callable[[str], None]] = []


def on_test_databases_created(hook: Callable[[str], None]) -> Callable[[str], None]:
    """Register ``hook(alias)``, run once per test database right after it is created."""
    _created_hooks.append(hook)
    return hook


def _create_model_tables(alias: str) -> None:
    """Build the new test database's schema: apps with migrations get it by running them
    (once per test run), the other models' tables are created from the models directly."""
    migrated = _run_migrations(alias)
    if not migrated:
        create_tables(alias)
        return
    others = [
        model
        for model in get_models(include_auto_created=True)
        if model._meta.app_label not in migrated
    ]
    create_tables(alias, others)


def _run_migrations(alias: str) -> set[str]:
    """Apply every migration on ``alias``; return the labels of the apps that have them."""
    if not apps.ready:
        return set()

    executor = MigrationExecutor(connections[alias])
    if executor.loader.migrated_apps:
        executor.migrate()
    return set(executor.loader.migrated_apps)


on_test_databases_created(_create_model_tables)


def _aliases() -> list[str]:
    if not settings.configured:
        return []
    return list(getattr(settings, "DATABASES", {}) or {})


def setup_test_databases() -> list[str]:
    """Create the test databases (once per test run); return the aliases."""
    global _setup_done
    aliases = _aliases()
    if _setup_done:
        return aliases

    for alias in aliases:
        connections[alias].creation.create_test_db()
        _created.append(alias)
        for hook in _created_hooks:
            hook(alias)
    _setup_done = True
    return aliases


def teardown_test_databases() -> None:
    """Drop the test databases created by ``setup_test_databases`` and close connections."""
    global _setup_done
    if not _created:
        _setup_done = False
        return

    for alias in _created:
        try:
            connections[alias].creation.destroy_test_db()
        except KeyError:  # the alias is gone from DATABASES since; nothing to drop
            pass
    _created.clear()
    connections.close_all()
    _setup_done = False


@contextmanager
def database_transactions(aliases: list[str] | None = None) -> Iterator[None]:
    """Run the block inside a test transaction on each alias, rolled back afterwards."""
    chosen = setup_test_databases() if aliases is None else aliases
    opened: list[str] = []
    try:
        for alias in chosen:
            begin_test_transaction(alias)
            opened.append(alias)
        yield
    finally:
        for alias in reversed(opened):
            rollback_test_transaction(alias)


def flush_databases(aliases: list[str] | None = None) -> None:
    """Empty every registered model's table on each alias (``TransactionTestCase``)."""
    for alias in setup_test_databases() if aliases is None else aliases:
        flush_tables(alias)
