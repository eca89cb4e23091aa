"""The compiled-SQL cache (``heron.db.models.query.shapes``): one compile per query shape.

Each body runs sync and async on every configured backend. ``shape_cache.compiles`` counts
statements built and compiled for a cacheable shape, ``hits`` the queries served from the
cache, ``bypasses`` the queries compiled without it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from heron.db.instrumentation import execution_listener
from heron.db.models import F, Q
from heron.db.models.query.shapes import shape_cache

from ..conftest import Db
from .models import Choice, Everything, Note, Question

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


async def fetch(db: Db, qs: Any) -> list[Any]:
    if db.is_async:
        return [obj async for obj in qs]
    return list(qs)


async def texts(db: Db, qs: Any) -> list[str]:
    return [q.question_text for q in await fetch(db, qs.order_by("id"))]


class Statements:
    """Every (sql, params) sent while the block runs."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, list[Any]]] = []

    def __call__(self, alias: str, sql: str, params: Any) -> None:
        self.seen.append((" ".join(sql.split()), list(params or ())))


async def questions(db: Db) -> list[Question]:
    made = []
    for i, text in enumerate(["Alpha", "beta", "Gamma 50%_", "delta\\x"]):
        made.append(
            await call(
                db,
                Question.objects,
                "create",
                question_text=text,
                pub_date=NOW + dt.timedelta(days=i),
            )
        )
    return made


def test_same_shape_compiles_once(run: Run) -> None:
    async def body(db: Db) -> None:
        made = await questions(db)
        shape_cache.clear()
        for q in made:
            found = await call(db, Question.objects, "get", pk=q.pk)
            assert found == q and found.question_text == q.question_text
            assert found.pub_date == q.pub_date and found.pub_date.tzinfo is dt.UTC
            assert found._state.adding is False and found._state.db == "default"
            assert found._state.fields_cache == {}
            assert set(vars(found)) == {"id", "question_text", "pub_date", "_state"}
        assert (shape_cache.compiles, shape_cache.hits) == (1, 3)
        for q in made:
            rows = await fetch(db, Question.objects.filter(question_text=q.question_text))
            assert rows == [q]
        assert (shape_cache.compiles, shape_cache.hits) == (2, 6)
        assert shape_cache.bypasses == 0

    run(body)


def test_none_and_values_are_different_shapes(run: Run) -> None:
    async def body(db: Db) -> None:
        what, who = (await questions(db))[:2]
        lone = await call(db, Note.objects, "create", text="lone")
        tied = await call(db, Note.objects, "create", text="tied", question=what)
        statements = Statements()
        with execution_listener(statements):
            assert await fetch(db, Note.objects.filter(question=None)) == [lone]
            assert await fetch(db, Note.objects.filter(question=what)) == [tied]
            assert await fetch(db, Note.objects.filter(question=None)) == [lone]
            assert await fetch(db, Note.objects.filter(question=who)) == []
            # exclude() keeps NULL rows whatever the cached shape saw first
            kept = await fetch(db, Note.objects.exclude(question=who))
            assert sorted(n.pk for n in kept) == [lone.pk, tied.pk]
            assert await fetch(db, Note.objects.exclude(question=what)) == [lone]
        sqls = [sql for sql, _ in statements.seen]
        assert "IS NULL" in sqls[0] and "IS NULL" not in sqls[1]
        assert sqls[0] == sqls[2] and sqls[1] == sqls[3] and sqls[4] == sqls[5]
        params = [params for _, params in statements.seen]
        assert params[:4] == [[], [what.pk], [], [who.pk]]
        assert (shape_cache.compiles, shape_cache.hits) == (3, 3)

    run(body)


DAY = dt.timedelta(days=1)
ALL = ["Alpha", "beta", "Gamma 50%_", "delta\\x"]
LOOKUPS: list[tuple[str, Any, list[str], Any, list[str]]] = [
    ("question_text", "Alpha", ["Alpha"], "beta", ["beta"]),
    ("question_text__iexact", "ALPHA", ["Alpha"], "BETA", ["beta"]),
    ("question_text__contains", "50%_", ["Gamma 50%_"], "lph", ["Alpha"]),
    ("question_text__icontains", "ETA", ["beta"], "A 5", ["Gamma 50%_"]),
    ("question_text__startswith", "Al", ["Alpha"], "G", ["Gamma 50%_"]),
    ("question_text__istartswith", "al", ["Alpha"], "DELTA\\", ["delta\\x"]),
    ("question_text__endswith", "%_", ["Gamma 50%_"], "\\x", ["delta\\x"]),
    ("question_text__iendswith", "PHA", ["Alpha"], "TA", ["beta"]),
    ("question_text__in", ["Alpha", "beta"], ["Alpha", "beta"], ["nope", "delta\\x"], ALL[3:]),
    ("pub_date", NOW + DAY, ["beta"], NOW, ["Alpha"]),
    ("pub_date__gt", NOW + 2 * DAY, ALL[3:], NOW, ALL[1:]),
    ("pub_date__gte", NOW + 3 * DAY, ALL[3:], NOW + 2 * DAY, ALL[2:]),
    ("pub_date__lt", NOW + DAY, ["Alpha"], NOW, []),
    ("pub_date__lte", NOW, ["Alpha"], NOW + DAY, ALL[:2]),
    ("pub_date__range", (NOW, NOW), ["Alpha"], (NOW + DAY, NOW + 2 * DAY), ALL[1:3]),
    ("id__lt", 0, [], 10**9, ALL),
]


def test_every_lookup_after_a_cache_hit(run: Run) -> None:
    async def body(db: Db) -> None:
        await questions(db)
        for key, first, first_rows, second, second_rows in LOOKUPS:
            assert await texts(db, Question.objects.filter(**{key: first})) == first_rows, key
            hits, bypasses = shape_cache.hits, shape_cache.bypasses
            assert await texts(db, Question.objects.filter(**{key: second})) == second_rows, key
            if key == "question_text__endswith" and db.wrapper.vendor == "sqlite":
                # SQLite's SQL for endswith holds the value's length: never cached.
                assert shape_cache.bypasses == bypasses + 1
            else:
                assert shape_cache.hits == hits + 1, key

    run(body)


def test_in_lists_slices_count_and_exists(run: Run) -> None:
    async def body(db: Db) -> None:
        made = await questions(db)
        ids = [q.pk for q in made]
        by_ids = Question.objects.filter
        assert await texts(db, by_ids(pk__in=ids[:1])) == ALL[:1]
        assert await texts(db, by_ids(pk__in=ids[1:3])) == ALL[1:3]  # another length
        assert await texts(db, by_ids(pk__in=ids[2:4])) == ALL[2:4]  # a hit
        assert await texts(db, by_ids(pk__in=[])) == []
        assert await texts(db, by_ids(pk__in={ids[3]})) == ALL[3:]
        assert (shape_cache.compiles, shape_cache.hits) == (4, 1)
        ordered = Question.objects.order_by("id")
        pages = [[q.question_text for q in await fetch(db, ordered[i : i + 2])] for i in (0, 1, 2)]
        assert pages == [ALL[0:2], ALL[1:3], ALL[2:4]]
        assert [q.question_text for q in await fetch(db, ordered[:3])] == ALL[:3]
        assert [q.question_text for q in await fetch(db, ordered[:1])] == ALL[:1]
        assert await call(db, by_ids(pk__gt=ids[0]), "count") == 3
        assert await call(db, by_ids(pk__gt=ids[2]), "count") == 1
        assert await call(db, by_ids(pk__gt=ids[3]), "exists") is False
        assert await call(db, by_ids(pk__gt=ids[2]), "exists") is True
        assert await call(db, ordered[1:3], "count") == 2
        assert await call(db, ordered[3:10], "count") == 1

    run(body)


def test_hostile_values_stay_parameters(run: Run) -> None:
    hostile = ["x' OR '1'='1", "'; DROP TABLE queries_question; --", '" OR 1=1 --', "%", "_"]

    async def body(db: Db) -> None:
        await questions(db)
        statements = Statements()
        with execution_listener(statements):
            for value in hostile:
                assert await texts(db, Question.objects.filter(question_text=value)) == []
                assert await texts(db, Question.objects.filter(question_text__icontains=value)) == (
                    ["Gamma 50%_"] if value in "%_" else []
                )
                assert await texts(db, Question.objects.filter(question_text__in=[value])) == []
        assert len({sql for sql, _ in statements.seen}) == 3  # one text per shape
        for sql, params in statements.seen:
            assert not any(value in sql for value in hostile[:3])
            assert params
        assert await call(db, Question.objects, "count") == 4

    run(body)


def test_expressions_annotations_and_json_are_compiled_each_time(run: Run) -> None:
    async def body(db: Db) -> None:
        what, who = (await questions(db))[:2]
        await call(db, Choice.objects, "create", question=what, choice_text="a", votes=3)
        await call(db, Choice.objects, "create", question=who, choice_text="b", votes=1)
        for votes in (2, 0):
            rows = await fetch(db, Choice.objects.filter(votes__gt=F("id") - votes))
            assert all(c.votes > c.id - votes for c in rows)
        await call(db, Everything.objects, "create", name="j", data={"k": {"n": 1}})
        for n, count in ((1, 1), (2, 0)):
            assert await call(db, Everything.objects.filter(data__k__n=n), "count") == count
        annotated = Question.objects.filter(pk=what.pk).annotate(doubled=F("id") * 2)
        assert [q.doubled for q in await fetch(db, annotated)] == [what.pk * 2]
        either = Question.objects.filter(Q(pk=what.pk) | Q(question_text=who.question_text))
        assert await texts(db, either) == ALL[:2]
        assert shape_cache.bypasses == 5
        assert shape_cache.compiles == 1  # only the Q(...) | Q(...) shape

    run(body)


def test_get_through_the_cache(run: Run) -> None:
    async def body(db: Db) -> None:
        what, who = (await questions(db))[:2]
        await call(db, Question.objects, "create", question_text="beta", pub_date=NOW)
        assert await call(db, Question.objects, "get", question_text="Alpha") == what
        assert await call(db, Question.objects.using("default"), "get", pk=who.pk) == who
        with pytest.raises(Question.DoesNotExist, match="Question matching query does not"):
            await call(db, Question.objects, "get", pk=-1)
        with pytest.raises(
            Question.MultipleObjectsReturned, match="get\\(\\) returned 2 Question rows"
        ):
            await call(db, Question.objects, "get", question_text="beta")
        from heron.db.models import FieldError

        with pytest.raises(FieldError, match="Cannot resolve 'nope'"):
            await call(db, Question.objects, "get", nope=1)
        assert shape_cache.compiles == 2  # question_text=..., pk=...
        assert shape_cache.hits == 2

    run(body)


def test_the_cache_is_bounded(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shape_cache, "limit", 3)

    async def body(db: Db) -> None:
        await questions(db)
        for name in ("question_text", "pub_date__lt", "id__gt", "id__lt", "id__gte"):
            value = NOW if name.startswith("pub") else 0
            await fetch(db, Question.objects.filter(**{name: value}))
        assert len(shape_cache) == 3
        assert shape_cache.compiles == 5

    run(body)


def test_bulk_create_sets_pks_and_reuses_sql(run: Run) -> None:
    async def body(db: Db) -> None:
        statements = Statements()
        new = [Question(question_text=f"q{i}", pub_date=NOW) for i in range(5)]
        with execution_listener(statements):
            await call(db, Question.objects, "bulk_create", new, batch_size=2)
        if db.wrapper.vendor == "mysql":
            assert [sql for sql, _ in statements.seen] == [statements.seen[0][0]] * 3
        else:
            stored = await fetch(db, Question.objects.order_by("id"))
            assert [q.pk for q in new] == [q.pk for q in stored]
            assert [len(params) for _, params in statements.seen] == [4, 4, 2]
        kept = [Question(id=1000 + i, question_text=f"k{i}", pub_date=NOW) for i in range(3)]
        await call(db, Question.objects, "bulk_create", kept)
        got = await fetch(db, Question.objects.filter(pk__gte=1000).order_by("id"))
        assert [(q.pk, q.question_text, q.pub_date) for q in got] == [
            (1000, "k0", NOW),
            (1001, "k1", NOW),
            (1002, "k2", NOW),
        ]
        assert all(q._state.adding is False for q in new + kept)

    run(body)


def test_bulk_create_sql_on_sqlite(run: Run) -> None:
    async def body(db: Db) -> None:
        if db.wrapper.vendor != "sqlite":
            return
        statements = Statements()
        with execution_listener(statements):
            await call(
                db,
                Question.objects,
                "bulk_create",
                [Question(question_text=t, pub_date=NOW) for t in "ab"],
            )
            await call(
                db,
                Question.objects,
                "bulk_create",
                [Question(id=7, question_text="c", pub_date=NOW)],
            )
        stamp = "2026-01-02 03:04:05"
        assert statements.seen == [
            (
                "INSERT INTO queries_question (question_text, pub_date) VALUES (?, ?), (?, ?) "
                "RETURNING id",
                ["a", stamp, "b", stamp],
            ),
            (
                "INSERT INTO queries_question (id, question_text, pub_date) VALUES (?, ?, ?)",
                [(7, "c", stamp)],
            ),
        ]

    run(body)


def test_values_only_and_select_related_shapes(run: Run) -> None:
    async def body(db: Db) -> None:
        what, who = (await questions(db))[:2]
        await call(db, Choice.objects, "create", question=what, choice_text="a", votes=3)
        await call(db, Choice.objects, "create", question=who, choice_text="b", votes=1)
        for q in (what, who):
            dicts = await fetch(db, Question.objects.filter(pk=q.pk).values("question_text"))
            assert dicts == [{"question_text": q.question_text}]
            flat = Question.objects.filter(pk=q.pk).values_list("pub_date", flat=True)
            assert await fetch(db, flat) == [q.pub_date]
            partial = (await fetch(db, Question.objects.filter(pk=q.pk).only("id")))[0]
            assert "question_text" not in partial.__dict__ and partial.pk == q.pk
            joined = Choice.objects.select_related("question").filter(question=q)
            [choice] = await fetch(db, joined)
            assert choice._state.fields_cache["question"] == q
            assert choice._state.fields_cache["question"].pub_date == q.pub_date
        assert (shape_cache.compiles, shape_cache.hits) == (4, 4)
        # isnull with a non-bool value: the SQL follows its truth, so it is never cached
        assert await texts(db, Question.objects.filter(pub_date__isnull=0)) == ALL
        assert await texts(db, Question.objects.filter(pub_date__isnull=1)) == []
        assert shape_cache.bypasses == 2

    run(body)


def test_concurrent_reads_share_a_transaction_and_a_pool(backend: Any) -> None:
    """Concurrent tasks reading through the cache: inside one ``atomic()`` (one connection)
    and outside it (a connection each, from the pool)."""
    import asyncio

    from heron.db.transaction import atomic

    from ..conftest import run_async

    async def main() -> None:
        made = [
            await Question.objects.acreate(question_text=f"c{i}", pub_date=NOW) for i in range(6)
        ]

        async def read(q: Question) -> str:
            found = await Question.objects.aget(pk=q.pk)
            rows = [x async for x in Question.objects.filter(pk__in=[q.pk])]
            assert rows == [found]
            return found.question_text

        expected = [q.question_text for q in made]
        assert await asyncio.gather(*(read(q) for q in made)) == expected
        async with atomic():
            assert await asyncio.gather(*(read(q) for q in made)) == expected

    run_async(main)
