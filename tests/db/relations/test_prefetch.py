"""``prefetch_related`` (reverse keys, many-to-many both ways, forward keys, ``Prefetch``
objects, nested lookups) and nested ``select_related``, sync and async, with query counts."""

from __future__ import annotations

from typing import Any

import pytest

from heron.db import SynchronousOnlyOperation
from heron.db.models import FieldError, Prefetch
from heron.test.queries import CaptureQueries

from ..conftest import Db
from .helpers import Run, call, fetch, names
from .models import Author, Choice, Question, Tag

pytestmark = pytest.mark.usefixtures("tables")


async def poll(db: Db) -> tuple[Question, Question]:
    ann = await call(db, Author.objects, "create", name="Ann")
    py = await call(db, Tag.objects, "create", name="python")
    web = await call(db, Tag.objects, "create", name="web")
    one = await call(db, Question.objects, "create", question_text="One", author=ann)
    two = await call(db, Question.objects, "create", question_text="Two")
    await call(db, one.tags, "add", py, web)
    await call(db, two.tags, "add", web)
    await call(db, Choice.objects, "create", question=one, choice_text="a", votes=3)
    await call(db, Choice.objects, "create", question=one, choice_text="b", votes=0)
    await call(db, Choice.objects, "create", question=two, choice_text="c", votes=1)
    return one, two


async def listed(db: Db, manager: Any, attr: str = "name") -> list[Any]:
    return await names(db, manager.all(), attr)


def test_prefetch_many_to_many_and_reverse_keys(run: Run) -> None:
    async def body(db: Db) -> None:
        await poll(db)
        qs = Question.objects.prefetch_related("tags", "choices")
        with CaptureQueries() as queries:
            rows = await fetch(db, qs)
            seen = [
                (
                    q.question_text,
                    await listed(db, q.tags),
                    await listed(db, q.choices, "choice_text"),
                )
                for q in rows
            ]
        assert seen == [("One", ["python", "web"], ["a", "b"]), ("Two", ["web"], ["c"])]
        assert len(queries) == 4  # questions, through rows, tags, choices
        with CaptureQueries() as queries:
            tag_rows = await fetch(db, Tag.objects.prefetch_related("question_set"))
            back = {t.name: await listed(db, t.question_set, "question_text") for t in tag_rows}
        assert back == {"python": ["One"], "web": ["One", "Two"]}
        assert len(queries) == 3

    run(body)


def test_prefetch_objects_and_forward_keys(run: Run) -> None:
    async def body(db: Db) -> None:
        await poll(db)
        hot = Choice.objects.filter(votes__gt=0)
        qs = Question.objects.prefetch_related(
            Prefetch("choices", queryset=hot, to_attr="hot"),
            Prefetch("tags", queryset=Tag.objects.filter(name="web")),
            "author",
        )
        with CaptureQueries() as queries:
            rows = await fetch(db, qs)
            assert [[c.choice_text for c in q.hot] for q in rows] == [["a"], ["c"]]
            assert [await listed(db, q.tags) for q in rows] == [["web"], ["web"]]
            assert [q.author.name if q.author else None for q in rows] == ["Ann", None]
        assert len(queries) == 5
        choices = await fetch(db, Choice.objects.prefetch_related("question__author"))
        assert [c.question.author and c.question.author.name for c in choices] == [
            "Ann",
            "Ann",
            None,
        ]

    run(body)


def test_nested_prefetch(run: Run) -> None:
    async def body(db: Db) -> None:
        await poll(db)
        with CaptureQueries() as queries:
            tag_rows = await fetch(db, Tag.objects.prefetch_related("question_set__choices"))
            got = {
                t.name: [
                    await listed(db, q.choices, "choice_text")
                    for q in await fetch(db, t.question_set.all())
                ]
                for t in tag_rows
            }
        assert got == {"python": [["a", "b"]], "web": [["a", "b"], ["c"]]}
        assert len(queries) == 4

    run(body)


def test_nested_select_related(run: Run) -> None:
    async def body(db: Db) -> None:
        await poll(db)
        qs = Choice.objects.select_related("question__author").order_by("choice_text")
        with CaptureQueries() as queries:
            rows = await fetch(db, qs)
            authors = [c.question.author.name if c.question.author else None for c in rows]
        assert authors == ["Ann", "Ann", None]
        assert len(queries) == 1
        assert " JOIN m2mtests_author " in queries.sql[0].replace('"', "").replace("`", "")
        every = await fetch(db, Choice.objects.select_related().order_by("choice_text"))
        assert [c._state.fields_cache["question"].question_text for c in every] == [
            "One",
            "One",
            "Two",
        ]
        if db.is_async:
            plain = await fetch(db, Choice.objects.select_related("question"))
            with pytest.raises(SynchronousOnlyOperation, match=r"select_related\('author'\)"):
                plain[0].question.author  # noqa: B018
            bare = await fetch(db, Question.objects.all())
            with pytest.raises(SynchronousOnlyOperation, match="prefetch_related"):
                bare[0].author  # noqa: B018

    run(body)


def test_invalid_lookups() -> None:
    with pytest.raises(FieldError, match=r"Question has no relation 'tagz'\. Choices are: author"):
        Question.objects.prefetch_related("tagz")
    with pytest.raises(FieldError, match="Invalid field name 'auth' in select_related"):
        Choice.objects.select_related("question__auth")
    with pytest.raises(ValueError, match=r"Prefetch\('tags'\) needs a QuerySet of Tag"):
        Question.objects.prefetch_related(Prefetch("tags", queryset=Author.objects.all()))
    with pytest.raises(FieldError, match=r"to_attr='x; DROP TABLE t'\) is not a valid"):
        Prefetch("tags", to_attr="x; DROP TABLE t")
    with pytest.raises(TypeError, match="QuerySet of model instances"):
        Prefetch("tags", queryset=Tag.objects.values("name"))
    with pytest.raises(ValueError, match="cannot be sliced"):
        Prefetch("tags", queryset=Tag.objects.all()[:2])
    assert (
        Question.objects.prefetch_related("tags").prefetch_related(None).query.prefetch_related
        == ()
    )
