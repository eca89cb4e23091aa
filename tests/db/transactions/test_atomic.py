"""atomic(): commit, rollback, savepoints, set_rollback, on_commit, durable; sync and async."""

from __future__ import annotations

from typing import Any

import pytest

from heron.db import TransactionManagementError, connections
from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.transaction import (
    atomic,
    get_connection,
    get_rollback,
    in_atomic_block,
    on_commit,
    set_rollback,
)

from ..conftest import Db

INSERT = "INSERT INTO heron_items (name) VALUES (%s)"


class Boom(Exception):
    pass


def test_commit_and_rollback(run: Any, items: str) -> None:
    async def body(db: Db) -> None:
        async with db.atomic():
            assert in_atomic_block()
            await db.execute(INSERT, ["kept"], fetch="none")
        assert not in_atomic_block()
        with pytest.raises(Boom):
            async with db.atomic():
                await db.execute(INSERT, ["lost"], fetch="none")
                assert await db.names() == ["kept", "lost"]
                raise Boom
        assert await db.names() == ["kept"]

    run(body)


def test_nested_blocks_are_savepoints(run: Any, items: str) -> None:
    async def body(db: Db) -> None:
        async with db.atomic():
            await db.execute(INSERT, ["outer"], fetch="none")
            with pytest.raises(Boom):
                async with db.atomic():
                    await db.execute(INSERT, ["inner"], fetch="none")
                    raise Boom
            async with db.atomic():
                await db.execute(INSERT, ["second"], fetch="none")
                async with db.atomic():
                    await db.execute(INSERT, ["third"], fetch="none")
            assert await db.names() == ["outer", "second", "third"]
        assert await db.names() == ["outer", "second", "third"]

    run(body)


def test_database_error_rolls_back_to_the_savepoint(run: Any, items: str) -> None:
    from heron.db import IntegrityError

    async def body(db: Db) -> None:
        async with db.atomic():
            await db.execute(INSERT, ["a"], fetch="none")
            with pytest.raises(IntegrityError):
                async with db.atomic():
                    await db.execute(INSERT, ["a"], fetch="none")
            await db.execute(INSERT, ["b"], fetch="none")  # the transaction is still usable
        assert await db.names() == ["a", "b"]

    run(body)


def test_set_rollback(run: Any, items: str) -> None:
    async def body(db: Db) -> None:
        async with db.atomic():
            await db.execute(INSERT, ["a"], fetch="none")
            async with db.atomic():
                await db.execute(INSERT, ["b"], fetch="none")
                set_rollback(True)
                assert get_rollback()
            assert not get_rollback()
        assert await db.names() == ["a"]
        async with db.atomic():
            await db.execute(INSERT, ["c"], fetch="none")
            set_rollback(True)
        assert await db.names() == ["a"]

    run(body)
    with pytest.raises(TransactionManagementError, match="inside an atomic block"):
        set_rollback(True)


def test_savepoint_false_failure_breaks_the_outer_block(run: Any, items: str) -> None:
    async def body(db: Db) -> None:
        async with db.atomic():
            await db.execute(INSERT, ["a"], fetch="none")
            with pytest.raises(Boom):
                async with db.atomic(savepoint=False):
                    raise Boom
            with pytest.raises(TransactionManagementError, match="can only be rolled back"):
                await db.execute("SELECT 1")
        assert await db.names() == []

    run(body)


def test_on_commit(run: Any, items: str) -> None:
    calls: list[str] = []

    async def body(db: Db) -> None:
        on_commit(lambda: calls.append("now"))
        assert calls == ["now"]
        async with db.atomic():
            on_commit(lambda: calls.append("outer"))
            with pytest.raises(Boom):
                async with db.atomic():
                    on_commit(lambda: calls.append("rolled back"))
                    raise Boom
            async with db.atomic():
                on_commit(lambda: calls.append("released"))
            assert calls == ["now"]
        assert calls == ["now", "outer", "released"]
        with pytest.raises(Boom):
            async with db.atomic():
                on_commit(lambda: calls.append("never"))
                raise Boom
        assert calls == ["now", "outer", "released"]

    run(body)


def test_durable_cannot_nest(run: Any, backend: DatabaseWrapper) -> None:
    async def body(db: Db) -> None:
        async with db.atomic(durable=True):
            with pytest.raises(TransactionManagementError, match="durable"):
                async with db.atomic(durable=True):
                    pass

    run(body)


def test_decorators(backend: DatabaseWrapper, items: str) -> None:
    from ..conftest import run_async

    @atomic
    def plain() -> bool:
        return in_atomic_block()

    @atomic(using="other")
    def other() -> tuple[bool, bool]:
        return in_atomic_block("other"), in_atomic_block()

    @atomic
    async def coroutine() -> bool:
        return in_atomic_block()

    @atomic()
    def fails() -> None:
        backend.execute(_native(backend, INSERT), ["x"])
        raise Boom

    assert plain() is True
    assert other() == (True, False)
    assert run_async(coroutine) is True
    with pytest.raises(Boom):
        fails()
    assert backend.execute("SELECT COUNT(*) FROM heron_items", fetch="one") == (0,)
    assert get_connection() is connections["default"]
    assert get_connection("other") is connections["other"]


def _native(backend: DatabaseWrapper, sql: str) -> str:
    return sql.replace("%s", "?") if backend.paramstyle == "qmark" else sql
