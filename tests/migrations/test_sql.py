"""The SQL a migration runs, per database (what ``sqlmigrate`` prints)."""

from __future__ import annotations

from collections.abc import Callable

from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.migrations.executor import MigrationExecutor

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
    else:
        assert statements[-1] == "ALTER TABLE _alembic_tmp_shop_book RENAME TO shop_book;"
        assert statements[2].startswith(
            "INSERT INTO _alembic_tmp_shop_book (id, title, pages, subtitle, rating) SELECT "
            "shop_book.id, shop_book.name,"
        )
