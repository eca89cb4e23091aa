"""QuerySet behaviour on every backend, each test body run sync and async (``run``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from heron.db import IntegrityError, SynchronousOnlyOperation
from heron.db.models import (
    Avg,
    Count,
    F,
    FieldError,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
    signals,
)

from ..conftest import Db
from .models import Article, Choice, Everything, Note, Question, Vote

pytestmark = pytest.mark.usefixtures("tables")

Run = Callable[[Callable[[Db], Any]], Any]
NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


async def call(db: Db, obj: Any, method: str, /, *args: Any, **kwargs: Any) -> Any:
    """``obj.name(...)`` in sync mode, ``await obj.aname(...)`` in async mode."""
    if db.is_async:
        return await getattr(obj, f"a{method}")(*args, **kwargs)
    return getattr(obj, method)(*args, **kwargs)


async def fetch(db: Db, qs: QuerySet[Any]) -> list[Any]:
    if db.is_async:
        return [obj async for obj in qs]
    return list(qs)


async def poll(db: Db) -> tuple[Question, Question]:
    what = await call(db, Question.objects, "create", question_text="What's new?", pub_date=NOW)
    who = await call(
        db,
        Question.objects,
        "create",
        question_text="Who 50%_off?",
        pub_date=NOW - dt.timedelta(days=1),
    )
    await call(db, Choice.objects, "create", question=what, choice_text="Not much", votes=2)
    await call(db, Choice.objects, "create", question=what, choice_text="The sky", votes=0)
    await call(db, Choice.objects, "create", question=who, choice_text="Me", votes=5)
    return what, who


def test_tutorial_walk(run: Run) -> None:
    async def body(db: Db) -> None:
        what, who = await poll(db)
        assert what.pk is not None and not what._state.adding
        assert [q.pk for q in await fetch(db, Question.objects.all())] == [what.pk, who.pk]
        got = await call(db, Question.objects, "get", pk=what.pk)
        assert got == what and got.pub_date == NOW and got.question_text == "What's new?"
        texts = Choice.objects.filter(question__question_text__startswith="What").order_by(
            "choice_text"
        )
        assert [c.choice_text for c in await fetch(db, texts)] == ["Not much", "The sky"]
        count = await call(db, Choice.objects.filter(question=what), "update", votes=F("votes") + 1)
        assert count == 2
        votes = Choice.objects.order_by("-votes").values_list("votes", flat=True)
        assert await fetch(db, votes) == [5, 3, 1]
        choice = await call(db, Choice.objects, "get", choice_text="Me")
        choice.votes = F("votes") + 10
        await call(db, choice, "save")
        assert "votes" not in choice.__dict__  # deferred: re-read from the database
        await call(db, choice, "refresh_from_db")
        assert choice.votes == 15
        assert await call(db, what.choices, "count") == 2
        deleted = await call(db, what, "delete")
        assert deleted == (3, {"queries.Choice": 2, "queries.Question": 1})
        assert what.pk is None
        assert await call(db, Choice.objects, "count") == 1

    run(body)


def test_lookups(run: Run) -> None:
    async def body(db: Db) -> None:
        what, who = await poll(db)

        async def texts(*args: Q, **kwargs: Any) -> list[str]:
            qs = Question.objects.filter(*args, **kwargs).order_by("question_text")
            return await fetch(db, qs.values_list("question_text", flat=True))

        assert await texts(question_text__exact="What's new?") == ["What's new?"]
        assert await texts(question_text__iexact="WHAT'S NEW?") == ["What's new?"]
        assert await texts(question_text__contains="new") == ["What's new?"]
        assert await texts(question_text__contains="NEW") == []
        assert await texts(question_text__icontains="NEW") == ["What's new?"]
        assert await texts(question_text__startswith="Wh") == ["What's new?", "Who 50%_off?"]
        assert await texts(question_text__startswith="wh") == []
        assert await texts(question_text__istartswith="wh") == ["What's new?", "Who 50%_off?"]
        assert await texts(question_text__endswith="off?") == ["Who 50%_off?"]
        assert await texts(question_text__iendswith="OFF?") == ["Who 50%_off?"]
        assert await texts(question_text__contains="%") == ["Who 50%_off?"]
        assert await texts(question_text__contains="0%_") == ["Who 50%_off?"]
        assert await texts(question_text__contains="_") == ["Who 50%_off?"]
        assert await texts(question_text__icontains="t_s") == []
        assert await texts(pk__in=[who.pk]) == ["Who 50%_off?"]
        assert await texts(pk__in=[]) == []
        assert await texts(pub_date__gt=NOW - dt.timedelta(hours=1)) == ["What's new?"]
        assert await texts(pub_date__lte=NOW - dt.timedelta(hours=1)) == ["Who 50%_off?"]
        assert await texts(pub_date__range=(NOW - dt.timedelta(days=2), NOW)) == [
            "What's new?",
            "Who 50%_off?",
        ]
        assert await texts(choices__votes__gte=5) == ["Who 50%_off?"]
        assert await texts(Q(pk=what.pk) | Q(question_text__icontains="50%")) == [
            "What's new?",
            "Who 50%_off?",
        ]
        assert await texts(~Q(pk=what.pk)) == ["Who 50%_off?"]
        assert await fetch(
            db, Question.objects.exclude(pk=what.pk).values_list("pk", flat=True)
        ) == [who.pk]
        note = await call(db, Note.objects, "create", text="n")
        assert await call(db, Note.objects.filter(question__isnull=True), "count") == 1
        assert note.question is None
        choices = Choice.objects.filter(votes__lt=F("question__id") * 10).order_by("votes")
        assert len(await fetch(db, choices)) >= 1

    run(body)


def test_get_errors_and_shortcuts(run: Run) -> None:
    async def body(db: Db) -> None:
        what, who = await poll(db)
        with pytest.raises(Question.DoesNotExist, match="Question matching query does not exist"):
            await call(db, Question.objects, "get", pk=-1)
        with pytest.raises(Choice.MultipleObjectsReturned, match="returned 3 Choice rows"):
            await call(db, Choice.objects, "get")
        assert await call(db, Question.objects, "first") == what
        assert await call(db, Question.objects, "last") == who
        assert await call(db, Question.objects.order_by("pub_date"), "first") == who
        assert await call(db, Question.objects.none(), "first") is None
        assert await call(db, Question.objects.filter(pk=what.pk), "exists")
        assert not await call(db, Question.objects.filter(pk=-1), "exists")
        assert await call(db, Question.objects.none(), "count") == 0
        assert await call(db, Choice.objects.all()[1:], "count") == 2
        assert [q.pk for q in await fetch(db, Question.objects.all()[1:2])] == [who.pk]
        bulk = await call(db, Question.objects, "in_bulk", [what.pk, who.pk])
        assert bulk == {what.pk: what, who.pk: who}
        obj, created = await call(
            db,
            Question.objects,
            "get_or_create",
            question_text="What's new?",
            defaults={"pub_date": NOW},
        )
        assert (obj, created) == (what, False)
        obj, created = await call(
            db, Question.objects, "get_or_create", question_text="New", defaults={"pub_date": NOW}
        )
        assert created and obj.pk is not None
        obj2, created = await call(
            db,
            Question.objects,
            "update_or_create",
            question_text="New",
            defaults={"pub_date": NOW - dt.timedelta(days=3)},
        )
        assert obj2 == obj and not created
        fresh = await call(db, Question.objects, "get", pk=obj.pk)
        assert fresh.pub_date == NOW - dt.timedelta(days=3)
        values = await fetch(
            db, Choice.objects.filter(votes=5).values("choice_text", "question__question_text")
        )
        assert values == [{"choice_text": "Me", "question__question_text": "Who 50%_off?"}]

    run(body)


def test_bulk_create_and_delete_cascade(run: Run) -> None:
    async def body(db: Db) -> None:
        made = await call(
            db,
            Question.objects,
            "bulk_create",
            [Question(question_text=f"q{i}", pub_date=NOW) for i in range(5)],
            batch_size=2,
        )
        assert len(made) == 5
        assert await call(db, Question.objects, "count") == 5
        if db.wrapper.vendor != "mysql":
            assert all(q.pk is not None for q in made)
        first = await call(db, Question.objects, "get", question_text="q0")
        await call(db, Choice.objects, "create", question=first, choice_text="c")
        note = await call(db, Note.objects, "create", question=first)
        count, per_model = await call(
            db, Question.objects.filter(question_text__in=["q0", "q1"]), "delete"
        )
        assert (count, per_model) == (3, {"queries.Choice": 1, "queries.Question": 2})
        await call(db, note, "refresh_from_db")
        assert note.question_id is None  # SET_NULL
        assert await call(db, Question.objects, "count") == 3

    run(body)


def test_instances_save_update_fields_signals(run: Run) -> None:
    seen: list[tuple[str, Any]] = []

    def pre(sender: Any, instance: Any, **kwargs: Any) -> None:
        seen.append(("pre_save", kwargs["update_fields"]))

    def post(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
        seen.append(("post_save", created))

    def deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
        seen.append(("post_delete", instance.title))

    signals.pre_save.connect(pre, sender=Article)
    signals.post_save.connect(post, sender=Article)
    signals.post_delete.connect(deleted, sender=Article)

    async def body(db: Db) -> None:
        seen.clear()
        article = Article(title="Draft")
        await call(db, article, "save")
        assert article.created is not None and article.updated is not None
        first_update = article.updated
        article.title = "Final"
        article.published = True
        await call(db, article, "save", update_fields=["published"])
        fresh = await call(db, Article.objects, "get", pk=article.pk)
        assert (fresh.title, fresh.published) == ("Draft", True)
        assert fresh.updated == first_update  # auto_now only for fields being saved
        assert await call(db, Article.live, "count") == 1
        await call(db, article, "delete")
        assert seen == [
            ("pre_save", None),
            ("post_save", True),
            ("pre_save", frozenset({"published"})),
            ("post_save", False),
            ("post_delete", "Final"),
        ]

    try:
        run(body)
    finally:
        signals.pre_save.disconnect(pre, sender=Article)
        signals.post_save.disconnect(post, sender=Article)
        signals.post_delete.disconnect(deleted, sender=Article)


def test_relations(run: Run) -> None:
    async def body(db: Db) -> None:
        what, _ = await poll(db)
        choices = Choice.objects.select_related("question").order_by("choice_text")
        loaded = await fetch(db, choices)
        texts = [c.question.question_text for c in loaded]  # no query: joined in
        assert texts == ["Who 50%_off?", "What's new?", "What's new?"]
        questions = await fetch(db, Question.objects.prefetch_related("choices"))
        assert [len(await fetch(db, q.choices.all())) for q in questions] == [2, 1]
        created = await call(db, what.choices, "create", choice_text="New one")
        assert created.question_id == what.pk
        assert await call(db, what.choices.filter(choice_text__startswith="N"), "count") == 2
        plain = await call(db, Choice.objects, "get", choice_text="Me")
        if db.is_async:
            with pytest.raises(SynchronousOnlyOperation, match="select_related"):
                _ = plain.question
        else:
            assert plain.question.question_text == "Who 50%_off?"

    run(body)


def test_integrity_error_surfaces(run: Run) -> None:
    async def body(db: Db) -> None:
        await call(db, Everything.objects, "create", name="x")
        with pytest.raises(IntegrityError):
            await call(db, Everything.objects, "create", name="x")

    run(body)


def test_field_types_round_trip(run: Run) -> None:
    async def body(db: Db) -> None:
        import decimal

        values = {
            "name": "all",
            "text": "long " * 10,
            "small": -3,
            "big": 2**40,
            "ratio": 0.5,
            "price": decimal.Decimal("12.34"),
            "flag": True,
            "day": dt.date(2026, 3, 4),
            "at": NOW,
            "clock": dt.time(12, 30),
            "span": dt.timedelta(hours=2, seconds=3),
            "data": {"a": [1, 2]},
            "blob": b"\x00\x01",
        }
        obj = await call(db, Everything.objects, "create", **values)
        got = await call(db, Everything.objects, "get", uid=obj.uid)
        for name, value in values.items():
            stored = getattr(got, name)
            assert (bytes(stored) if name == "blob" else stored) == value, name
        assert (
            await call(db, Everything.objects.filter(at=NOW, day__gte=dt.date(2026, 1, 1)), "count")
            == 1
        )

    run(body)


def test_field_errors_name_choices(tables: Any) -> None:
    with pytest.raises(FieldError) as info:
        Question.objects.filter(nope=1)
    assert str(info.value) == (
        "Cannot resolve 'nope' into a field of Question (in 'nope'). Choices are: choices, id, "
        "note, pk, pub_date, question_text."
    )
    with pytest.raises(FieldError, match="Cannot resolve 'bad' into a field of Question"):
        Choice.objects.order_by("question__bad")
    with pytest.raises(FieldError, match="Unsupported lookup 'like'"):
        Question.objects.filter(question_text__like="x")
    with pytest.raises(FieldError, match="Choices are: question"):
        Choice.objects.select_related("votes")
    with pytest.raises(AttributeError, match="not accessible from Question instances"):
        _ = Question(question_text="x", pub_date=NOW).objects


def test_aggregate_and_annotate(run: Run) -> None:
    async def body(db: Db) -> None:
        what, who = await poll(db)
        totals = await call(
            db,
            Choice.objects.all(),
            "aggregate",
            Sum("votes"),
            n=Count("id"),
            avg=Avg("votes"),
            low=Min("votes"),
            high=Max("votes"),
        )
        # MySQL/MariaDB round AVG() to 4 decimals (div_precision_increment).
        assert totals == {
            "votes__sum": 7,
            "n": 3,
            "avg": pytest.approx(7 / 3, abs=1e-4),
            "low": 0,
            "high": 5,
        }
        assert isinstance(totals["votes__sum"], int) and isinstance(totals["avg"], float)
        empty = await call(
            db, Choice.objects.filter(votes__gt=100), "aggregate", total=Sum("votes")
        )
        assert empty == {"total": None}
        assert await call(db, Choice.objects.none(), "aggregate", n=Count()) == {"n": 0}
        counted = Question.objects.annotate(n=Count("choices")).order_by("-n")
        assert [(q.question_text, q.n) for q in await fetch(db, counted)] == [
            ("What's new?", 2),
            ("Who 50%_off?", 1),
        ]
        popular = Question.objects.annotate(n=Count("choices")).filter(
            Q(n__gt=1) | Q(question_text__icontains="50%")
        )
        assert await call(db, popular, "count") == 2
        assert (
            await call(db, Question.objects.annotate(n=Count("choices")).filter(n__gt=1), "count")
            == 1
        )
        sliced = Choice.objects.order_by("pk")[:2]
        assert await call(db, sliced, "aggregate", total=Sum("votes")) == {"total": 2}
        assert (
            await call(db, Question.objects.annotate(n=Count("choices")).filter(n__gt=5), "exists")
            is False
        )
        votes = Question.objects.annotate(total=Sum("choices__votes")).values_list("pk", "total")
        assert sorted(await fetch(db, votes)) == sorted([(what.pk, 2), (who.pk, 5)])

    run(body)


def test_explicit_pk_save_updates_or_inserts(run: Run) -> None:
    async def body(db: Db) -> None:
        question = Question(id=77, question_text="first", pub_date=NOW)
        await call(db, question, "save")
        again = Question(id=77, question_text="second", pub_date=NOW)
        await call(db, again, "save")  # UPDATE, not a duplicate-key INSERT
        assert await fetch(db, Question.objects.values_list("question_text", flat=True)) == [
            "second"
        ]

    run(body)


def test_protect_refuses_delete(run: Run) -> None:
    from heron.db.models import ProtectedError

    async def body(db: Db) -> None:
        article = await call(db, Article.objects, "create", title="t")
        everything = await call(db, Everything.objects, "create", name="e")
        assert article.pk and everything.pk
        what, _ = await poll(db)
        with pytest.raises(IntegrityError):
            await call(db, Question.objects, "get_or_create", question_text="x")  # pub_date NULL
        assert await call(db, Question.objects, "count") == 2
        obj, created = await call(
            db, Question.objects, "get_or_create", question_text="What's new?"
        )
        assert (obj, created) == (what, False)
        choice = await call(db, what.choices, "first")
        vote = await call(db, Vote.objects, "create", choice=choice)
        with pytest.raises(ProtectedError) as info:
            await call(db, Question.objects.filter(pk=what.pk), "delete")
        assert info.value.protected_objects == {vote}
        assert await call(db, Question.objects, "count") == 2
        await call(db, vote, "delete")
        assert (await call(db, what, "delete"))[0] == 3

    run(body)


def test_deferred_read_after_expression_save(tables: Any) -> None:
    question = Question.objects.create(question_text="q", pub_date=NOW)
    choice = Choice.objects.create(question=question, choice_text="c", votes=1)
    choice.votes = F("votes") + 1
    choice.save()
    assert choice.votes == 2  # read back with a query (sync code only)
    unchanged = Question.objects.filter(pk=question.pk).update(question_text=F("question_text"))
    # Matched rows on every backend (MySQL/MariaDB connect with CLIENT_FOUND_ROWS).
    assert unchanged == 1
    question.save()  # a no-op UPDATE still counts as saved (no duplicate INSERT)
    assert Question.objects.count() == 1


def test_exclude_keeps_nulls_and_in_subquery(run: Run) -> None:
    async def body(db: Db) -> None:
        what, _ = await poll(db)
        await call(db, Note.objects, "create", question=what, text="a")
        await call(db, Note.objects, "create", question=None, text="b")
        kept = Note.objects.exclude(question=what).values_list("text", flat=True)
        assert await fetch(db, kept) == ["b"]
        notes = await fetch(db, Note.objects.select_related("question").order_by("text"))
        assert [n.question for n in notes] == [what, None]  # LEFT JOIN, no extra query
        popular = Question.objects.filter(choices__votes__gte=5)
        choices = Choice.objects.filter(question__in=popular).values_list("choice_text", flat=True)
        assert await fetch(db, choices) == ["Me"]
        ids = Question.objects.filter(pk=what.pk).values("pk")
        assert await call(db, Choice.objects.filter(question__in=ids), "count") == 2

    run(body)


def test_sync_container_protocol(tables: Any) -> None:
    Question.objects.bulk_create([Question(question_text=f"q{i}", pub_date=NOW) for i in range(3)])
    qs = Question.objects.all()
    assert len(qs) == 3 and bool(qs)
    assert qs[0].question_text == "q0"  # served from the fetched rows
    assert Question.objects.all()[2].question_text == "q2"  # LIMIT 1 OFFSET 2
    with pytest.raises(IndexError):
        Question.objects.all()[5]
    assert not Question.objects.none()
    assert Question.objects.all()[1:].first().question_text == "q1"  # type: ignore[union-attr]
    assert not Question.objects.all()[3:3].exists()
    with pytest.raises(ValueError, match="Negative indexing"):
        Question.objects.all()[-1]
    with pytest.raises(TypeError, match="Cannot filter a query once a slice"):
        Question.objects.all()[:2].filter(pk=1)
