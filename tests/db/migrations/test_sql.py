"""The SQL a migration runs, per database (what ``sqlmigrate`` prints)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from heron.db import IntegrityError
from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.migrations.executor import MigrationExecutor

from .conftest import columns, foreign_keys, indexes, migrate, rows

SQLITE_REBUILD = (
    "CREATE TABLE _alembic_tmp_shop_book (\n"
    "    id INTEGER NOT NULL, \n"
    "    name VARCHAR(200) NOT NULL, \n"
    "    pages {pages} NOT NULL, \n"
    "    subtitle VARCHAR(100), \n"
    "    rating INTEGER NOT NULL, \n"
    "    PRIMARY KEY (id)\n"
    ");",
    "INSERT INTO _alembic_tmp_shop_book (id, name, pages, subtitle, rating) SELECT "
    "shop_book.id, shop_book.name, shop_book.pages, shop_book.subtitle, shop_book.rating "
    "\nFROM shop_book;",
    "DROP TABLE shop_book;",
    "ALTER TABLE _alembic_tmp_shop_book RENAME TO shop_book;",
)

EXPECTED = {
    "sqlite": [
        "-- Alter field name on Book",
        SQLITE_REBUILD[0].format(pages="INTEGER"),
        *SQLITE_REBUILD[1:],
        "-- Alter field pages on Book",
        SQLITE_REBUILD[0].format(pages="BIGINT"),
        *SQLITE_REBUILD[1:],
    ],
    "postgresql": [
        "-- Alter field name on Book",
        "ALTER TABLE shop_book ALTER COLUMN name TYPE VARCHAR(200);",
        "-- Alter field pages on Book",
        "ALTER TABLE shop_book ALTER COLUMN pages TYPE BIGINT;",
    ],
    "mysql": [
        "-- Alter field name on Book",
        "ALTER TABLE shop_book MODIFY name VARCHAR(200) NOT NULL;",
        "-- Alter field pages on Book",
        "ALTER TABLE shop_book MODIFY pages BIGINT NOT NULL;",
    ],
}


def test_sql_of_a_type_change(db: DatabaseWrapper, install: Callable[..., None]) -> None:
    install("shop")
    executor = MigrationExecutor(db)
    migration = executor.loader.get_migration("shop", "0005_wider_types")
    assert executor.collect_sql([(migration, False)]) == EXPECTED[db.vendor]
    # Nothing ran: not even the bookkeeping table exists.
    assert executor.loader.applied_migrations == {}


def test_sql_of_renaming_a_column_backwards(
    db: DatabaseWrapper, install: Callable[..., None]
) -> None:
    install("shop")
    executor = MigrationExecutor(db)
    migration = executor.loader.get_migration("shop", "0004_rename_title")
    statements = executor.collect_sql([(migration, True)])
    assert statements[0] == "-- Undo Rename field title on Book to name"
    if db.vendor == "postgresql":
        assert statements[1:] == ["ALTER TABLE shop_book RENAME name TO title;"]
    elif db.vendor == "mysql":
        assert statements[1:] == ["ALTER TABLE shop_book CHANGE name title VARCHAR(50) NOT NULL;"]
    else:  # a pure rename: no table rebuild
        assert statements[1:] == ["ALTER TABLE shop_book RENAME COLUMN name TO title;"]


RENAME_SQL = {
    "0002_rename_label": [
        "-- Rename field label on Tag to title",
        # The index named after the column is named again; the explicit one just follows.
        "DROP INDEX renames_tag_label_idx;",
        "ALTER TABLE renames_tag RENAME COLUMN label TO title;",
        "CREATE INDEX renames_tag_title_idx ON renames_tag (title);",
        "-- Rename field weight on Tag to rank",
        "ALTER TABLE renames_tag RENAME COLUMN weight TO rank;",
        "-- Rename field tag on Pin to topic",
        "DROP INDEX renames_pin_tag_id_idx;",
        "ALTER TABLE renames_pin RENAME COLUMN tag_id TO topic_id;",
        "CREATE INDEX renames_pin_topic_id_idx ON renames_pin (topic_id);",
    ],
    "0003_code_column": [
        "-- Alter field code on Tag",
        "ALTER TABLE renames_tag RENAME COLUMN code TO tag_code;",
    ],
}


def test_sqlite_renames_columns_in_place(db: DatabaseWrapper, install: Callable[..., None]) -> None:
    install("renames")
    executor = MigrationExecutor(db)
    loader = executor.loader
    if db.vendor != "sqlite":
        return  # the in-place ALTERs of the other databases are pinned above
    for name, expected in RENAME_SQL.items():
        migration = loader.get_migration("renames", name)
        assert executor.collect_sql([(migration, False)]) == expected
    back = executor.collect_sql([(loader.get_migration("renames", "0003_code_column"), True)])
    assert back == [
        "-- Undo Alter field code on Tag",
        "ALTER TABLE renames_tag RENAME COLUMN tag_code TO code;",
    ]
    # Renaming *and* changing the type still rebuilds the table.
    widen = executor.collect_sql(
        [(loader.get_migration("renames", "0004_rename_and_widen"), False)]
    )
    assert widen[1].startswith("CREATE TABLE _alembic_tmp_renames_tag (")
    assert widen[-1] == "CREATE INDEX renames_tag_heading_idx ON renames_tag (heading);"


def test_renamed_columns_keep_data_indexes_and_keys(
    db: DatabaseWrapper, install: Callable[..., None]
) -> None:
    install("renames")
    migrate(db, ("renames", "0001_initial"))
    db.execute(
        "INSERT INTO renames_tag (label, code, weight) VALUES ('News', 'n', 3)", None, fetch="none"
    )
    db.execute("INSERT INTO renames_pin (tag_id) VALUES (1)", None, fetch="none")
    migrate(db, ("renames", "0003_code_column"))
    assert columns(db, "renames_tag") == ["id", "title", "tag_code", "rank"]
    assert rows(db, "SELECT id, title, tag_code, rank FROM renames_tag") == [(1, "News", "n", 3)]
    assert indexes(db, "renames_tag") >= {"renames_tag_title_idx", "renames_tag_weight_ix"}
    assert foreign_keys(db, "renames_pin") == {("topic_id", "renames_tag")}
    assert rows(db, "SELECT topic_id FROM renames_pin") == [(1,)]
    with pytest.raises(IntegrityError):  # the unique constraint followed the column
        db.execute(
            "INSERT INTO renames_tag (title, tag_code, rank) VALUES ('x', 'n', 0)",
            None,
            fetch="none",
        )
    with pytest.raises(IntegrityError):  # and the foreign key still holds
        db.execute("INSERT INTO renames_pin (topic_id) VALUES (99)", None, fetch="none")

    migrate(db, ("renames", "0001_initial"))
    assert columns(db, "renames_tag") == ["id", "label", "code", "weight"]
    assert rows(db, "SELECT id, label, code, weight FROM renames_tag") == [(1, "News", "n", 3)]
    assert indexes(db, "renames_tag") >= {"renames_tag_label_idx", "renames_tag_weight_ix"}
    assert "renames_tag_title_idx" not in indexes(db, "renames_tag")
    assert foreign_keys(db, "renames_pin") == {("tag_id", "renames_tag")}
