"""Every operation forwards and backwards on each backend (the ``lib`` test app), beyond
those the evolution scenario covers."""

from __future__ import annotations

import importlib
from collections.abc import Callable

import pytest

from heron.db import DatabaseError, IntegrityError
from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.test import override_settings

from .conftest import foreign_keys, indexes, migrate, rows, tables


def insert(db: DatabaseWrapper, sql: str) -> None:
    db.execute(sql, None, fetch="none")


def test_every_operation_forwards_then_back(
    db: DatabaseWrapper, install: Callable[..., None]
) -> None:
    install("shop", "lib")
    history = importlib.import_module("tests.db.migrations.apps.lib.migrations.0007_history")
    history.SEEN.clear()
    assert migrate(db, ("lib", "0007_history")) == [
        "apply shop.0001_initial",
        "apply lib.0001_initial",
        "apply lib.0002_options_and_table",
        "apply lib.0003_indexes_and_constraints",
        "apply lib.0004_sql",
        "apply lib.0005_adopt_legacy",
        "apply lib.0006_alter_and_rename",
        "apply lib.0007_history",
    ]
    # AlterModelTable moved the table; RenameModel kept the explicit table name.
    assert {"library_shelves", "lib_loan", "lib_legacy"} <= tables(db)
    assert "lib_shelf" not in tables(db) and "lib_rack" not in tables(db)
    # RunPython saw the historical model of that point of the history.
    assert history.SEEN == [("forwards", ["id", "label", "position", "parent", "library_shelves"])]
    assert rows(db, "SELECT id, code FROM lib_legacy") == [(1, "old")]
    # RunSQL ran both statements (the second with parameters).
    assert rows(db, "SELECT label, position FROM library_shelves") == [("Z", 7)]
    # AddIndex + RenameIndex; AlterField(db_index=True); foreign key indexes.
    assert "shelf_label_ix" in indexes(db, "library_shelves")
    assert "shelf_label_idx" not in indexes(db, "library_shelves")
    assert "lib_loan_note_idx" in indexes(db, "lib_loan")
    assert foreign_keys(db, "library_shelves") == {("parent_id", "library_shelves")}
    assert foreign_keys(db, "lib_loan") == {
        ("book_id", "shop_book"),
        ("shelf_id", "library_shelves"),
    }
    # AddConstraint(CheckConstraint), AlterField(unique=True), AlterUniqueTogether.
    # (MariaDB reports a failed CHECK as error 4025, an OperationalError.)
    with pytest.raises(DatabaseError, match=r"shelf_position_lt_1000|CHECK"):
        insert(db, "INSERT INTO library_shelves (label, position) VALUES ('Y', 2000)")
    with pytest.raises(IntegrityError):
        insert(db, "INSERT INTO library_shelves (label, position) VALUES ('Z', 1)")
    insert(db, "INSERT INTO shop_book (title, pages) VALUES ('Notes', 10)")
    insert(db, "INSERT INTO lib_loan (book_id, shelf_id, note) VALUES (1, 1, NULL)")
    with pytest.raises(IntegrityError):
        insert(db, "INSERT INTO lib_loan (book_id, shelf_id, note) VALUES (1, 1, 'again')")
    insert(db, "DELETE FROM lib_loan")

    # Backwards, one migration at a time.
    assert migrate(db, ("lib", "0006_alter_and_rename")) == ["unapply lib.0007_history"]
    assert history.SEEN[-1] == ("backwards", ["Z", "1"])
    assert migrate(db, ("lib", "0005_adopt_legacy")) == ["unapply lib.0006_alter_and_rename"]
    assert "lib_loan_note_idx" not in indexes(db, "lib_loan")
    insert(db, "INSERT INTO library_shelves (label, position) VALUES ('Z', 1)")
    insert(db, "DELETE FROM library_shelves WHERE position = 1")
    assert migrate(db, ("lib", "0004_sql")) == ["unapply lib.0005_adopt_legacy"]
    assert "lib_legacy" not in tables(db)
    assert migrate(db, ("lib", "0003_indexes_and_constraints")) == ["unapply lib.0004_sql"]
    assert rows(db, "SELECT label FROM library_shelves") == []
    assert migrate(db, ("lib", "0002_options_and_table")) == [
        "unapply lib.0003_indexes_and_constraints"
    ]
    assert indexes(db, "library_shelves") == {"library_shelves_parent_id_idx"}
    insert(db, "INSERT INTO library_shelves (label, position) VALUES ('Y', 2000)")
    assert migrate(db, ("lib", "0001_initial")) == ["unapply lib.0002_options_and_table"]
    assert "library_shelves" not in tables(db)
    assert rows(db, "SELECT label, position FROM lib_shelf") == [("Y", 2000)]
    assert indexes(db, "lib_shelf") == {"lib_shelf_parent_id_idx"}
    assert foreign_keys(db, "lib_loan") == {("book_id", "shop_book"), ("shelf_id", "lib_shelf")}
    assert migrate(db, ("lib", None)) == ["unapply lib.0001_initial"]
    assert tables(db) == {"heron_migrations", "shop_author", "shop_book", "shop_note"}


class ShopOnly:
    """A router keeping every app but ``shop`` off the default database."""

    def allow_migrate(self, db: str, app_label: str, **hints: object) -> bool:
        return app_label == "shop"


def test_routers_decide_which_tables_a_database_gets(
    db: DatabaseWrapper, install: Callable[..., None]
) -> None:
    install("shop", "lib")
    with override_settings(DATABASE_ROUTERS=[ShopOnly()]):
        migrate(db, ("lib", "0005_adopt_legacy"))
    assert tables(db) == {"heron_migrations", "shop_author", "shop_book", "shop_note"}
    # The migrations are recorded as applied all the same.
    assert len(rows(db, "SELECT name FROM heron_migrations WHERE app = 'lib'")) == 5
