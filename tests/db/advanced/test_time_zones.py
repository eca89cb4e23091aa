"""Date/time transforms of a DateTimeField in the *current* time zone (USE_TZ on).

Alpha is stored as 2025-12-31 23:30 UTC, which is 2026-01-01 00:30 in Paris; Summer is
2026-07-01 22:15 UTC, 2026-07-02 00:15 in Paris (summer time, UTC+2).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from heron import timezone
from heron.conf import override_settings
from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.exceptions import NotSupportedError
from heron.db.models import F, ValidationError
from heron.test.queries import CaptureQueries

from ..conftest import Db
from .helpers import Run, call, fetch
from .models import Event

pytestmark = pytest.mark.usefixtures("tables")

UTC = dt.UTC
ALPHA = dt.datetime(2025, 12, 31, 23, 30, 15, tzinfo=UTC)
BETA = dt.datetime(2026, 1, 1, 0, 45, 0, tzinfo=UTC)
SUMMER = dt.datetime(2026, 7, 1, 22, 15, 0, tzinfo=UTC)
KOLKATA = dt.timezone(dt.timedelta(hours=5, minutes=30))  # a fixed offset


async def events(db: Db) -> None:
    for title, at in (("Alpha", ALPHA), ("Beta", BETA), ("Summer", SUMMER)):
        await call(db, Event.objects, "create", title=title, at=at)


async def titles(db: Db, **lookups: Any) -> list[str]:
    qs = Event.objects.filter(**lookups).order_by("at")
    return list(await fetch(db, qs.values_list("title", flat=True)))


def test_year_and_date_follow_the_current_zone(run: Run) -> None:
    async def body(db: Db) -> None:
        await events(db)
        assert await titles(db, at__year=2025) == ["Alpha"]  # TIME_ZONE is UTC
        assert await titles(db, at__date=dt.date(2026, 7, 1)) == ["Summer"]
        with timezone.override("Europe/Paris"):
            assert await titles(db, at__year=2026) == ["Alpha", "Beta", "Summer"]
            assert await titles(db, at__year=2025) == []
            assert await titles(db, at__year__lt=2026) == []
            assert await titles(db, at__year__lte=2026) == ["Alpha", "Beta", "Summer"]
            assert await titles(db, at__year__gt=2025) == ["Alpha", "Beta", "Summer"]
            assert await titles(db, at__year__gte=2027) == []
            assert await titles(db, at__year__in=[2025, 2026]) == ["Alpha", "Beta", "Summer"]
            assert await titles(db, at__year__range=(2020, 2025)) == []
            assert await titles(db, at__date=dt.date(2026, 1, 1)) == ["Alpha", "Beta"]
            assert await titles(db, at__date=dt.date(2026, 7, 1)) == []
            assert await titles(db, at__date="2026-07-02") == ["Summer"]
            assert await titles(db, at__date__gt=dt.date(2026, 1, 1)) == ["Summer"]
            assert await titles(db, at__date__lte=dt.date(2026, 1, 1)) == ["Alpha", "Beta"]
            assert await titles(db, at__date__range=(dt.date(2026, 1, 2), dt.date(2026, 7, 2))) == [
                "Summer"
            ]
            excluded = Event.objects.exclude(at__year=2026).values_list("title", flat=True)
            assert await fetch(db, excluded) == []
            with pytest.raises(ValidationError, match="Value 'soon' must be an integer"):
                await titles(db, at__year="soon")
        timezone.activate("America/New_York")
        try:  # New York is behind UTC: Beta (00:45 UTC) is still 2025 there
            assert await titles(db, at__year=2025) == ["Alpha", "Beta"]
        finally:
            timezone.deactivate()

    run(body)


def test_parts_in_a_fixed_offset_zone(run: Run) -> None:
    """Every backend converts to a fixed offset (MariaDB needs no time zone tables)."""

    async def body(db: Db) -> None:
        await events(db)
        with timezone.override(KOLKATA):  # Alpha 05:00, Beta 06:15, Summer 03:45 next day
            assert await titles(db, at__hour=5) == ["Alpha"]
            assert await titles(db, at__hour__gte=5) == ["Alpha", "Beta"]
            assert await titles(db, at__minute=15) == ["Beta"]
            assert await titles(db, at__second=15) == ["Alpha"]
            assert await titles(db, at__day=2) == ["Summer"]
            assert await titles(db, at__month=1) == ["Alpha", "Beta"]
            assert await titles(db, at__quarter=3) == ["Summer"]
            assert await titles(db, at__week_day=5) == ["Alpha", "Beta", "Summer"]  # Thursdays
            assert await titles(db, at__iso_week_day=4) == ["Alpha", "Beta", "Summer"]
            rows = Event.objects.order_by("-at__hour").values_list("title", "at__hour", "at__date")
            assert await fetch(db, rows) == [
                ("Beta", 6, dt.date(2026, 1, 1)),
                ("Alpha", 5, dt.date(2026, 1, 1)),
                ("Summer", 3, dt.date(2026, 7, 2)),
            ]
            annotated = Event.objects.annotate(h=F("at__hour")).order_by("h")
            assert [(e.title, e.h) for e in await fetch(db, annotated)] == [
                ("Summer", 3),
                ("Alpha", 5),
                ("Beta", 6),
            ]
        assert await titles(db, at__hour=23) == ["Alpha"]  # back in UTC

    run(body)


def test_parts_in_a_named_zone(run: Run) -> None:
    async def body(db: Db) -> None:
        await events(db)
        with timezone.override("Europe/Paris"):
            hours = Event.objects.order_by("at").values_list("title", "at__hour", "at__day")
            if db.wrapper.vendor == "mysql" and not db.wrapper.has_time_zone_tables():
                with pytest.raises(NotSupportedError, match="mysql_tzinfo_to_sql") as info:
                    await fetch(db, hours)
                assert str(info.value).startswith(
                    "This MariaDB/MySQL server cannot convert to the time zone 'Europe/Paris': "
                    "its time zone tables are empty; load them with"
                )
                with pytest.raises(NotSupportedError, match="time zone tables are empty"):
                    await titles(db, at__month=7)
                with pytest.raises(NotSupportedError, match="time zone tables are empty"):
                    await titles(db, at__year=F("rank"))  # an expression: no range rewrite
                return
            # Summer time: 22:15 UTC is 00:15 the next day in Paris.
            assert await fetch(db, hours) == [("Alpha", 0, 1), ("Beta", 1, 1), ("Summer", 0, 2)]
            assert await titles(db, at__month=7, at__day=2) == ["Summer"]
            assert await titles(db, at__week_day=5) == ["Alpha", "Beta", "Summer"]
            dates = Event.objects.order_by("at").values_list("at__date", flat=True)
            assert await fetch(db, dates) == [dt.date(2026, 1, 1)] * 2 + [dt.date(2026, 7, 2)]

    run(body)


def compact(queries: CaptureQueries) -> list[tuple[str, list[Any]]]:
    return [(" ".join(q.sql.split()), list(q.params or ())) for q in queries]


SELECT = "SELECT advanced_event.title FROM advanced_event WHERE "


def test_sql_of_ranges_and_conversions(backend: DatabaseWrapper) -> None:
    v = backend.vendor
    p = "?" if v == "sqlite" else "%s"
    tz = "::TIMESTAMP WITH TIME ZONE" if v == "postgresql" else ""
    start = dt.datetime(2025, 12, 31, 23, 0, tzinfo=UTC)  # 2026-01-01 00:00 in Paris
    end = dt.datetime(2026, 12, 31, 23, 0, tzinfo=UTC)
    bounds: dict[str, list[Any]] = {
        "sqlite": ["2025-12-31 23:00:00", "2026-12-31 23:00:00"],
        "postgresql": [start, end],
        "mysql": [start.replace(tzinfo=None), end.replace(tzinfo=None)],
    }
    hour = {
        "sqlite": f"CAST(strftime({p}, heron_localtime(advanced_event.at, {p})) AS INTEGER) = {p}",
        "postgresql": "CAST(EXTRACT(hour FROM timezone(CAST(%s AS INTERVAL), advanced_event.at)) "
        "AS INTEGER) = %s::INTEGER",
        "mysql": "hour(convert_tz(advanced_event.at, %s, %s)) = %s",
    }
    hour_params: dict[str, list[Any]] = {
        "sqlite": ["%H", "+05:30", 7],
        "postgresql": ["+05:30", 7],
        "mysql": ["+00:00", "+05:30", 7],
    }
    titles = Event.objects.values_list("title", flat=True).order_by()
    with CaptureQueries() as queries, timezone.override("Europe/Paris"):
        list(titles.filter(at__year=2026))
    with CaptureQueries() as more, timezone.override(KOLKATA):
        list(titles.filter(at__hour=7))
    assert compact(queries) + compact(more) == [
        (SELECT + f"advanced_event.at >= {p}{tz} AND advanced_event.at < {p}{tz}", bounds[v]),
        (SELECT + hour[v], hour_params[v]),
    ]


def test_compiled_sql_cache_keys_on_the_zone(run: Run) -> None:
    """The same query shapes in two zones give each zone's answer (no stale cached SQL)."""

    async def body(db: Db) -> None:
        await events(db)
        days = Event.objects.order_by("at").values_list("title", "at__day")
        for _ in range(2):
            with timezone.override(KOLKATA):
                assert await fetch(db, days.all()) == [("Alpha", 1), ("Beta", 1), ("Summer", 2)]
                assert await titles(db, at__date__gte=dt.date(2026, 1, 1)) == [
                    "Alpha",
                    "Beta",
                    "Summer",
                ]
            assert await fetch(db, days.all()) == [("Alpha", 31), ("Beta", 1), ("Summer", 1)]
            assert await titles(db, at__date__gte=dt.date(2026, 1, 1)) == ["Beta", "Summer"]

    run(body)


def test_use_tz_off_reads_values_as_stored(run: Run) -> None:
    """Without USE_TZ datetimes are naive wall times: no zone applies, even an active one."""

    async def body(db: Db) -> None:
        with override_settings(USE_TZ=False), timezone.override("Asia/Tokyo"):
            at = dt.datetime(2025, 12, 31, 23, 30)
            await call(db, Event.objects, "create", title="Naive", at=at)
            assert await titles(db, at__year=2025, at__hour=23) == ["Naive"]
            assert await titles(db, at__date=dt.date(2025, 12, 31)) == ["Naive"]
            assert await titles(db, at__year__gte=2026) == []

    run(body)
