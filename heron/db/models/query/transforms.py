"""Date and time transforms: ``pub_date__year=2026``, ``at__hour__gte=9``, ``at__date=day``.

A transform turns the column of a ``DateField`` / ``DateTimeField`` / ``TimeField`` into a
part of it, and the lookup that follows (``exact`` by default, or ``gt``, ``in``, ``range``...)
compares that part. The parts are computed in UTC, the zone datetimes are stored in:

=============  =====================================================================
``date``       the date of a datetime
``year``       ``month`` (1-12), ``day`` (1-31), ``quarter`` (1-4)
``week_day``   1 (Sunday) to 7 (Saturday)
``iso_week_day`` 1 (Monday) to 7 (Sunday)
``hour``       ``minute``, ``second`` (datetimes and times)
=============  =====================================================================

Transforms work in ``filter()``/``exclude()``, ``values()``/``values_list()`` and
``order_by()``. ``apply`` builds the SQLAlchemy expression per backend; it is pure.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from .lookups import bind

__all__ = ["TRANSFORMS", "accepts", "apply", "transform"]

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
    from ..fields.temporal import DateField, DateTimeField, TimeField

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
    from ..fields.numeric import IntegerField
    from ..fields.temporal import DateField

    return DateField(null=True) if name == "date" else IntegerField(null=True)


def apply(name: str, field: Any, column: Any, vendor: str) -> Any:
    """The SQL expression of transform ``name`` over ``column`` (a column of ``field``)."""
    is_datetime = _kind(field) == "datetime"
    if vendor == "postgresql":
        if is_datetime:
            column = sa.func.timezone(sa.literal_column("'UTC'"), column)
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
    field: Any, column: Any, rest: Sequence[str], vendor: str
) -> tuple[Any, Any, Sequence[str]]:
    """Apply ``rest[0]`` when it is a transform of ``field``: ``(field, column, rest)`` for
    the lookup that follows (the field preparing its value, the transformed column)."""
    if not rest or not accepts(field, rest[0]):
        return field, column, rest
    return output_field(rest[0]), apply(rest[0], field, column, vendor), rest[1:]
