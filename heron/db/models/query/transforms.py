"""Date and time transforms: ``pub_date__year=2026``, ``at__hour__gte=9``, ``at__date=day``.

A transform turns the column of a ``DateField`` / ``DateTimeField`` / ``TimeField`` into a
part of it, and the lookup that follows (``exact`` by default, or ``gt``, ``in``, ``range``...)
compares that part. On a ``DateTimeField`` with ``USE_TZ`` on, the parts are those of the
local time in the *current* time zone (``zones.py``); ``__year`` and ``__date`` comparisons
become ranges of the raw column instead (``ranges.py``: index-friendly, bounds computed in
that zone):

=============  =====================================================================
``date``       the date of a datetime
``year``       ``month`` (1-12), ``day`` (1-31), ``quarter`` (1-4)
``week_day``   1 (Sunday) to 7 (Saturday)
``iso_week_day`` 1 (Monday) to 7 (Sunday)
``hour``       ``minute``, ``second`` (datetimes and times)
=============  =====================================================================

Transforms work in ``filter()``/``exclude()``, ``values()``/``values_list()`` and
``order_by()``, and in expressions (``F("at__hour")``). ``apply`` builds the SQLAlchemy
expression per backend with no I/O (``transform`` reads the current time zone; on
MariaDB/MySQL the wrapper says whether the server knows named zones, probed once per
database when it first connects).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from heron.db.exceptions import NotSupportedError

from ..fields.numeric import IntegerField
from ..fields.temporal import DateField, DateTimeField, TimeField
from .lookups import bind
from .zones import current_zone, local_column

__all__ = [
    "RANGED",
    "TRANSFORMS",
    "TransformSource",
    "accepts",
    "apply",
    "source_of",
    "transform",
]

_DATE_PARTS = ("year", "quarter", "month", "day", "week_day", "iso_week_day")
_TIME_PARTS = ("hour", "minute", "second")
TRANSFORMS = frozenset(("date", *_DATE_PARTS, *_TIME_PARTS))

_SQLITE = {
    "year": "%Y",
    "month": "%m",
    "day": "%d",
    "hour": "%H",
    "minute": "%M",
    "second": "%S",
    "week_day": "%w",
}
_MYSQL = {
    "year": "year",
    "quarter": "quarter",
    "month": "month",
    "day": "dayofmonth",
    "week_day": "dayofweek",
    "hour": "hour",
    "minute": "minute",
    "second": "second",
}


def _kind(field: Any) -> str | None:
    if isinstance(field, DateTimeField):
        return "datetime"
    if isinstance(field, DateField):
        return "date"
    if isinstance(field, TimeField):
        return "time"
    return None


def accepts(field: Any, name: str) -> bool:
    """Whether ``name`` is a transform of ``field`` (``year`` of a DateField, ...)."""
    kind = _kind(field)
    if kind is None or name not in TRANSFORMS:
        return False
    if kind == "date":
        return name in _DATE_PARTS
    if kind == "time":
        return name in _TIME_PARTS
    return True


def output_field(name: str) -> Any:
    """The field that prepares the right-hand side of a lookup on transform ``name``."""
    return DateField(null=True) if name == "date" else IntegerField(null=True)


class TransformSource:
    """What a transformed lookup started from (kept on its output field): the transform's
    ``name``, the ``DateTimeField`` and its raw ``column``, the ``zone`` of the local time,
    and ``error``, set when the backend cannot convert to that zone (raised unless the
    lookup can be rewritten as a range)."""

    def __init__(self, name: str, field: Any, column: Any, zone: Any) -> None:
        self.name = name
        self.field = field
        self.column = column
        self.zone = zone
        self.error: Exception | None = None


def source_of(field: Any) -> TransformSource | None:
    """The ``TransformSource`` of a transform's output field (None for other fields)."""
    found = getattr(field, "transform_source", None)
    return found if isinstance(found, TransformSource) else None


def apply(
    name: str, field: Any, column: Any, vendor: str, wrapper: Any = None, zone: Any = None
) -> Any:
    """The SQL expression of transform ``name`` over ``column`` (a column of ``field``);
    a datetime column is first converted to the wall time in ``zone`` (None: as stored)."""
    if _kind(field) == "datetime":
        column = local_column(column, vendor, wrapper, zone)
    if vendor == "postgresql":
        if name == "date":
            return sa.cast(column, sa.Date)
        part = {"week_day": "dow", "iso_week_day": "isodow"}.get(name, name)
        value = sa.cast(sa.extract(part, column), sa.Integer)
        return value + 1 if name == "week_day" else value
    if vendor == "mysql":
        if name == "date":
            return sa.func.date(column)
        if name == "iso_week_day":
            return sa.func.weekday(column) + 1
        return getattr(sa.func, _MYSQL[name])(column)
    # SQLite stores ISO text: strftime reads it.
    if name == "date":
        return sa.func.date(column)
    if name == "quarter":
        month = sa.cast(sa.func.strftime(bind("%m"), column), sa.Integer)
        return (month + 2) // 3
    if name == "iso_week_day":
        day = sa.cast(sa.func.strftime(bind("%w"), column), sa.Integer)
        return sa.case((day == 0, 7), else_=day)
    value = sa.cast(sa.func.strftime(bind(_SQLITE[name]), column), sa.Integer)
    return value + 1 if name == "week_day" else value


def transform(
    field: Any,
    column: Any,
    rest: Sequence[str],
    vendor: str,
    wrapper: Any = None,
    *,
    lookup_follows: bool = False,
) -> tuple[Any, Any, Sequence[str]]:
    """Apply ``rest[0]`` when it is a transform of ``field``: ``(field, column, rest)`` for
    the lookup that follows (the field preparing its value, the transformed column).

    ``lookup_follows``: a filter lookup comes next, so a ``year`` / ``date`` transform the
    backend cannot convert may still be answered as a range (the error waits on the
    output field's ``TransformSource`` until then)."""
    if not rest or not accepts(field, rest[0]):
        return field, column, rest
    name = rest[0]
    out = output_field(name)
    if _kind(field) != "datetime":
        return out, apply(name, field, column, vendor), rest[1:]
    source = TransformSource(name, field, column, current_zone())
    out.transform_source = source
    try:
        expr = apply(name, field, column, vendor, wrapper, source.zone)
    except Exception as exc:
        if not (isinstance(exc, NotSupportedError) and lookup_follows and name in RANGED):
            raise
        source.error = exc
        expr = column  # never compared as is: ranges.range_lookup answers or raises
    return out, expr, rest[1:]


RANGED = frozenset(("year", "date"))
"""Transforms whose comparisons ``ranges.range_lookup`` rewrites as ranges of the column."""
