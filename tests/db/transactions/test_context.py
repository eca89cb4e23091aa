"""Where transactions live: per task, followed into run_sync, shared with test transactions."""

from __future__ import annotations

import asyncio

import pytest

from heron.asgi.threads import run_sync
from heron.db import SynchronousOnlyOperation
from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.testing import (
    begin_test_transaction,
    captured_on_commit_callbacks,
    rollback_test_transaction,
    test_transaction,
)
from heron.db.transaction import atomic, in_atomic_block, on_commit

from ..conftest import Db, run_async


def _insert(backend: DatabaseWrapper, name: str) -> None:
    sql = "INSERT INTO heron_items (name) VALUES (%s)"
    backend.execute(
        sql.replace("%s", "?") if backend.paramstyle == "qmark" else sql, [name], fetch="none"
    )


def _names(backend: DatabaseWrapper) -> list[str]:
    return [r[0] for r in backend.execute("SELECT name FROM heron_items ORDER BY name")]


async def _anames(backend: DatabaseWrapper) -> list[str]:
    rows = await backend.aexecute("SELECT name FROM heron_items ORDER BY name")
    return [r[0] for r in rows]


def test_concurrent_tasks_each_have_their_own_transaction(
    backend: DatabaseWrapper, items: str
) -> None:
    db = Db(backend, True)
    a_inside = asyncio.Event()
    b_checked = asyncio.Event()

    async def task_a() -> None:
        async with atomic():
            await db.execute("INSERT INTO heron_items (name) VALUES (%s)", ["a"], fetch="none")
            a_inside.set()
            await asyncio.wait_for(b_checked.wait(), 5)
            raise RuntimeError("roll a back")

    async def task_b() -> None:
        await a_inside.wait()
        assert not in_atomic_block()  # a's block does not leak into this task
        if backend.vendor != "sqlite":  # a :memory: database has one, busy, connection
            assert await db.names() == []  # a's row is uncommitted, on a's connection
        b_checked.set()
        async with atomic():
            await db.execute("INSERT INTO heron_items (name) VALUES (%s)", ["b"], fetch="none")

    async def main() -> None:
        a_inside.clear()
        results = await asyncio.gather(task_a(), task_b(), return_exceptions=True)
        assert isinstance(results[0], RuntimeError) and results[1] is None
        assert await db.names() == ["b"]

    run_async(main)


def test_run_sync_sees_the_callers_sync_transaction(backend: DatabaseWrapper, items: str) -> None:
    with atomic():
        _insert(backend, "uncommitted")

        async def view() -> tuple[list[str], list[str]]:
            # Both hop to the transaction's connection: run_sync copies this context.
            return await run_sync(_names, backend), await _anames(backend)

        assert run_async(view) == (["uncommitted"], ["uncommitted"])
        assert in_atomic_block()
    assert _names(backend) == ["uncommitted"]


def test_sync_query_inside_async_atomic_is_refused(backend: DatabaseWrapper, items: str) -> None:
    async def main() -> None:
        async with atomic():
            with pytest.raises(SynchronousOnlyOperation, match=r"await connection\.aexecute"):
                await run_sync(_names, backend)
            with pytest.raises(SynchronousOnlyOperation):
                backend.cursor().execute("SELECT 1")
            with pytest.raises(SynchronousOnlyOperation), atomic():
                pass

    run_async(main)


def test_test_transaction_is_seen_by_async_code_and_rolled_back(
    backend: DatabaseWrapper, items: str
) -> None:
    begin_test_transaction()
    try:
        _insert(backend, "row")
        assert run_async(lambda: _anames(backend)) == ["row"]

        async def nested() -> None:
            async with atomic(durable=True):  # durable looks through test transactions
                await backend.aexecute(_q(backend), ["nested"], fetch="none")
                on_commit(lambda: None)

        run_async(nested)
        assert _names(backend) == ["nested", "row"]
        assert len(captured_on_commit_callbacks()) == 1
        with test_transaction():  # a savepoint inside the outer test transaction
            _insert(backend, "inner")
        assert _names(backend) == ["nested", "row"]
    finally:
        rollback_test_transaction()
    assert _names(backend) == []
    assert captured_on_commit_callbacks() == []


def _q(backend: DatabaseWrapper) -> str:
    sql = "INSERT INTO heron_items (name) VALUES (%s)"
    return sql.replace("%s", "?") if backend.paramstyle == "qmark" else sql
