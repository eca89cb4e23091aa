"""distinct/reverse/only/defer/iterator, values().annotate(), aggregate over subqueries,
bulk_update, select_for_update, raw(), expressions, window functions and JSON key lookups,
on every backend, sync and async (``run``)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import pytest

from heron.db import NotSupportedError, TransactionManagementError
from heron.db.models import (
    Avg,
    Case,
    Coalesce,
    Concat,
    Count,
    DenseRank,
    Exists,
    F,
    FieldError,
    Lag,
    Lead,
    Length,
    Lower,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Rank,
    RowNumber,
    StdDev,
    Subquery,
    Sum,
    Upper,
    Value,
    Variance,
    When,
    Window,
)

from ..conftest import Db
from .models import Choice, Everything, Question

pytestmark = pytest.mark.usefixtures("tables")

Run = Callable[[Callable[[Db], Any]], Any]
NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


async def call(db: Db, obj: Any, method: str, /, *args: Any, **kwargs: Any) -> Any:
    if db.is_async:
        return await getattr(obj, f"a{method}")(*args, **kwargs)
    return getattr(obj, method)(*args, **kwargs)


async def fetch(db: Db, qs: QuerySet[Any]) -> list[Any]:
    if db.is_async:
        return [obj async for obj in qs]
    return list(qs)


async def poll(db: Db) -> tuple[Question, Question]:
    """Two questions; choices (what: 2, 0, 7), (who: 5)."""
    what = await call(db, Question.objects, "create", question_text="What's new?", pub_date=NOW)
    who = await call(
        db, Question.objects, "create", question_text="Who?", pub_date=NOW - dt.timedelta(days=1)
    )
    rows = [(what, "Not much", 2), (what, "The sky", 0), (what, "Cats", 7), (who, "Me", 5)]
    for question, text, votes in rows:
        await call(db, Choice.objects, "create", question=question, choice_text=text, votes=votes)
    return what, who


def test_distinct_reverse_exclude(run: Run) -> None:
    async def body(db: Db) -> None:
        what, who = await poll(db)
        joined = Question.objects.filter(choices__votes__gte=0)
        assert await call(db, joined, "count") == 4
        assert await call(db, joined.distinct(), "count") == 2
        assert [q.pk for q in await fetch(db, joined.distinct())] == [what.pk, who.pk]
        ids = Question.objects.values_list("pk", flat=True)
        assert await fetch(db, ids.reverse()) == [who.pk, what.pk]
        assert await fetch(db, ids.order_by("-pk").reverse()) == [what.pk, who.pk]
        texts = await fetch(
            db,
            Choice.objects.exclude(Q(votes=0) | Q(choice_text="Me"))
            .order_by("votes")
            .values_list("choice_text", flat=True),
        )
        assert texts == ["Not much", "Cats"]
        votes = Choice.objects.values_list("question", flat=True).distinct().order_by("question")
        assert await fetch(db, votes) == [what.pk, who.pk]

    run(body)


def test_only_and_defer(run: Run) -> None:
    async def body(db: Db) -> None:
        what, _ = await poll(db)
        got = (await fetch(db, Question.objects.only("question_text")))[0]
        assert got.question_text == "What's new?" and "pub_date" not in got.__dict__
        deferred = (await fetch(db, Question.objects.defer("question_text")))[0]
        assert "question_text" not in deferred.__dict__ and deferred.pub_date == NOW
        if db.is_async:
            await deferred.arefresh_from_db(["question_text"])
        assert deferred.question_text == "What's new?"  # sync: loaded by deferred_loader
        back = (await fetch(db, Question.objects.defer("question_text").defer(None)))[0]
        assert back.question_text == "What's new?"
        annotated = Question.objects.only("pk").annotate(n=Count("choices")).filter(pk=what.pk)
        one = (await fetch(db, annotated))[0]
        assert one.n == 3 and "question_text" not in one.__dict__
        with pytest.raises(FieldError):
            Question.objects.only("nope")

    run(body)


def test_iterator_chunks(run: Run) -> None:
    async def body(db: Db) -> None:
        await poll(db)
        qs = Choice.objects.filter(votes__gte=0).order_by("-votes")
        if db.is_async:
            got = [c.votes async for c in qs.aiterator(chunk_size=3)]
        else:
            got = [c.votes for c in qs.iterator(chunk_size=3)]
        assert got == [7, 5, 2, 0]
        assert qs._result_cache is None
        if db.is_async:
            sliced = [c.choice_text async for c in Choice.objects.all()[1:3].aiterator(1)]
        else:
            sliced = [c.choice_text for c in Choice.objects.all()[1:3].iterator(1)]
        assert sliced == ["The sky", "Cats"]

    run(body)


def test_values_annotate_groups_and_aggregate_over_subquery(run: Run) -> None:
    async def body(db: Db) -> None:
        what, who = await poll(db)
        per = Choice.objects.values("question").annotate(n=Count("id"), total=Sum("votes"))
        rows = sorted(await fetch(db, per.order_by("question")), key=lambda r: r["question"])
        assert rows == [
            {"question": what.pk, "n": 3, "total": 9},
            {"question": who.pk, "n": 1, "total": 5},
        ]
        having = Choice.objects.values("question").annotate(n=Count("id")).filter(n__gt=1)
        assert await fetch(db, having.values_list("question", flat=True)) == [what.pk]
        top2 = Choice.objects.order_by("-votes")[:2]
        assert await call(db, top2, "aggregate", s=Sum("votes"), m=Max("votes")) == {
            "s": 12,
            "m": 7,
        }
        annotated = Question.objects.annotate(n=Count("choices"))
        assert await call(db, annotated, "aggregate", avg=Avg("n"), most=Max("n")) == {
            "avg": 2.0,
            "most": 3,
        }
        distinct = Choice.objects.values("question").distinct()
        assert await call(db, distinct, "aggregate", n=Count("question")) == {"n": 2}

    run(body)


def test_bulk_update(run: Run) -> None:
    async def body(db: Db) -> None:
        what, who = await poll(db)
        choices = await fetch(db, Choice.objects.order_by("pk"))
        for index, choice in enumerate(choices):
            choice.votes = index * 10
            choice.choice_text = f"c{index}'%s"
        choices[3].question = what
        n = await call(
            db, Choice.objects, "bulk_update", choices, ["votes", "choice_text"], batch_size=3
        )
        assert n == 4
        got = await fetch(db, Choice.objects.order_by("pk").values_list("votes", "choice_text"))
        assert got == [(0, "c0'%s"), (10, "c1'%s"), (20, "c2'%s"), (30, "c3'%s")]
        assert await call(db, Choice.objects.filter(question=who), "count") == 1  # not listed
        await call(db, Choice.objects, "bulk_update", choices[3:], ["question"])
        assert await call(db, Choice.objects.filter(question=who), "count") == 0
        choices[0].votes = F("votes") + 1
        await call(db, Choice.objects, "bulk_update", choices[:1], ["votes"])
        assert await call(db, Choice.objects.filter(votes=1), "count") == 1
        assert await call(db, Choice.objects, "bulk_update", [], ["votes"]) == 0
        with pytest.raises(FieldError):
            await call(db, Choice.objects, "bulk_update", choices, ["nope"])
        items = [
            Everything(name=f"e{i}", price="1.50", flag=False, data={"a": i}) for i in range(2)
        ]
        await call(db, Everything.objects, "bulk_create", items)
        saved = await fetch(db, Everything.objects.order_by("name"))
        for item in saved:
            item.price, item.flag, item.data, item.at = "2.25", True, {"b": [1]}, NOW
        await call(db, Everything.objects, "bulk_update", saved, ["price", "flag", "data", "at"])
        again = await fetch(db, Everything.objects.order_by("name"))
        assert [(str(e.price), e.flag, e.data, e.at) for e in again] == [
            ("2.25", True, {"b": [1]}, NOW)
        ] * 2

    run(body)


def test_select_for_update(run: Run) -> None:
    async def body(db: Db) -> None:
        what, _ = await poll(db)
        locked = Question.objects.select_for_update().filter(pk=what.pk)
        with pytest.raises(TransactionManagementError):
            await fetch(db, locked)
        async with db.atomic():
            assert [q.pk for q in await fetch(db, locked)] == [what.pk]
            rows = Choice.objects.select_related("question").select_for_update(of=("self",))
            if db.wrapper.vendor == "mysql" and db.wrapper.dialect.is_mariadb:  # type: ignore[attr-defined]
                with pytest.raises(NotSupportedError):
                    await fetch(db, rows)
            else:
                assert len(await fetch(db, rows)) == 4
            skip = Question.objects.select_for_update(skip_locked=True)
            assert len(await fetch(db, skip)) == 2
            assert await call(db, Question.objects.select_for_update(nowait=True), "count") == 2

    run(body)


def test_raw(backend: Any) -> None:
    what = Question.objects.create(question_text="50% off", pub_date=NOW)
    Question.objects.create(question_text="other", pub_date=NOW)
    rows = list(
        Question.objects.raw(
            "SELECT id, question_text, 1 AS extra FROM queries_question "
            "WHERE question_text LIKE %s ORDER BY id",
            ["50%%"],
        )
    )
    assert [q.pk for q in rows] == [what.pk]
    assert rows[0].question_text == "50% off" and rows[0].extra == 1
    assert "pub_date" not in rows[0].__dict__ and rows[0].pub_date == NOW  # deferred
    everything = list(Question.objects.raw("SELECT * FROM queries_question ORDER BY id"))
    assert len(everything) == 2 and everything[1].pub_date == NOW
    with pytest.raises(FieldError):
        list(Question.objects.raw("SELECT question_text FROM queries_question"))


def test_functions_case_subquery_exists(run: Run) -> None:
    async def body(db: Db) -> None:
        what, _ = await poll(db)
        await call(db, Question.objects, "create", question_text="Empty", pub_date=NOW)
        names = Question.objects.order_by("pk").annotate(
            low=Lower("question_text"),
            up=Upper("question_text"),
            size=Length("question_text"),
            label=Concat(F("question_text"), Value(" #"), F("id")),
        )
        first = (await fetch(db, names))[0]
        assert (first.low, first.up, first.size) == ("what's new?", "WHAT'S NEW?", 11)
        assert first.label == f"What's new? #{what.pk}"
        by_name = names.filter(low__startswith="what", size__gt=3).values_list("up", flat=True)
        assert await fetch(db, by_name) == ["WHAT'S NEW?"]
        best = Choice.objects.filter(question=OuterRef("pk")).order_by("-votes")
        qs = Question.objects.order_by("pk").annotate(
            top=Subquery(best.values("choice_text")[:1]),
            top_votes=Coalesce(Subquery(best.values("votes")[:1]), 0),
            has=Exists(Choice.objects.filter(question=OuterRef("pk"), votes__gt=4)),
        )
        got = [(q.top, q.top_votes, q.has) for q in await fetch(db, qs)]
        assert got == [("Cats", 7, True), ("Me", 5, True), (None, 0, False)]
        no_choices = Question.objects.filter(
            ~Exists(Choice.objects.filter(question=OuterRef("pk")))
        )
        assert [q.question_text for q in await fetch(db, no_choices)] == ["Empty"]
        in_sub = Question.objects.filter(pk__in=Subquery(Choice.objects.values("question")))
        assert await call(db, in_sub, "count") == 2
        grades = Choice.objects.order_by("pk").annotate(
            grade=Case(
                When(votes__gte=5, then=Value("high")),
                When(Q(votes=0) | Q(choice_text="x"), then=Value("none")),
                default=Value("low"),
            )
        )
        assert [c.grade for c in await fetch(db, grades)] == ["low", "none", "high", "high"]
        counts = await call(
            db,
            Choice.objects,
            "aggregate",
            many=Count("id", filter=Q(votes__gt=1)),
            qs=Count("question", distinct=True),
            weighted=Sum(Case(When(votes__gt=4, then=F("votes")), default=Value(0))),
        )
        assert counts == {"many": 3, "qs": 2, "weighted": 12}
        spread = await call(
            db,
            Choice.objects,
            "aggregate",
            sd=StdDev("votes"),
            var=Variance("votes"),
            svar=Variance("votes", sample=True),
        )
        # votes 2, 0, 7, 5: mean 3.5, squares 2.25 + 12.25 + 12.25 + 2.25 = 29
        assert math.isclose(spread["var"], 29 / 4)
        assert math.isclose(spread["sd"], math.sqrt(29 / 4))
        assert math.isclose(spread["svar"], 29 / 3)
        grouped = Question.objects.annotate(sd=StdDev("choices__votes")).filter(pk=what.pk)
        assert math.isclose((await fetch(db, grouped))[0].sd, math.sqrt(26 / 3))

    run(body)


def test_window_functions(run: Run) -> None:
    async def body(db: Db) -> None:
        what, _ = await poll(db)
        await call(db, Choice.objects, "create", question=what, choice_text="Dogs", votes=7)
        qs = Choice.objects.order_by("question", "-votes", "choice_text").annotate(
            row=Window(RowNumber(), partition_by="question", order_by=["-votes", "choice_text"]),
            rank=Window(Rank(), partition_by=[F("question")], order_by="-votes"),
            dense=Window(DenseRank(), order_by="-votes"),
            prev=Window(Lag("votes"), partition_by="question", order_by="-votes"),
            nxt=Window(Lead("votes", 1, -1), partition_by="question", order_by="-votes"),
            total=Window(Sum("votes"), partition_by="question"),
        )
        got = [
            (c.choice_text, c.row, c.rank, c.dense, c.prev, c.total) for c in await fetch(db, qs)
        ]
        assert got == [
            ("Cats", 1, 1, 1, None, 16),
            ("Dogs", 2, 1, 1, 7, 16),
            ("Not much", 3, 3, 3, 7, 16),
            ("The sky", 4, 4, 4, 2, 16),
            ("Me", 1, 1, 2, None, 5),
        ]
        assert [c.nxt for c in await fetch(db, qs)][-2:] == [-1, -1]

    run(body)


def test_json_key_lookups(run: Run) -> None:
    async def body(db: Db) -> None:
        docs = {
            "a": {"kind": "x", "n": 1, "deep": {"b": 2}, "tags": ["p", "q"], "ok": True},
            "b": {"kind": "y", "n": 5, "deep": {"b": 3}, "none": None, "ok": False},
            "c": {"kind": "x's", "n": 2.5},
            "d": None,
        }
        for name, data in docs.items():
            await call(db, Everything.objects, "create", name=name, data=data)

        async def names(**lookups: Any) -> list[str]:
            qs = Everything.objects.filter(**lookups).order_by("name")
            return await fetch(db, qs.values_list("name", flat=True))

        assert await names(data__kind="x") == ["a"]
        assert await names(data__kind="x's") == ["c"]
        assert await names(data__n=1) == ["a"]
        assert await names(data__n__gt=1) == ["b", "c"]
        assert await names(data__n__lte=2.5) == ["a", "c"]
        assert await names(data__deep__b=3) == ["b"]
        assert await names(data__tags__1="q") == ["a"]
        assert await names(data__ok=True) == ["a"]
        assert await names(data__ok=False) == ["b"]
        assert await names(data__has_key="deep") == ["a", "b"]
        assert await names(data__deep__has_key="b") == ["a", "b"]
        assert await names(data__has_keys=["kind", "tags"]) == ["a"]
        assert await names(data__has_any_keys=["tags", "none"]) == ["a", "b"]
        assert await names(data__none=None) == ["b"]
        assert await names(data__n__isnull=True) == ["d"]  # a NULL document has no keys
        assert await names(data__deep__isnull=True) == ["c", "d"]
        assert await names(data__deep__isnull=False) == ["a", "b"]
        assert await names(data__kind__startswith="x") == ["a", "c"]
        assert await names(data__kind__in=["y", "x's"]) == ["b", "c"]
        assert await names(data__deep={"b": 2}) == ["a"]
        assert await names(data__isnull=True) == ["d"]
        excluded = Everything.objects.exclude(data__kind="x").order_by("name")
        assert await fetch(db, excluded.values_list("name", flat=True)) == ["b", "c", "d"]
        if db.wrapper.vendor == "postgresql":
            assert await names(data__contains={"kind": "x"}) == ["a"]
        else:
            with pytest.raises(NotSupportedError):
                await names(data__contains={"kind": "x"})
        for hostile in ("k'); DROP TABLE queries_everything; --", 'a"b', "a.b", "a b", "a[0]"):
            with pytest.raises(FieldError):
                Everything.objects.filter(**{f"data__{hostile}": 1})
        assert await call(db, Everything.objects, "count") == 4

    run(body)


def test_combinations(run: Run) -> None:
    async def body(db: Db) -> None:
        what, who = await poll(db)
        busy = Question.objects.annotate(
            many=Count("choices", filter=Q(choices__votes__gt=1)),
            kinds=Count("choices__votes", distinct=True),
        ).order_by("pk")
        assert [(q.many, q.kinds) for q in await fetch(db, busy)] == [(2, 3), (1, 1)]
        newest = Choice.objects.order_by("pk")[:2]
        got = await call(db, newest, "aggregate", at=Max("question__pub_date"), n=Count("*"))
        assert got == {"at": NOW, "n": 2}
        pairs = Choice.objects.values_list("question", "votes").order_by("votes")
        rows = [r async for r in pairs.aiterator(2)] if db.is_async else list(pairs.iterator(2))
        assert rows == [(what.pk, 0), (what.pk, 2), (who.pk, 5), (what.pk, 7)]
        assert await call(db, Choice.objects.values("question").distinct(), "count") == 2
        async with db.atomic():
            got_q = await call(db, Question.objects.select_for_update(), "get", pk=who.pk)
            assert got_q == who
        scores = Question.objects.annotate(
            score=Coalesce(Sum("choices__votes", filter=Q(choices__votes__gte=5)), Value(0))
        ).order_by("-score", "pk")
        assert [(q.pk, q.score) for q in await fetch(db, scores)] == [(what.pk, 7), (who.pk, 5)]
        per = Choice.objects.values("question").annotate(n=Count("id"))
        assert await call(db, per, "aggregate", most=Max("n"), groups=Count("*")) == {
            "most": 3,
            "groups": 2,
        }

    run(body)
