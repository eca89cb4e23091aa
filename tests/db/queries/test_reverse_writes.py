"""Reverse foreign-key managers' writes: add, remove, clear, set (and their a-twins).

``question.note_set`` is a nullable foreign key (rows can be detached); ``question.choices``
is not (remove/clear are refused, set only adds).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.test.queries import CaptureQueries

from ..conftest import Db
from .models import Choice, Note, Question

pytestmark = pytest.mark.usefixtures("tables")

NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


async def call(db: Db, obj: Any, method: str, /, *args: Any, **kwargs: Any) -> Any:
    if db.is_async:
        return await getattr(obj, f"a{method}")(*args, **kwargs)
    return getattr(obj, method)(*args, **kwargs)


async def texts(db: Db, manager: Any) -> list[str]:
    qs = manager.order_by("text").values_list("text", flat=True)
    if db.is_async:
        return [t async for t in qs]
    return list(qs)


async def setup(db: Db) -> tuple[Question, Question, list[Note]]:
    q1 = await call(db, Question.objects, "create", question_text="one", pub_date=NOW)
    q2 = await call(db, Question.objects, "create", question_text="two", pub_date=NOW)
    notes = [await call(db, Note.objects, "create", text=t) for t in ("a", "b", "c")]
    return q1, q2, notes


def test_add_remove_clear_on_a_nullable_key(run: Any) -> None:
    async def body(db: Db) -> None:
        q1, q2, (a, b, c) = await setup(db)
        await call(db, q1.note_set, "add", a, b)
        assert a.question == q1 and b.question_id == q1.pk  # updated in memory too
        assert await texts(db, q1.note_set) == ["a", "b"]
        await call(db, q2.note_set, "add", b)  # moves b
        assert await texts(db, q1.note_set) == ["a"]
        with pytest.raises(Note.DoesNotExist, match=r"is not related to <Question: one>"):
            await call(db, q1.note_set, "remove", b)
        await call(db, q1.note_set, "remove", a)
        assert a.question_id is None
        assert await texts(db, q1.note_set) == []
        assert await texts(db, Note.objects.filter(question__isnull=True)) == ["a", "c"]
        fresh = Note(text="d")
        with pytest.raises(ValueError, match=r"is not saved: add\(\) with bulk=True"):
            await call(db, q1.note_set, "add", fresh)
        await call(db, q1.note_set, "add", fresh, c, bulk=False)  # saves (inserts) them
        assert fresh.pk is not None
        assert await texts(db, q1.note_set) == ["c", "d"]
        await call(db, q1.note_set, "clear")
        assert await texts(db, q1.note_set) == []
        assert await texts(db, q2.note_set) == ["b"]  # another question's rows stay
        await call(db, q2.note_set, "clear", bulk=False)
        assert await call(db, Note.objects.filter(question__isnull=False), "count") == 0
        with pytest.raises(TypeError, match=r"note_set.add\(\) takes Note instances, not 3"):
            await call(db, q1.note_set, "add", 3)

    run(body)


def test_set(run: Any) -> None:
    async def body(db: Db) -> None:
        q1, q2, (a, b, c) = await setup(db)
        await call(db, q1.note_set, "set", [a, b])
        assert await texts(db, q1.note_set) == ["a", "b"]
        await call(db, q1.note_set, "set", [b, c])  # a detached, c added, b kept
        assert await texts(db, q1.note_set) == ["b", "c"]
        assert await texts(db, Note.objects.filter(question__isnull=True)) == ["a"]
        await call(db, q1.note_set, "set", [a], clear=True)
        assert await texts(db, q1.note_set) == ["a"]
        await call(db, q1.note_set, "set", [])
        assert await texts(db, q1.note_set) == []
        # A non-null key: set() only adds (rows cannot be detached).
        x = await call(db, Choice.objects, "create", question=q1, choice_text="x")
        await call(db, Choice.objects, "create", question=q2, choice_text="y")
        await call(db, q2.choices, "set", [x])
        names = q2.choices.order_by("choice_text").values_list("choice_text", flat=True)
        got = [n async for n in names] if db.is_async else list(names)
        assert got == ["x", "y"] and x.question == q2

    run(body)


def test_non_null_key_refuses_detaching(run: Any) -> None:
    async def body(db: Db) -> None:
        q1, _, _ = await setup(db)
        choice = await call(db, q1.choices, "create", choice_text="x")
        message = (
            r"choices.clear\(\) is not available: Choice.question is not nullable, so its rows "
            r"cannot be detached from Question. Delete them \(choices.all\(\).delete\(\)\) or "
            r"declare the ForeignKey with null=True."
        )
        with pytest.raises(AttributeError, match=message):
            await call(db, q1.choices, "clear")
        with pytest.raises(AttributeError, match=r"choices.remove\(\) is not available"):
            await call(db, q1.choices, "remove", choice)
        assert await call(db, q1.choices, "count") == 1

    run(body)


def test_bulk_add_is_one_update(backend: DatabaseWrapper) -> None:
    """add() is one UPDATE; remove() checks every object before writing anything."""
    q1 = Question.objects.create(question_text="one", pub_date=NOW)
    a = Note.objects.create(text="a")
    b = Note.objects.create(text="b")
    with CaptureQueries() as queries:
        q1.note_set.add(a, b)
    p = "?" if backend.vendor == "sqlite" else "%s"
    cast = "::BIGINT" if backend.vendor == "postgresql" else ""
    updates = [" ".join(s.split()) for s in queries.sql if s.lstrip().startswith("UPDATE")]
    assert updates == [
        f"UPDATE queries_note SET question_id={p}{cast} WHERE queries_note.id IN ({p}, {p})"
    ]
    b.question_id = None  # stale in memory: remove() refuses before writing anything
    with pytest.raises(Note.DoesNotExist):
        q1.note_set.remove(a, b)
    assert sorted(q1.note_set.values_list("text", flat=True)) == ["a", "b"]
