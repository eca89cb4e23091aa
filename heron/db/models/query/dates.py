"""``QuerySet.dates()`` / ``datetimes()``: the distinct dates (or datetimes) of a field,
truncated to a ``kind``.

``Event.objects.dates("at", "month")`` lists the first day of every month holding a row;
``datetimes("at", "hour", tzinfo=zone)`` the hours, as aware datetimes in ``zone``. Kinds:
``year``, ``month``, ``week`` (weeks start on Monday), ``day``; ``datetimes()`` also takes
``hour``, ``minute``, ``second``.

The database truncates in UTC (where datetimes are stored) and returns text that is parsed
here, the same on every backend. For another time zone (``tzinfo=``, or the current time zone
when ``USE_TZ`` is on and ``TIME_ZONE`` is not UTC) it truncates to the minute, and the
rows are converted and truncated in Python, so the result follows the zone's UTC offsets
(daylight saving time included). NULL values are left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any

from heron.timezone import get_current_timezone, use_tz

from ..exceptions import FieldError
from ..fields.temporal import DateField, DateTimeField
from . import compiler
from .lookups import bind
from .plan import Execute, run_async, run_sync

if TYPE_CHECKING:
    from heron.db.backends.base.wrapper import DatabaseWrapper

    from .queryset import QuerySet

__all__ = ["DateList", "date_step"]

DATE_KINDS = ("year", "month", "week", "day")
DATETIME_KINDS = (*DATE_KINDS, "hour", "minute", "second")

_TEXT = "%Y-%m-%d %H:%M:%S"
_SQLITE = {
    "year": "%Y-01-01 00:00:00",
    "month": "%Y-%m-01 00:00:00",
    "week": "%Y-%m-%d 00:00:00",
    "day": "%Y-%m-%d 00:00:00",
    "hour": "%Y-%m-%d %H:00:00",
    "minute": "%Y-%m-%d %H:%M:00",
    "second": _TEXT,
}


def _truncated(column: Any, kind: str, vendor: str, is_datetime: bool) -> Any:
    """``column`` truncated to ``kind``, as ``YYYY-MM-DD HH:MM:SS`` text (UTC)."""
    import sqlalchemy as sa

    if vendor == "postgresql":
        if is_datetime:
            column = sa.func.timezone(sa.literal_column("'UTC'"), column)
        unit: Any = sa.literal_column(f"'{kind}'")  # a checked kind, never caller text
        text: Any = sa.literal_column("'YYYY-MM-DD HH24:MI:SS'")
        return sa.func.to_char(sa.func.date_trunc(unit, column), text)
    if vendor == "mysql":
        if kind == "week":
            column = sa.func.subdate(column, sa.func.weekday(column))
        return sa.func.date_format(column, bind(_SQLITE[kind].replace("%M", "%i")))
    if kind == "week":
        return sa.func.strftime(bind(_SQLITE[kind]), column, bind("-6 days"), bind("weekday 1"))
    return sa.func.strftime(bind(_SQLITE[kind]), column)


def _floor(value: dt.datetime, kind: str) -> dt.datetime:
    """``value`` truncated to ``kind`` (in its own zone)."""
    if kind == "year":
        return value.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    if kind == "month":
        return value.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if kind in ("week", "day"):
        day = value.replace(hour=0, minute=0, second=0, microsecond=0)
        return day - dt.timedelta(days=day.weekday()) if kind == "week" else day
    if kind == "hour":
        return value.replace(minute=0, second=0, microsecond=0)
    if kind == "minute":
        return value.replace(second=0, microsecond=0)
    return value.replace(microsecond=0)


def _zone(field: Any, tzinfo: dt.tzinfo | None) -> dt.tzinfo | None:
    """The zone to truncate in: None for a DateField or with USE_TZ off."""
    if not isinstance(field, DateTimeField) or not use_tz():
        return None
    if tzinfo is not None:
        return tzinfo

    return get_current_timezone()


def date_step(
    query: Any,
    field_name: str,
    kind: str,
    order: str,
    tzinfo: dt.tzinfo | None,
    datetimes: bool,
    alias: str,
    wrapper: DatabaseWrapper,
) -> Execute:
    """The SELECT DISTINCT of the truncated values; its result is the sorted list."""
    import sqlalchemy as sa

    method = "datetimes" if datetimes else "dates"
    kinds = DATETIME_KINDS if datetimes else DATE_KINDS
    if kind not in kinds:
        raise ValueError(f"{method}(): kind must be one of {', '.join(kinds)}; not {kind!r}.")
    if order not in ("ASC", "DESC"):
        raise ValueError(f"{method}(): order must be 'ASC' or 'DESC', not {order!r}.")
    resolver = compiler.Resolver(query.model, wrapper, query.annotations)
    field, column, _ = resolver.resolve(field_name, allow_lookup=False)
    wanted = DateTimeField if datetimes else DateField
    if not isinstance(field, wanted):
        raise FieldError(
            f"{method}(): {field_name!r} must be a {wanted.__name__}, not "
            f"{type(field).__name__ if field is not None else 'an annotation'}."
        )
    zone = _zone(field, tzinfo)
    local = zone is not None and zone is not dt.UTC and getattr(zone, "key", None) != "UTC"
    sql_kind = "minute" if local and kind not in ("minute", "second") else kind
    value = _truncated(column, sql_kind, wrapper.vendor, isinstance(field, DateTimeField))
    where = [resolver.where(q) for q in query.where] + [column.isnot(None)]
    if query.empty:
        where.append(sa.false())
    stmt = sa.select(value).select_from(resolver.from_).where(*where).distinct()
    sql, params = compiler.compile_statement(stmt, wrapper)

    def build(rows: list[Any]) -> list[Any]:
        found = set()
        for (text,) in rows:
            moment = dt.datetime.strptime(str(text)[:19], _TEXT)
            if zone is not None:
                moment = moment.replace(tzinfo=dt.UTC).astimezone(zone)
                if local:
                    moment = _floor(moment, kind)
            found.add(moment if datetimes else moment.date())
        return sorted(found, reverse=order == "DESC")

    return Execute(alias, sql, params, "all", build)


class DateList:
    """What ``dates()`` / ``datetimes()`` return: lazy, iterable sync and async."""

    def __init__(self, queryset: QuerySet[Any], args: tuple[Any, ...]) -> None:
        self.queryset = queryset
        self.args = args
        self._cache: list[Any] | None = None

    def _step(self) -> Execute:
        qs = self.queryset
        field_name, kind, order, tzinfo, datetimes = self.args
        return date_step(qs.query, field_name, kind, order, tzinfo, datetimes, qs.db, qs._wrapper())

    def _core(self) -> Any:
        if self.queryset.query.is_sliced:
            raise TypeError("Cannot call dates()/datetimes() on a sliced QuerySet.")
        values: list[Any] = yield self._step()
        return values

    def _fetch_all(self) -> list[Any]:
        if self._cache is None:
            self._cache = run_sync(self._core())
        return self._cache

    def __iter__(self) -> Iterator[Any]:
        return iter(self._fetch_all())

    def __len__(self) -> int:
        return len(self._fetch_all())

    def __getitem__(self, index: int) -> Any:
        return self._fetch_all()[index]

    async def alist(self) -> list[Any]:
        if self._cache is None:
            found: list[Any] = await run_async(self._core())
            self._cache = found
        return list(self._cache)

    async def __aiter__(self) -> AsyncIterator[Any]:
        for value in await self.alist():
            yield value

    def __repr__(self) -> str:
        return f"<DateList {self.args[0]!r} by {self.args[1]}>"
