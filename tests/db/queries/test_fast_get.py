"""``Model.objects.get(name=value)`` from a learnt plan (``heron.db.models.query.fastget``).

The first ``get()`` of a key (model, name, value type, database, time zone) takes the usual
path and learns the plan; later ones run it without building a QuerySet. These tests check
that the short path keeps everything the usual one does: custom managers, ``.using()``,
routers, transactions, query capture, time zones and the two ``get()`` errors.
"""

from __future__ import annotations

import datetime as dt
import pathlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from heron import timezone
from heron.conf import override_settings, settings
from heron.db import SynchronousOnlyOperation
from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.instrumentation import execution_listener
from heron.db.models import FieldError
from heron.db.models.query.shapes import shape_cache
from heron.db.models.schema import create_tables, drop_tables
from heron.db.transaction import atomic
from heron.test import CaptureQueries
from heron.test.queries import assert_num_queries

from ..conftest import Db, run_async
from .models import ALL, Article, Question

pytestmark = pytest.mark.usefixtures("tables")

Run = Callable[[Callable[[Db], Any]], Any]
NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    shape_cache.clear()
    yield
    shape_cache.clear()


async def call(db: Db, obj: Any, method: str, /, *args: Any, **kwargs: Any) -> Any:
    if db.is_async:
        return await getattr(obj, f"a{method}")(*args, **kwargs)
    return getattr(obj, method)(*args, **kwargs)


async def make(db: Db, *texts: str) -> list[Question]:
    return [
        await call(db, Question.objects, "create", question_text=text, pub_date=NOW)
        for text in texts
    ]


class Rollback(Exception):
    pass


class Statements:
    def __init__(self) -> None:
        self.seen: list[tuple[str, str, list[Any]]] = []

    def __call__(self, alias: str, sql: str, params: Any) -> None:
        self.seen.append((alias, " ".join(sql.split()), list(params or ())))


def test_the_first_get_learns_and_the_next_ones_reuse(run: Run) -> None:
    async def body(db: Db) -> None:
        one, two, three = await make(db, "one", "two", "three")
        statements = Statements()
        with execution_listener(statements):
            for question in (one, two, three):
                found = await call(db, Question.objects, "get", pk=question.pk)
                assert found == question and found.question_text == question.question_text
                assert found.pub_date == NOW and found._state.db == "default"
                assert found._state.adding is False
        assert (shape_cache.compiles, shape_cache.hits) == (1, 2)
        tail = [21, 0] if db.wrapper.vendor == "sqlite" else [21]  # SQLite's LIMIT ? OFFSET ?
        assert [params for _, _, params in statements.seen] == [
            [one.pk, *tail],
            [two.pk, *tail],
            [three.pk, *tail],
        ]
        assert len({sql for _, sql, _ in statements.seen}) == 1
        columns = "queries_question.id, queries_question.question_text, queries_question.pub_date"
        where = {
            "sqlite": "queries_question.id = ? LIMIT ? OFFSET ?",
            "postgresql": "queries_question.id = %s::BIGINT LIMIT %s::INTEGER",
            "mysql": "queries_question.id = %s LIMIT %s",
        }[db.wrapper.vendor]
        assert statements.seen[0][1] == f"SELECT {columns} FROM queries_question WHERE {where}"

    run(body)


def test_errors_from_the_short_path(run: Run) -> None:
    async def body(db: Db) -> None:
        await make(db, "same", "same")
        for pk in (-1, -5, -6):  # the first call learns the key, the others reuse it
            with pytest.raises(Question.DoesNotExist, match=r"^Question matching query does not"):
                await call(db, Question.objects, "get", pk=pk)
        with pytest.raises(Question.DoesNotExist):
            await call(db, Question.objects, "get", question_text="none")  # learns the key
        for _ in range(2):
            with pytest.raises(
                Question.MultipleObjectsReturned,
                match=r"^get\(\) returned 2 Question rows, expected one\.$",
            ):
                await call(db, Question.objects, "get", question_text="same")
        for _ in range(2):  # a bad name is never cached: it fails the same way every time
            with pytest.raises(FieldError, match="Cannot resolve 'nope'"):
                await call(db, Question.objects, "get", nope=1)
        assert shape_cache.hits == 4

    run(body)


def test_other_value_types_and_arguments(run: Run) -> None:
    async def body(db: Db) -> None:
        (question,) = await make(db, "typed")
        for _ in range(2):  # a str pk is its own key, turned into an int as usual
            assert await call(db, Question.objects, "get", pk=str(question.pk)) == question
            assert await call(db, Question.objects, "get", pk=question.pk) == question
            assert await call(db, Question.objects, "get", id__in=[question.pk]) == question
            found = await call(db, Question.objects, "get", pk=question.pk, question_text="typed")
            assert found == question
            with pytest.raises(Question.DoesNotExist):
                await call(db, Question.objects, "get", pk=None)
        # The second round is all hits: pk=str, pk=int, id__in and pk=None by get()'s plans,
        # the two-argument get() by the general shape cache.
        assert shape_cache.hits == 5

    run(body)


def test_a_custom_get_queryset_is_respected(run: Run) -> None:
    async def body(db: Db) -> None:
        hidden = await call(db, Article.objects, "create", title="draft")
        shown = await call(db, Article.objects, "create", title="out", published=True)
        for _ in range(2):  # the plain manager learns (then reuses) the pk key
            assert await call(db, Article.objects, "get", pk=hidden.pk) == hidden
        for _ in range(2):  # Article.live filters: it never takes the manager's short path
            with pytest.raises(Article.DoesNotExist):
                await call(db, Article.live, "get", pk=hidden.pk)
            assert await call(db, Article.live, "get", pk=shown.pk) == shown

    run(body)


def test_a_queryset_class_of_its_own_is_used(run: Run) -> None:
    class Counting(type(Question.objects.all())):  # type: ignore[misc]
        calls: list[dict[str, Any]] = []

        def get(self, *args: Any, **kwargs: Any) -> Any:
            Counting.calls.append(kwargs)
            return super().get(*args, **kwargs)

        async def aget(self, *args: Any, **kwargs: Any) -> Any:
            Counting.calls.append(kwargs)
            return await super().aget(*args, **kwargs)

    manager = Counting.as_manager()
    manager.model = Question

    async def body(db: Db) -> None:
        (question,) = await make(db, "own")
        Counting.calls.clear()
        for _ in range(2):
            assert await call(db, Question.objects, "get", pk=question.pk) == question
            assert await call(db, manager, "get", pk=question.pk) == question
        assert Counting.calls == [{"pk": question.pk}] * 2

    run(body)


def test_inside_atomic_the_pinned_connection_is_used(run: Run) -> None:
    async def body(db: Db) -> None:
        (first,) = await make(db, "before")
        await call(db, Question.objects, "get", pk=first.pk)  # learnt outside
        with pytest.raises(Rollback):
            async with db.atomic():
                (inside,) = await make(db, "inside")
                # Only the transaction's connection sees the uncommitted row.
                assert await call(db, Question.objects, "get", pk=inside.pk) == inside
                raise Rollback
        with pytest.raises(Question.DoesNotExist):
            await call(db, Question.objects, "get", pk=inside.pk)
        assert shape_cache.hits == 2

    run(body)


def test_query_capture_sees_every_get(run: Run) -> None:
    async def body(db: Db) -> None:
        (question,) = await make(db, "counted")
        await call(db, Question.objects, "get", pk=question.pk)
        with assert_num_queries(2) as captured:
            await call(db, Question.objects, "get", pk=question.pk)
            await call(db, Question.objects.using("default"), "get", pk=question.pk)
        assert [q.alias for q in captured] == ["default", "default"]
        tail = [21, 0] if db.wrapper.vendor == "sqlite" else [21]
        assert [list(q.params) for q in captured] == [[question.pk, *tail]] * 2
        with (
            pytest.raises(AssertionError, match="1 queries executed on database 'default'"),
            assert_num_queries(0),
        ):
            await call(db, Question.objects, "get", pk=question.pk)

    run(body)


def test_the_time_zone_is_part_of_the_key(run: Run) -> None:
    async def body(db: Db) -> None:
        (question,) = await make(db, "zoned")
        await call(db, Question.objects, "get", pk=question.pk)
        assert shape_cache.compiles == 1
        with timezone.override("Europe/Paris"):
            for _ in range(2):
                found = await call(db, Question.objects, "get", pk=question.pk)
                assert found.pub_date == NOW
        assert shape_cache.compiles == 2
        assert shape_cache.hits == 1

    run(body)


def test_a_disabled_cache_compiles_every_get(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shape_cache, "enabled", False)

    async def body(db: Db) -> None:
        (question,) = await make(db, "plain")
        for _ in range(3):
            assert await call(db, Question.objects, "get", pk=question.pk) == question
        assert (shape_cache.compiles, shape_cache.hits) == (0, 0)
        assert shape_cache.bypasses >= 3

    run(body)


def test_sync_get_inside_an_async_transaction_is_refused(backend: DatabaseWrapper) -> None:
    async def body() -> None:
        (question,) = [await Question.objects.acreate(question_text="a", pub_date=NOW)]
        Question.objects.get(pk=question.pk)  # learnt; sync use outside a transaction is fine
        async with atomic():
            with pytest.raises(SynchronousOnlyOperation, match=r"await connection\.aexecute"):
                Question.objects.get(pk=question.pk)
            assert await Question.objects.aget(pk=question.pk) == question

    run_async(body)


class ReplicaRouter:
    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        return "replica"

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return "default"


@pytest.fixture
def replica(backend: DatabaseWrapper, tmp_path: pathlib.Path) -> Iterator[None]:
    second = {"ENGINE": "sqlite", "NAME": str(tmp_path / "replica.sqlite3"), "OPTIONS": {}}
    databases = {"default": dict(settings.DATABASES["default"]), "replica": second}
    with override_settings(DATABASES=databases):
        for alias in databases:
            drop_tables(alias, ALL)
            create_tables(alias, ALL)
        try:
            yield
        finally:
            for alias in databases:
                drop_tables(alias, ALL)


def test_routers_and_using_choose_the_database(replica: None) -> None:
    main = Question.objects.create(question_text="main", pub_date=NOW)
    copy = Question(pk=main.pk, question_text="copy", pub_date=NOW)
    copy.save(using="replica")
    for _ in range(2):  # no router: "default", learnt then reused
        assert Question.objects.get(pk=main.pk).question_text == "main"
    with override_settings(DATABASE_ROUTERS=[ReplicaRouter()]):
        with CaptureQueries("replica") as reads:
            for _ in range(2):
                found = Question.objects.get(pk=main.pk)
                assert (found.question_text, found._state.db) == ("copy", "replica")
            assert Question.objects.using("default").get(pk=main.pk).question_text == "main"

            async def aget() -> Question:
                return await Question.objects.aget(pk=main.pk)

            assert run_async(aget).question_text == "copy"
        assert len(reads) == 3
    assert Question.objects.get(pk=main.pk).question_text == "main"  # routers gone
