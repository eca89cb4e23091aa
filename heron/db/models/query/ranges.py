"""``__year`` and ``__date`` lookups on a ``DateTimeField`` as ranges of the raw column.

``pub_date__year=2026`` is ``pub_date >= <2026-01-01 00:00 local, in UTC> AND pub_date <
<2027-01-01 00:00 local, in UTC>``: the bounds are computed in Python in the current time
zone (``zones.bounds``), so the comparison can use an index on the column and needs no
time zone support from the database (MariaDB without its time zone tables answers these
too). ``gt``/``gte``/``lt``/``lte``/``range``/``in`` become one-sided ranges or an ``OR`` of
ranges; ``isnull`` and comparisons with expressions keep the transformed column.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from heron.timezone import use_tz

from .expressions import Combinable
from .lookups import bind
from .transforms import RANGED, TransformSource, source_of
from .zones import bounds

__all__ = ["RANGE_LOOKUPS", "range_lookup"]

RANGE_LOOKUPS = frozenset(("exact", "gt", "gte", "lt", "lte", "range", "in"))


def range_lookup(field: Any, lookup: str, value: Any, vendor: str) -> Any:
    """The range clause of ``<datetime>__year|date__<lookup>=value``, or None when the lookup
    is not one of those (raising the transform's pending error when it cannot be answered)."""
    source = source_of(field)
    if source is None:
        return None
    if not _rewritable(source, lookup, value):
        if source.error is not None:
            raise source.error
        return None
    if lookup == "in":
        items = [item for item in value if item is not None]
        if not items:
            return sa.false()
        return sa.or_(*[_between(source, field, item, item, vendor) for item in items])
    if lookup == "range":
        low, high = value
        return _between(source, field, low, high, vendor)
    if lookup == "exact":
        return _between(source, field, value, value, vendor)
    if lookup in ("gt", "lte"):  # after / up to the end of the value's year or day
        end = _bound(source, field, value, vendor, 1)
        if lookup == "gt":
            return sa.false() if end is None else source.column >= end
        return sa.true() if end is None else source.column < end
    start = _bound(source, field, value, vendor, 0)
    if lookup == "gte":
        return sa.true() if start is None else source.column >= start
    return sa.false() if start is None else source.column < start


def _rewritable(source: TransformSource, lookup: str, value: Any) -> bool:
    if source.name not in RANGED or lookup not in RANGE_LOOKUPS or value is None:
        return False
    if isinstance(value, Combinable | sa.ColumnElement):
        return False
    if lookup in ("in", "range"):
        items = list(value)
        return not any(isinstance(item, Combinable | sa.ColumnElement) for item in items) and (
            lookup == "in" or None not in items
        )
    return True


def _bound(source: TransformSource, field: Any, value: Any, vendor: str, which: int) -> Any:
    """A bound parameter of the start (0) or end (1) of ``value``'s year/day; None: unbounded."""
    parsed = field.to_python(value)  # the transform's IntegerField / DateField
    moment = _bounds(source, parsed, use_tz())[which]
    if moment is None:
        return None
    return bind(source.field.get_db_prep_value(moment, vendor))


def _bounds(source: TransformSource, value: Any, aware: bool) -> tuple[Any, Any]:
    return bounds(source.name, value, source.zone, aware)


def _between(source: TransformSource, field: Any, low: Any, high: Any, vendor: str) -> Any:
    start = _bound(source, field, low, vendor, 0)
    end = _bound(source, field, high, vendor, 1)
    parts = []
    if start is not None:
        parts.append(source.column >= start)
    if end is not None:
        parts.append(source.column < end)
    return sa.and_(*parts) if parts else sa.true()
