"""Fixtures for the migrations tests: a fresh database per test on every backend.

``db`` configures the default alias on one backend (SQLite in memory; PostgreSQL and
MariaDB on the session's test database, emptied before and after each test) with no app
installed; ``install("shop", ...)`` installs test apps from ``tests/db/migrations/apps``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from heron.apps import apps
from heron.conf import settings
from heron.db import connections
from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.migrations.executor import MigrationExecutor
from tests.db.conftest import _available, _drop_test_databases, _test_settings

__all__ = ["_drop_test_databases"]  # the session fixture dropping server test databases


def drop_all_tables(wrapper: DatabaseWrapper) -> None:
    """Drop every table of the test database (server backends keep it between tests)."""
    vendor = wrapper.vendor
    if vendor == "sqlite":
        return  # an in-memory database: gone when its connection closes
    if vendor == "postgresql":
        rows = wrapper.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
        )
        for (name,) in rows:
            wrapper.execute(f'DROP TABLE IF EXISTS "{name}" CASCADE', None, fetch="none")
        return
    rows = wrapper.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
    )
    with wrapper.cursor() as cursor:
        cursor.execute("SET FOREIGN_KEY_CHECKS = 0")
        for (name,) in rows:
            cursor.execute(f"DROP TABLE IF EXISTS `{name}`")
        cursor.execute("SET FOREIGN_KEY_CHECKS = 1")


@pytest.fixture(params=_available())
def db(request: pytest.FixtureRequest) -> Iterator[DatabaseWrapper]:
    database = _test_settings(request.param)
    saved_settings = settings._wrapped
    saved_apps = (apps.app_configs, apps.ready)
    settings.configure(DEBUG=True, SECRET_KEY="test", DATABASES={"default": database})
    apps.reset()
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


@pytest.fixture
def install(db: DatabaseWrapper) -> Callable[..., None]:
    """``install("shop", "lib")``: make those test apps the installed apps."""

    def installer(*names: str) -> None:
        apps.reset()
        apps.populate([f"tests.db.migrations.apps.{name}" for name in names])

    return installer


def migrate(wrapper: DatabaseWrapper, *targets: tuple[str, str | None]) -> list[str]:
    """Run ``migrate`` to ``targets`` (every leaf when none); return the progress events."""
    events: list[str] = []

    def progress(event: str, migration: Any = None, **info: Any) -> None:
        if event.endswith("_success"):
            events.append(f"{event.split('_')[0]} {migration}")

    executor = MigrationExecutor(wrapper, progress)
    executor.migrate(list(targets) if targets else None)
    return events


def rows(wrapper: DatabaseWrapper, sql: str) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in wrapper.execute(sql)]


def tables(wrapper: DatabaseWrapper) -> set[str]:
    vendor = wrapper.vendor
    if vendor == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    elif vendor == "postgresql":
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    else:
        sql = "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
    return {str(name) for (name,) in wrapper.execute(sql)} - {"sqlite_sequence"}


def columns(wrapper: DatabaseWrapper, table: str) -> list[str]:
    if wrapper.vendor == "sqlite":
        return [str(row[1]) for row in wrapper.execute(f'PRAGMA table_info("{table}")')]
    schema = "current_schema()" if wrapper.vendor == "postgresql" else "DATABASE()"
    sql = (
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        f"AND table_schema = {schema} ORDER BY ordinal_position"
    )
    return [str(name) for (name,) in wrapper.execute(sql, [table])]


def indexes(wrapper: DatabaseWrapper, table: str) -> set[str]:
    """Names of the table's indexes (SQLite's automatic ones left out)."""
    if wrapper.vendor == "sqlite":
        found = wrapper.execute(f'PRAGMA index_list("{table}")')
        return {str(row[1]) for row in found if not str(row[1]).startswith("sqlite_")}
    if wrapper.vendor == "postgresql":
        sql = "SELECT indexname FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE %s"
        return {str(name) for (name,) in wrapper.execute(sql, [table, "%_pkey"])}
    sql = (
        "SELECT DISTINCT index_name FROM information_schema.statistics "
        "WHERE table_schema = DATABASE() AND table_name = %s AND index_name <> 'PRIMARY'"
    )
    return {str(name) for (name,) in wrapper.execute(sql, [table])}


def foreign_keys(wrapper: DatabaseWrapper, table: str) -> set[tuple[str, str]]:
    """``(column, referenced table)`` of each foreign key of ``table``."""
    if wrapper.vendor == "sqlite":
        found = wrapper.execute(f'PRAGMA foreign_key_list("{table}")')
        return {(str(row[3]), str(row[2])) for row in found}
    if wrapper.vendor == "postgresql":
        sql = (
            "SELECT kcu.column_name, ccu.table_name FROM information_schema.table_constraints tc "
            "JOIN information_schema.key_column_usage kcu "
            "ON tc.constraint_name = kcu.constraint_name "
            "JOIN information_schema.constraint_column_usage ccu "
            "ON tc.constraint_name = ccu.constraint_name "
            "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_name = %s"
        )
        return {(str(a), str(b)) for a, b in wrapper.execute(sql, [table])}
    sql = (
        "SELECT column_name, referenced_table_name FROM information_schema.key_column_usage "
        "WHERE table_schema = DATABASE() AND table_name = %s "
        "AND referenced_table_name IS NOT NULL"
    )
    return {(str(a), str(b)) for a, b in wrapper.execute(sql, [table])}
