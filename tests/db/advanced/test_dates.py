"""dates() / datetimes(): distinct truncated values, in UTC or another time zone."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from heron.db.models import FieldError

from ..conftest import Db
from .helpers import Run, call
from .models import Event

pytestmark = pytest.mark.usefixtures("tables")

UTC = dt.UTC
PARIS = zoneinfo.ZoneInfo("Europe/Paris")


async def listed(db: Db, dates: object) -> list[object]:
    if db.is_async:
        return [value async for value in dates]  # type: ignore[attr-defined]
    return list(dates)  # type: ignore[call-overload]


async def events(db: Db) -> None:
    moments = [
        dt.datetime(2025, 12, 31, 23, 30, 15, tzinfo=UTC),  # Wednesday; 00:30 on Jan 1 in Paris
        dt.datetime(2026, 1, 1, 0, 10, 0, tzinfo=UTC),  # Thursday
        dt.datetime(2026, 1, 5, 9, 10, 59, tzinfo=UTC),  # Monday
        dt.datetime(2026, 3, 29, 0, 30, 0, tzinfo=UTC),  # Paris switches to summer time at 01:00
    ]
    for index, at in enumerate(moments):
        day = at.date() if index % 2 else None
        await call(db, Event.objects, "create", title=f"e{index}", at=at, day=day)


def test_dates(run: Run) -> None:
    async def body(db: Db) -> None:
        await events(db)
        d = dt.date
        assert await listed(db, Event.objects.dates("at", "year")) == [d(2025, 1, 1), d(2026, 1, 1)]
        assert await listed(db, Event.objects.dates("at", "month", order="DESC")) == [
            d(2026, 3, 1),
            d(2026, 1, 1),
            d(2025, 12, 1),
        ]
        assert await listed(db, Event.objects.dates("at", "week")) == [
            d(2025, 12, 29),
            d(2026, 1, 5),
            d(2026, 3, 23),
        ]
        assert await listed(
            db, Event.objects.filter(title__in=["e0", "e1"]).dates("at", "day")
        ) == [
            d(2025, 12, 31),
            d(2026, 1, 1),
        ]
        assert await listed(db, Event.objects.dates("day", "month")) == [
            d(2026, 1, 1),
            d(2026, 3, 1),
        ]
        assert await listed(db, Event.objects.none().dates("at", "year")) == []

    run(body)


def test_datetimes(run: Run) -> None:
    async def body(db: Db) -> None:
        await events(db)
        hours = await listed(db, Event.objects.datetimes("at", "hour"))
        assert hours == [
            dt.datetime(2025, 12, 31, 23, tzinfo=UTC),
            dt.datetime(2026, 1, 1, 0, tzinfo=UTC),
            dt.datetime(2026, 1, 5, 9, tzinfo=UTC),
            dt.datetime(2026, 3, 29, 0, tzinfo=UTC),
        ]
        seconds = await listed(db, Event.objects.filter(title="e2").datetimes("at", "second"))
        assert seconds == [dt.datetime(2026, 1, 5, 9, 10, 59, tzinfo=UTC)]
        paris_years = await listed(db, Event.objects.datetimes("at", "year", tzinfo=PARIS))
        assert paris_years == [dt.datetime(2026, 1, 1, tzinfo=PARIS)]  # 23:30 UTC is 2026 there
        paris_days = await listed(db, Event.objects.datetimes("at", "day", tzinfo=PARIS))
        assert [v.date() for v in paris_days] == [
            dt.date(2026, 1, 1),
            dt.date(2026, 1, 5),
            dt.date(2026, 3, 29),
        ]
        summer = await listed(
            db, Event.objects.filter(title="e3").datetimes("at", "hour", tzinfo=PARIS)
        )
        assert summer == [dt.datetime(2026, 3, 29, 1, tzinfo=PARIS)]
        assert summer[0].utcoffset() == dt.timedelta(hours=1)  # still winter time at 01:30

    run(body)


def test_errors() -> None:
    with pytest.raises(ValueError, match="kind must be one of year, month, week, day; not 'hour'"):
        list(Event.objects.dates("day", "hour"))
    with pytest.raises(FieldError, match="must be a DateTimeField, not DateField"):
        list(Event.objects.datetimes("day", "day"))
    with pytest.raises(FieldError, match="must be a DateField, not CharField"):
        list(Event.objects.dates("title", "day"))
    with pytest.raises(ValueError, match="order must be 'ASC' or 'DESC'"):
        list(Event.objects.dates("at", "day", order="sideways"))
    with pytest.raises(FieldError, match="Cannot resolve 'nope'"):
        Event.objects.dates("nope", "day")
