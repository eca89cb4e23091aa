"""Query counting (CaptureQueries, assertNumQueries, the assert_num_queries fixture) and
TransactionTestCase / transactional_db, on every backend."""

from __future__ import annotations

import asyncio
import unittest
from collections.abc import Callable
from typing import Any

import pytest

from heron.db import connection, connections
from heron.db.instrumentation import execution_listener, get_listeners
from heron.db.transaction import atomic, on_commit
from heron.test import (
    CaptureQueries,
    Client,
    TestCase,
    TransactionTestCase,
    assert_num_queries,
)
from heron.test.client import run_in_loop
from heron.test.databases import database_transactions
from tests.db.queries.models import Choice, Question, dt

WHEN = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _insert(name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO notes (name) VALUES (%s)", [name])


def _note_count() -> int:
    return int(connection.execute("SELECT COUNT(*) FROM notes", None)[0][0])


def test_no_listener_outside_the_block(project: str) -> None:
    heard: list[tuple[str, str, Any]] = []
    with database_transactions():
        with execution_listener(lambda *args: heard.append(args)):
            assert get_listeners()
            connection.execute("SELECT 1", None)
        assert get_listeners() == ()
        connection.execute("SELECT 2", None)
    assert [sql for _, sql, _ in heard] == ["SELECT 1"]


def test_capture_counts_orm_raw_async_and_view_queries(project: str) -> None:
    with database_transactions():
        with CaptureQueries() as queries:
            Question.objects.create(question_text="q", pub_date=WHEN)  # 1 (or 2: id fetch)
            inserts = len(queries)
            assert Question.objects.count() == 1
            _insert("alpha")
            assert run_in_loop(lambda: Question.objects.acount()) == 1
            assert Client().get("/names/").json() == {"names": ["alpha"]}  # a sync view
        assert len(queries) == inserts + 4
        assert all(q.alias == "default" for q in queries)
        assert any("COUNT" in sql.upper() for sql in queries.sql)
        assert queries[-1].sql == "SELECT name FROM notes ORDER BY name"
        assert ("alpha",) in [tuple(q.params or ()) for q in queries]


def test_capture_ignores_control_statements_and_other_aliases(project: str) -> None:
    with database_transactions():
        with CaptureQueries() as queries, CaptureQueries(using="nope") as none, atomic():
            _insert("a")
            with atomic():
                _insert("b")
        assert len(queries) == 2
        assert len(none) == 0
        with CaptureQueries(using=None) as every:
            _note_count()
        assert len(every) == 1


def test_async_capture_sees_tasks_it_starts(project: str) -> None:
    async def body() -> int:
        with CaptureQueries() as queries:
            await asyncio.gather(Question.objects.acount(), Question.objects.aexists())
        return len(queries)

    with database_transactions():
        assert run_in_loop(body) == 2


def test_assert_num_queries_passes_and_fails_with_the_sql(project: str) -> None:
    with database_transactions():
        with assert_num_queries(1):
            _insert("x")
        with pytest.raises(AssertionError) as info, assert_num_queries(1):
            _insert("y")
            _note_count()
        message = str(info.value)
        assert "2 queries executed on database 'default', 1 expected" in message
        assert "1. [default] INSERT INTO notes (name) VALUES (%s)" in message
        assert "2. [default] SELECT COUNT(*) FROM notes" in message
        with pytest.raises(AssertionError, match=r"\(no queries\)"), assert_num_queries(1):
            pass


def test_assert_num_queries_fixture(
    project: str, db: None, assert_num_queries: Callable[..., Any]
) -> None:
    with assert_num_queries(0):
        pass
    with assert_num_queries(2, using=None) as queries:
        _insert("z")
        _note_count()
    assert queries.sql[0].startswith("INSERT")


class CountingTests(TestCase):  # run by the test below, once per backend
    __test__ = False

    def test_context_manager(self) -> None:
        with self.assertNumQueries(1):
            _insert("one")

    def test_callable_form(self) -> None:
        self.assertEqual(self.assertNumQueries(1, _note_count), 0)

    def test_failure(self) -> None:
        with (
            self.assertRaisesRegex(AssertionError, "INSERT INTO notes"),
            self.assertNumQueries(2),
        ):
            _insert("two")

    async def test_async_view(self) -> None:
        with self.assertNumQueries(1):
            await self.async_client.get("/anames/")


def _run(case: type[unittest.TestCase]) -> unittest.TestResult:
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(case)
    result = unittest.TestResult()
    suite.run(result)
    return result


def test_testcase_assert_num_queries(project: str) -> None:
    result = _run(CountingTests)
    assert result.testsRun == 4
    assert not result.errors and not result.failures, result.errors + result.failures


committed: list[str] = []


class RealCommitTests(TransactionTestCase):  # run by the test below, once per backend
    __test__ = False

    def test_1_commits(self) -> None:
        self.assertFalse(connections["default"].execute("SELECT 1", None) == [])
        with atomic():
            question = Question.objects.create(question_text="q", pub_date=WHEN)
            Choice.objects.create(question=question, choice_text="c")
            on_commit(lambda: committed.append("done"))
        self.assertEqual(committed, ["done"])
        self.assertEqual(Question.objects.count(), 1)

    def test_2_starts_empty(self) -> None:
        self.assertEqual(Question.objects.count(), 0)
        self.assertEqual(Choice.objects.count(), 0)
        with self.assertNumQueries(1):
            Question.objects.create(question_text="again", pub_date=WHEN)


def test_transaction_testcase_commits_and_empties_tables(project: str) -> None:
    committed.clear()
    result = _run(RealCommitTests)
    assert result.testsRun == 2
    assert not result.errors and not result.failures, result.errors + result.failures
    assert committed == ["done"]
    assert Question.objects.count() == 0  # emptied after the last test too


def test_transactional_db_fixture_commits(project: str, transactional_db: None) -> None:
    seen: list[int] = []
    with atomic():
        Question.objects.create(question_text="q", pub_date=WHEN)
        on_commit(lambda: seen.append(Question.objects.count()))
    assert seen == [1]


def test_transactional_db_left_nothing(project: str, transactional_db: None) -> None:
    assert Question.objects.count() == 0
    assert Choice.objects.count() == 0
