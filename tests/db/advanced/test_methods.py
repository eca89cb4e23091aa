"""earliest/latest, values_list(named=True), explain(), as_manager()/from_queryset(),
date transforms, regex lookups and the Now/Cast/ExpressionWrapper/Value expressions."""

from __future__ import annotations

import datetime as dt

import pytest

from heron.db import models
from heron.db.models import Cast, ExpressionWrapper, F, FieldError, Now, Value

from ..conftest import Db
from .helpers import Run, call, fetch
from .models import Event

pytestmark = pytest.mark.usefixtures("tables")

T0 = dt.datetime(2025, 12, 31, 23, 30, 15, tzinfo=dt.UTC)  # a Wednesday


async def events(db: Db) -> list[Event]:
    specs = [
        ("Alpha", T0, dt.date(2025, 12, 31), 3),
        ("Beta", T0 + dt.timedelta(hours=1), dt.date(2026, 1, 1), 1),
        ("Apex", T0 + dt.timedelta(days=40, minutes=5), None, 2),
    ]
    return [
        await call(db, Event.objects, "create", title=t, at=at, day=day, rank=rank)
        for t, at, day, rank in specs
    ]


def test_earliest_and_latest(run: Run) -> None:
    async def body(db: Db) -> None:
        alpha, beta, apex = await events(db)
        assert await call(db, Event.objects, "earliest") == alpha  # Meta.get_latest_by
        assert await call(db, Event.objects, "latest") == apex
        assert await call(db, Event.objects, "latest", "rank") == alpha
        assert await call(db, Event.objects, "earliest", "-rank") == alpha
        assert await call(db, Event.objects.filter(title__startswith="B"), "latest") == beta
        with pytest.raises(Event.DoesNotExist, match="Event matching query does not exist"):
            await call(db, Event.objects.filter(rank=99), "latest")
        with pytest.raises(TypeError, match=r"Cannot call earliest\(\) on a sliced QuerySet"):
            await call(db, Event.objects.all()[:1], "earliest")
        with pytest.raises(FieldError, match="Cannot resolve 'nope'"):
            await call(db, Event.objects, "latest", "nope")

    run(body)


def test_values_list_named(run: Run) -> None:
    async def body(db: Db) -> None:
        await events(db)
        rows = await fetch(db, Event.objects.values_list("title", "rank", named=True))
        assert [(r.title, r.rank) for r in rows] == [("Alpha", 3), ("Beta", 1), ("Apex", 2)]
        assert rows[0]._fields == ("title", "rank")
        with pytest.raises(TypeError, match="'flat' and 'named' can't be used together"):
            Event.objects.values_list("title", flat=True, named=True)

    run(body)


def test_explain(run: Run, backend: object) -> None:
    async def body(db: Db) -> None:
        await events(db)
        plan = await call(db, Event.objects.filter(rank__gt=1), "explain")
        assert isinstance(plan, str) and plan
        vendor = db.wrapper.vendor
        if vendor == "sqlite":
            assert "SCAN" in plan
            with pytest.raises(ValueError, match="on SQLite takes no format or options"):
                await call(db, Event.objects, "explain", format="json")
        elif vendor == "postgresql":
            assert "Seq Scan" in plan or "Index" in plan
            as_json = await call(db, Event.objects, "explain", format="json", analyze=True)
            assert '"Plan"' in as_json and '"Actual Rows"' in as_json
            with pytest.raises(ValueError, match="PostgreSQL options are analyze"):
                await call(db, Event.objects, "explain", **{"costs; DROP": True})
        else:
            assert "advanced_event" in plan
            assert '"query_block"' in await call(db, Event.objects, "explain", format="json")

    run(body)


def test_custom_managers(run: Run) -> None:
    async def body(db: Db) -> None:
        await events(db)
        assert Event.objects._queryset_class.__name__ == "EventQuerySet"
        titles = Event.objects.titled("A").values_list("title", flat=True)
        assert await fetch(db, titles) == ["Alpha", "Apex"]
        in_2026 = Event.objects.in_year(2026).values_list("title", flat=True)
        assert await fetch(db, in_2026) == ["Beta", "Apex"]
        both = Event.a_only.in_year(2026).values_list("title", flat=True)
        assert await fetch(db, both) == ["Apex"]  # get_queryset() override + queryset method
        assert await call(db, Event.a_only, "count") == 2
        with pytest.raises(TypeError, match="from_queryset\\(\\) takes a QuerySet subclass"):
            models.Manager.from_queryset(dict)  # type: ignore[arg-type]

    run(body)


def test_date_transforms(run: Run) -> None:
    async def body(db: Db) -> None:
        await events(db)

        async def titles(**lookups: object) -> list[str]:
            qs = Event.objects.filter(**lookups).values_list("title", flat=True)
            return await fetch(db, qs)

        assert await titles(at__year=2025) == ["Alpha"]
        assert await titles(at__year__gte=2026) == ["Beta", "Apex"]
        assert await titles(at__month=2) == ["Apex"]
        assert await titles(at__day=1) == ["Beta"]
        assert await titles(at__date=dt.date(2026, 1, 1)) == ["Beta"]
        assert await titles(at__week_day=4) == ["Alpha"]  # Wednesday (1 is Sunday)
        assert await titles(at__week_day=2) == ["Apex"]  # 2026-02-09 is a Monday
        assert await titles(at__week_day=5) == ["Beta"]  # 2026-01-01 is a Thursday
        assert await titles(at__iso_week_day=3) == ["Alpha"]
        assert await titles(at__hour=23) == ["Alpha", "Apex"]
        assert await titles(at__hour__in=[0, 1]) == ["Beta"]
        assert await titles(at__minute=35) == ["Apex"]
        assert await titles(at__second=15) == ["Alpha", "Beta", "Apex"]
        assert await titles(at__quarter=1) == ["Beta", "Apex"]
        assert await titles(day__year=2026) == ["Beta"]
        assert await fetch(
            db, Event.objects.exclude(day__year=2026).values_list("title", flat=True)
        ) == ["Alpha", "Apex"]
        years = Event.objects.order_by("-at__month", "title").values_list("title", "at__month")
        assert await fetch(db, years) == [("Alpha", 12), ("Apex", 2), ("Beta", 1)]
        with pytest.raises(FieldError, match="Unsupported lookup 'hour' in 'day__hour'"):
            Event.objects.filter(day__hour=1)

    run(body)


def test_regex(run: Run) -> None:
    async def body(db: Db) -> None:
        await events(db)

        async def titles(**lookups: object) -> list[str]:
            qs = Event.objects.filter(**lookups).values_list("title", flat=True)
            return await fetch(db, qs)

        assert await titles(title__regex=r"^A.e") == ["Apex"]
        assert await titles(title__regex=r"^a") == []
        assert await titles(title__iregex=r"^a") == ["Alpha", "Apex"]
        assert await titles(title__regex=r"(ph|et)a$") == ["Alpha", "Beta"]
        assert await titles(title__regex=r"'; DROP TABLE x; --") == []

    run(body)


def test_expressions(run: Run) -> None:
    async def body(db: Db) -> None:
        await events(db)
        past = Event.objects.filter(at__lt=Now()).values_list("title", flat=True)
        assert await fetch(db, past) == ["Alpha", "Beta", "Apex"]
        assert await call(db, Event.objects.filter(at__gt=Now()), "count") == 0
        rows = Event.objects.annotate(
            label=Cast("rank", models.CharField(max_length=10)),
            double=ExpressionWrapper(F("rank") * 2, output_field=models.IntegerField()),
            const=Value("x"),
            now=Now(),
        ).order_by("title")
        got = await fetch(db, rows)
        assert [(e.label, e.double, e.const) for e in got] == [
            ("3", 6, "x"),
            ("2", 4, "x"),
            ("1", 2, "x"),
        ]
        assert all(isinstance(e.now, dt.datetime) and e.now.tzinfo is not None for e in got)
        assert abs(got[0].now - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=5)
        as_int = Event.objects.annotate(n=Cast(Value("42"), models.IntegerField()))
        assert [e.n for e in await fetch(db, as_int)] == [42, 42, 42]
        with pytest.raises(TypeError, match="Cast\\(\\) takes a field instance"):
            Cast("rank", int)

    run(body)
