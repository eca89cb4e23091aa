"""Field lookups (``__exact``, ``__icontains``, ``__in``...) as SQLAlchemy Core clauses.

Every value becomes a bound parameter. ``contains``/``startswith``/``endswith`` escape ``%``,
``_`` and ``\\`` in the value. Case-insensitive lookups compare ``LOWER(column)`` with the
value lower-cased in Python, the same on every backend. Case-sensitive pattern lookups are
case-sensitive everywhere: SQLite's ``LIKE`` ignores ASCII case, so SQLite uses ``instr()`` /
``substr()``; MySQL compares with ``LIKE BINARY``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

__all__ = ["LOOKUPS", "bind", "build_lookup"]

LOOKUPS = frozenset(
    (
        "exact",
        "iexact",
        "contains",
        "icontains",
        "startswith",
        "istartswith",
        "endswith",
        "iendswith",
        "in",
        "gt",
        "gte",
        "lt",
        "lte",
        "range",
        "isnull",
    )
)

Prep = Callable[[Any], Any]


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def bind(value: Any) -> Any:
    """An untyped bound parameter: the driver adapts the value (no SQL-side casts)."""
    return sa.bindparam(None, value, type_=sa.types.NULLTYPE, unique=True)


def _pattern(lookup: str, text: str) -> str:
    escaped = _escape(text)
    if lookup.endswith("contains"):
        return f"%{escaped}%"
    if lookup.endswith("startswith"):
        return f"{escaped}%"
    return f"%{escaped}"


def _like(column: Any, pattern: str, vendor: str) -> Any:
    if vendor == "mysql":
        return column.like(bind(pattern))  # backslash is MySQL's default LIKE escape
    return column.like(bind(pattern), escape="\\")


def _case_sensitive(lookup: str, column: Any, text: str, vendor: str) -> Any:
    if vendor == "sqlite":
        if lookup == "contains":
            return sa.func.instr(column, bind(text)) > 0
        if lookup == "startswith":
            return sa.func.instr(column, bind(text)) == 1
        if not text:
            return column.isnot(None)
        return sa.func.substr(column, -len(text)) == bind(text)
    if vendor == "mysql":
        return column.op("LIKE BINARY")(bind(_pattern(lookup, text)))
    return _like(column, _pattern(lookup, text), vendor)


def build_lookup(lookup: str, column: Any, value: Any, prep: Prep, vendor: str) -> Any:
    """Return the clause ``column <lookup> value``.

    ``value`` is either a SQLAlchemy expression (an ``F()`` already resolved) or a Python
    value that ``prep`` turns into a driver parameter.
    """
    is_expr = isinstance(value, sa.ColumnElement)

    def rhs(item: Any) -> Any:
        return item if isinstance(item, sa.ColumnElement) else bind(prep(item))

    if lookup == "exact":
        if value is None:
            return column.is_(None)
        return column == rhs(value)
    if lookup == "isnull":
        return column.is_(None) if value else column.isnot(None)
    if lookup in ("gt", "gte", "lt", "lte"):
        op = {"gt": "__gt__", "gte": "__ge__", "lt": "__lt__", "lte": "__le__"}[lookup]
        return getattr(column, op)(rhs(value))
    if lookup == "in":
        items = list(value)
        if not items:
            return sa.false()
        return column.in_([rhs(item) for item in items])
    if lookup == "range":
        low, high = value
        return column.between(rhs(low), rhs(high))
    if is_expr:
        raise TypeError(f"The {lookup!r} lookup does not accept expressions.")
    text = str(prep(value))
    if lookup == "iexact":
        return sa.func.lower(column) == bind(text.lower())
    if lookup in ("contains", "startswith", "endswith"):
        return _case_sensitive(lookup, column, text, vendor)
    if lookup in ("icontains", "istartswith", "iendswith"):
        return _like(sa.func.lower(column), _pattern(lookup, text.lower()), vendor)
    raise ValueError(f"Unknown lookup {lookup!r}.")  # pragma: no cover - checked by the caller
