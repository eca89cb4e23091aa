"""The execution API (execute/aexecute, executemany, cursor) on every backend."""

from __future__ import annotations

from typing import Any

import pytest

from heron.db import (
    DatabaseError,
    IntegrityError,
    ProgrammingError,
    connection,
    connections,
)
from heron.db.backends.base.cursor import format_to_qmark
from heron.db.backends.base.wrapper import DatabaseWrapper

from ..conftest import Db


def test_cursor_takes_format_placeholders_everywhere(backend: DatabaseWrapper, items: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO heron_items (name, n) VALUES (%s, %s)", ["a", 1])
        assert cursor.rowcount == 1
        cursor.executemany(
            "INSERT INTO heron_items (name, n) VALUES (%s, %s)", [("b%", 2), ("c", 3)]
        )
        cursor.execute("SELECT name, n FROM heron_items WHERE name LIKE %s ORDER BY n", ["b%%"])
        assert cursor.fetchall() == [("b%", 2)]
        cursor.execute("SELECT name FROM heron_items WHERE name = %s", ["zzz"])
        assert cursor.fetchone() is None
        cursor.execute("SELECT name, n FROM heron_items ORDER BY n")
        assert [d[0] for d in cursor.description] == ["name", "n"]
        assert cursor.fetchone() == ("a", 1)
        assert cursor.fetchmany(5) == [("b%", 2), ("c", 3)]
        # Without parameters the SQL goes out as written: one % is one %.
        cursor.execute("SELECT COUNT(*) FROM heron_items WHERE name LIKE 'b%'")
        assert cursor.fetchone() == (1,)
    assert cursor.closed


def test_format_to_qmark() -> None:
    assert format_to_qmark("a = %s AND b LIKE 'x%%'") == "a = ? AND b LIKE 'x%'"
    assert format_to_qmark("no placeholders") == "no placeholders"


def test_paramstyle_and_dialect_agree(backend: DatabaseWrapper) -> None:
    expected = {"sqlite": "qmark", "postgresql": "format", "mysql": "format"}[backend.vendor]
    assert backend.paramstyle == expected
    assert backend.dialect.paramstyle == expected
    assert backend.dialect is backend.dialect
    assert backend.ops.quote_name("order") in ('"order"', "`order`")


def test_execute_fetch_modes_and_build(run: Any, items: str) -> None:
    async def body(db: Db) -> None:
        inserted = await db.executemany(
            "INSERT INTO heron_items (name, n) VALUES (%s, %s)", [("a", 1), ("b", 2), ("c", 3)]
        )
        assert inserted == 3
        rows = await db.execute("SELECT name, n FROM heron_items ORDER BY n")
        assert rows == [("a", 1), ("b", 2), ("c", 3)]
        total = await db.execute(
            "SELECT n FROM heron_items", build=lambda rows: sum(r[0] for r in rows)
        )
        assert total == 6
        one = await db.execute("SELECT name FROM heron_items WHERE n = %s", [2], fetch="one")
        assert one == ("b",)
        built = await db.execute(
            "SELECT name FROM heron_items WHERE n = %s", [9], fetch="one", build=lambda r: r
        )
        assert built == []
        count = await db.execute("UPDATE heron_items SET n = n + 1", fetch="rowcount")
        assert count == 3
        assert await db.execute("DELETE FROM heron_items WHERE n = 4", fetch="none") is None

    run(body)


def test_new_ids(run: Any, items: str) -> None:
    async def body(db: Db) -> None:
        features = db.wrapper.features
        if features.has_lastrowid:
            first = await db.execute(
                "INSERT INTO heron_items (name) VALUES (%s)", ["x"], fetch="lastrowid"
            )
            assert isinstance(first, int) and first > 0
        if features.can_return_rows_from_insert:
            rows = await db.execute(
                "INSERT INTO heron_items (name) VALUES (%s) RETURNING id", ["y"], fetch="returning"
            )
            assert len(rows) == 1 and isinstance(rows[0][0], int)

    run(body)


def test_integrity_error_is_translated(run: Any, items: str) -> None:
    async def body(db: Db) -> None:
        await db.execute("INSERT INTO heron_items (name) VALUES (%s)", ["dup"], fetch="none")
        with pytest.raises(IntegrityError) as info:
            await db.execute("INSERT INTO heron_items (name) VALUES (%s)", ["dup"], fetch="none")
        driver = type(info.value.__cause__)
        assert driver.__module__.split(".")[0] in ("sqlite3", "psycopg", "pymysql", "asyncmy")
        assert await db.names() == ["dup"]  # the pool's connection is still fine

    run(body)


def test_bad_sql_is_a_database_error(run: Any, backend: DatabaseWrapper) -> None:
    async def body(db: Db) -> None:
        with pytest.raises(DatabaseError):
            await db.execute("SELECT * FROM heron_no_such_table")
        with pytest.raises(ProgrammingError):
            await db.execute("SELEKT 1")

    run(body)


def test_unknown_fetch_mode(backend: DatabaseWrapper) -> None:
    with pytest.raises(ValueError, match="fetch='many'"):
        backend.execute("SELECT 1", fetch="many")  # type: ignore[call-overload]


def test_unknown_alias_names_the_configured_ones(backend: DatabaseWrapper) -> None:
    from heron.db import ConnectionDoesNotExist

    with pytest.raises(ConnectionDoesNotExist) as info:
        connections["replica"]
    assert str(info.value) == (
        "The database alias 'replica' is not in DATABASES (configured: 'default', 'other')."
    )


def test_connection_proxy_and_rebuild_on_settings_change(backend: DatabaseWrapper) -> None:
    from heron.conf import override_settings

    assert connection.vendor == backend.vendor
    assert connection == backend
    with override_settings(DATABASES={"default": {"ENGINE": "sqlite", "NAME": ":memory:"}}):
        assert connections["default"] is not backend
        assert connection.vendor == "sqlite"
    assert connections["default"].settings_dict["NAME"] == backend.settings_dict["NAME"]


def test_dbshell_argv(backend: DatabaseWrapper) -> None:
    args, env = backend.client.args_and_env(["-c", "x"])
    name = str(backend.settings_dict["NAME"])
    assert args[-3:] == [name, "-c", "x"]
    assert args[0] in {"sqlite3", "psql", "mariadb", "mysql"}
    assert all(isinstance(v, str) for v in env.values())
