"""A migration failing halfway: rolled back entirely where DDL is transactional (PostgreSQL,
SQLite); on MariaDB the error names the failed operation and what stayed applied."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.migrations import IrreversibleError, MigrationFailed

from .conftest import columns, foreign_keys, migrate, rows, tables


def test_failed_migration_rolls_back_or_reports(
    db: DatabaseWrapper, install: Callable[..., None]
) -> None:
    install("broken")
    migrate(db, ("broken", "0001_initial"))
    with pytest.raises(MigrationFailed) as info:
        migrate(db)
    message = str(info.value)
    first = message.partition("\n")[0]
    assert re.match(
        r"Applying broken\.0002_fails_halfway failed at operation 4 of 4 \(Raw SQL operation\): "
        r".*broken_missing_table",
        first,
    ), first
    assert info.value.operation_index == 3
    applied = rows(db, "SELECT app, name FROM heron_migrations ORDER BY id")
    assert applied == [("broken", "0001_initial")]
    if db.vendor == "mysql":
        assert message.endswith(
            "\nMariaDB/MySQL cannot roll back schema changes, so these operations stay applied:\n"
            "  - Add field qty to Item\n"
            "  - Run Python code shout\n"
            "  - Rename field name on Item to title\n"
            "Undo them by hand (or fix the migration so it can run from here) before "
            "migrating again."
        )
        assert columns(db, "broken_item") == ["id", "title", "qty"]
        assert rows(db, "SELECT title, qty FROM broken_item ORDER BY id") == [
            ("APPLE", 1),
            ("PEAR", 1),
        ]
    else:
        assert message.endswith(
            "\nThe migration's transaction was rolled back: nothing was changed."
        )
        # Schema and data exactly as before the migration started.
        assert columns(db, "broken_item") == ["id", "name"]
        assert rows(db, "SELECT name FROM broken_item ORDER BY id") == [("apple",), ("pear",)]


def test_irreversible_operation_stops_before_running(
    db: DatabaseWrapper, install: Callable[..., None]
) -> None:
    install("shop", "lib")
    migrate(db, ("lib", "0002_options_and_table"))
    from heron.db.migrations.executor import MigrationExecutor
    from heron.db.migrations.operations import RunSQL

    executor = MigrationExecutor(db)
    migration = executor.loader.get_migration("lib", "0002_options_and_table")
    migration.operations.append(RunSQL("SELECT 1"))
    with pytest.raises(IrreversibleError) as info:
        executor.migrate([("lib", "0001_initial")])
    assert str(info.value) == (
        "Operation 'Raw SQL operation' in lib.0002_options_and_table is not reversible, so "
        "lib.0002_options_and_table cannot be unapplied."
    )
    assert "library_shelves" in tables(db)


def test_non_atomic_migration_keeps_what_ran(
    db: DatabaseWrapper, install: Callable[..., None]
) -> None:
    install("nonatomic")
    migrate(db, ("nonatomic", "0001_initial"))
    db.execute("INSERT INTO nonatomic_parent (name) VALUES ('a')", None, fetch="none")
    db.execute("INSERT INTO nonatomic_child (parent_id) VALUES (1)", None, fetch="none")
    with pytest.raises(MigrationFailed) as info:
        migrate(db)
    # atomic = False: the table rebuild (SQLite) and the data migration committed.
    assert str(info.value).endswith(
        "\nThe migration is not atomic (atomic = False), so these operations stay applied:\n"
        "  - Alter field name on Parent\n  - Run Python code rename_all\n"
        "Undo them by hand (or fix the migration so it can run from here) before migrating "
        "again."
    )
    assert rows(db, "SELECT id, name FROM nonatomic_parent") == [(1, "a!")]
    assert rows(db, "SELECT id, parent_id FROM nonatomic_child") == [(1, 1)]
    assert foreign_keys(db, "nonatomic_child") == {("parent_id", "nonatomic_parent")}
