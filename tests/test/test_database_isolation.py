"""Tests run inside rolled-back transactions that views (sync and async) can see."""

from __future__ import annotations

import unittest

from heron.db import connection
from heron.test import AsyncClient, Client, TestCase
from heron.test.client import run_in_loop
from heron.test.databases import database_transactions


def _insert(name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO notes (name) VALUES (%s)", [name])


def test_views_see_the_tests_rows_and_nothing_leaks(project: str) -> None:
    with database_transactions():
        _insert("alpha")
        client = Client()
        assert client.get("/names/").json() == {"names": ["alpha"]}
        assert client.get("/anames/").json() == {"names": ["alpha"]}  # async view, same rows
        assert client.post("/add/", {"name": "beta"}).status_code == 201
        assert run_in_loop(lambda: AsyncClient().get("/anames/")).json() == {
            "names": ["alpha", "beta"]
        }
    with database_transactions():
        assert Client().get("/names/").json() == {"names": []}  # all rolled back


class NotesTests(TestCase):  # run by the test below, once per backend
    """A unittest-style case: setUpTestData rows are shared, each test's own are not."""

    __test__ = False  # pytest must not collect it directly: it needs the project fixture

    @classmethod
    def setUpTestData(cls) -> None:
        _insert("shared")

    def test_sees_shared_rows_and_adds_one(self) -> None:
        _insert("mine")
        self.assertJSONEqual(self.client.get("/names/"), {"names": ["mine", "shared"]})

    async def test_async_view_sees_shared_rows_only(self) -> None:
        response = await self.async_client.get("/anames/")
        self.assertJSONEqual(response, {"names": ["shared"]})


def test_testcase_transactions_on_each_backend(project: str) -> None:
    suite = unittest.defaultTestLoader.loadTestsFromTestCase(NotesTests)
    result = unittest.TestResult()
    suite.run(result)
    assert result.testsRun == 2
    assert not result.errors and not result.failures, result.errors + result.failures
