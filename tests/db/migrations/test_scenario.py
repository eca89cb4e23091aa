"""The long evolution scenario: forwards step by step, then all the way back, on each backend,
with the rows checked after every migration."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from heron.db import IntegrityError
from heron.db.backends.base.wrapper import DatabaseWrapper

from .conftest import columns, foreign_keys, indexes, migrate, rows, tables

STEPS = [
    "0001_initial",
    "0002_book_subtitle",
    "0003_book_rating",
    "0004_rename_title",
    "0005_wider_types",
    "0006_subtitle_required",
    "0007_unique_and_index",
    "0008_drop_unique_and_index",
    "0009_relations",
    "0010_rename_author",
    "0011_split_name",
    "0012_delete_note",
]


def books(db: DatabaseWrapper, step: int) -> list[tuple[Any, ...]]:
    title = "name" if step >= 4 else "title"
    cols = ["id", title, "pages"]
    if step >= 2:
        cols.append("subtitle")
    if step >= 3:
        cols.append("rating")
    if step >= 9:
        cols.append("author_id")
    return rows(db, f"SELECT {', '.join(cols)} FROM shop_book ORDER BY id")


def expected_books(step: int, forwards: bool) -> list[tuple[Any, ...]]:
    result: list[tuple[Any, ...]] = [(1, "Notes", 10), (2, "Machines", 20)]
    if step >= 2:
        # 0006 fills the subtitles; unapplying it keeps them (its reverse is a no-op).
        filled = step >= 6 or not forwards
        subtitles = ["About Notes", "About Machines"] if filled else [None, None]
        result = [(*row, subtitle) for row, subtitle in zip(result, subtitles, strict=True)]
    if step >= 3:
        result = [(*row, 3) for row in result]
    if step >= 9:
        result = [(*result[0], 1), (*result[1], None)]
    return result


def check_step(db: DatabaseWrapper, step: int, forwards: bool) -> None:
    assert books(db, step) == expected_books(step, forwards)
    author = "shop_writer" if step >= 10 else "shop_author"
    if step >= 11:
        assert rows(db, f"SELECT id, first_name, last_name FROM {author} ORDER BY id") == [
            (1, "Ada", "Lovelace"),
            (2, "Alan", "Turing"),
        ]
    else:
        assert rows(db, f"SELECT id, name FROM {author} ORDER BY id") == [
            (1, "Ada Lovelace"),
            (2, "Alan Turing"),
        ]
    if step >= 12:
        assert "shop_note" not in tables(db)
    else:
        # Unapplying 0012 recreates the table; the deleted rows cannot come back.
        expected = [(1, "hello")] if forwards else []
        assert rows(db, "SELECT id, text FROM shop_note") == expected
    if step >= 9:
        join = f"{author}_favourites"
        key = "writer_id" if step >= 10 else "author_id"
        assert columns(db, join) == ["id", key, "book_id"]
        assert rows(db, f"SELECT id, {key}, book_id FROM {join} ORDER BY id") == [
            (1, 1, 1),
            (2, 1, 2),
        ]
        # Table rebuilds (SQLite) and renames keep the foreign keys and their indexes.
        assert foreign_keys(db, "shop_book") == {("author_id", author)}
        assert "shop_book_author_id_idx" in indexes(db, "shop_book")
        assert foreign_keys(db, join) == {(key, author), ("book_id", "shop_book")}
    else:
        assert not any(name.endswith("_favourites") for name in tables(db))
    if step in (7,):
        assert "shop_book_rating_idx" in indexes(db, "shop_book")
        with pytest.raises(IntegrityError):
            db.execute(
                db_sql(
                    db,
                    "INSERT INTO shop_book (name, pages, subtitle, rating) "
                    "VALUES ('Notes', 1, 'x', 1)",
                ),
                None,
                fetch="none",
            )
    else:
        assert "shop_book_rating_idx" not in indexes(db, "shop_book")
    if step in (5, 6):
        assert "name" in columns(db, "shop_book")


def db_sql(db: DatabaseWrapper, sql: str) -> str:
    return sql


def test_evolution_forwards_and_back(db: DatabaseWrapper, install: Callable[..., None]) -> None:
    install("shop")
    assert migrate(db, ("shop", "0001_initial")) == ["apply shop.0001_initial"]
    db.execute(
        "INSERT INTO shop_author (name) VALUES ('Ada Lovelace'), ('Alan Turing')",
        None,
        fetch="none",
    )
    db.execute(
        "INSERT INTO shop_book (title, pages) VALUES ('Notes', 10), ('Machines', 20)",
        None,
        fetch="none",
    )
    db.execute("INSERT INTO shop_note (text) VALUES ('hello')", None, fetch="none")
    check_step(db, 1, forwards=True)
    for step, name in enumerate(STEPS[1:], start=2):
        assert migrate(db, ("shop", name)) == [f"apply shop.{name}"]
        check_step(db, step, forwards=True)
    for step in range(len(STEPS) - 1, 0, -1):
        assert migrate(db, ("shop", STEPS[step - 1])) == [f"unapply shop.{STEPS[step]}"]
        check_step(db, step, forwards=False)
    assert migrate(db, ("shop", None)) == ["unapply shop.0001_initial"]
    assert tables(db) == {"heron_migrations"}
    assert rows(db, "SELECT app, name FROM heron_migrations") == []
