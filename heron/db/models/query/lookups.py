"""Field lookups (``__exact``, ``__icontains``, ``__in``...) as SQLAlchemy Core clauses.

Every value becomes a bound parameter. ``contains``/``startswith``/``endswith`` escape ``%``,
``_`` and ``\\`` in the value. Case-insensitive lookups compare ``LOWER(column)`` with the
value lower-cased in Python, the same on every backend. Case-sensitive pattern lookups are
case-sensitive everywhere: SQLite's ``LIKE`` ignores ASCII case, so SQLite uses ``instr()`` /
``substr()``; MySQL compares with ``LIKE BINARY``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa

from heron.db.exceptions import NotSupportedError

from ..exceptions import FieldError

__all__ = ["JSON_LOOKUPS", "LOOKUPS", "JSONPath", "bind", "build_lookup", "json_lookup"]

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
        "regex",
        "iregex",
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


def _regex(column: Any, pattern: str, insensitive: bool, vendor: str) -> Any:
    """``regex`` / ``iregex``: PostgreSQL ``~`` / ``~*``; MariaDB/MySQL ``REGEXP`` (binary,
    so case-sensitive, with ``(?i)`` for iregex); SQLite ``REGEXP``, which the backend
    implements with Python's ``re`` (``re.search``)."""
    if vendor == "postgresql":
        return column.op("~*" if insensitive else "~")(bind(pattern))
    if insensitive:
        pattern = f"(?i){pattern}"
    if vendor == "mysql":
        return column.op("REGEXP BINARY")(bind(pattern))
    return column.op("REGEXP")(bind(pattern))


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
    if lookup in ("regex", "iregex"):
        return _regex(column, text, lookup == "iregex", vendor)
    if lookup == "iexact":
        return sa.func.lower(column) == bind(text.lower())
    if lookup in ("contains", "startswith", "endswith"):
        return _case_sensitive(lookup, column, text, vendor)
    if lookup in ("icontains", "istartswith", "iendswith"):
        return _like(sa.func.lower(column), _pattern(lookup, text.lower()), vendor)
    raise ValueError(f"Unknown lookup {lookup!r}.")  # pragma: no cover - checked by the caller


# -- JSONField key paths -------------------------------------------------------------------

JSON_LOOKUPS = frozenset(("has_key", "has_keys", "has_any_keys"))

_KEY = re.compile(r"^[A-Za-z0-9_$-]+$")


class JSONPath:
    """``data__a__b``: the column of a JSONField and the keys to follow (validated)."""

    def __init__(self, column: Any, keys: tuple[str, ...], vendor: str) -> None:
        for key in keys:
            if not _KEY.match(key):
                raise FieldError(
                    f"Invalid JSON key {key!r}: keys may use letters, digits, '_', '-' and '$'."
                )
        self.column = column
        self.keys = keys
        self.vendor = vendor

    def path(self, keys: tuple[str, ...] | None = None) -> str:
        """A ``$."a"[0]`` JSON path (SQLite, MySQL); digits are array indexes."""
        parts = ["$"]
        for key in self.keys if keys is None else keys:
            parts.append(f"[{key}]" if key.isdigit() else f'."{key}"')
        return "".join(parts)

    def extract(self) -> Any:
        """The value at the path: JSONB on PostgreSQL, an SQL scalar on SQLite, JSON text on
        MySQL/MariaDB."""
        if self.vendor == "postgresql":
            return sa.func.jsonb_extract_path(self.column, *[bind(k) for k in self.keys])
        return sa.func.json_extract(self.column, bind(self.path()))

    def text(self) -> Any:
        """The value at the path as text (strings unquoted)."""
        if self.vendor == "postgresql":
            return sa.func.jsonb_extract_path_text(self.column, *[bind(k) for k in self.keys])
        if self.vendor == "mysql":
            return sa.func.json_unquote(self.extract())
        return self.extract()


def _has_key(path: JSONPath, key: str) -> Any:
    keys = (*path.keys, key)
    sub = JSONPath(path.column, keys, path.vendor)
    if path.vendor == "postgresql":
        return sub.extract().isnot(None)
    if path.vendor == "mysql":
        return sa.func.json_contains_path(path.column, bind("one"), bind(sub.path())) == 1
    return sa.func.json_type(path.column, bind(sub.path())).isnot(None)


def _scalar(path: JSONPath, value: Any) -> tuple[Any, Any]:
    """``(lhs, rhs)`` comparing the value at ``path`` with a JSON scalar ``value``."""
    if path.vendor == "postgresql":
        return path.extract(), sa.cast(bind(json.dumps(value)), _jsonb())
    if isinstance(value, str):
        return path.text(), bind(value)
    if path.vendor == "mysql":
        if isinstance(value, bool):
            return path.extract(), sa.func.json_extract(bind(json.dumps(value)), bind("$"))
        return path.extract(), bind(value)
    if isinstance(value, bool):
        return path.extract(), bind(int(value))
    return path.extract(), bind(value)


def _jsonb() -> Any:
    from sqlalchemy.dialects.postgresql import JSONB

    return JSONB()


def json_lookup(path: JSONPath, lookup: str, value: Any) -> Any:
    """The clause of ``data__<keys>__<lookup>=value``.

    Keys are validated (``_KEY``) and sent as bound parameters (a path string or, on
    PostgreSQL, ``jsonb_extract_path`` arguments); values are bound too.
    """
    if lookup == "has_key":
        return _has_key(path, str(value))
    if lookup in ("has_keys", "has_any_keys"):
        clauses = [_has_key(path, str(key)) for key in value]
        return sa.and_(*clauses) if lookup == "has_keys" else sa.or_(*clauses)
    if not path.keys:
        if lookup == "contains":
            if path.vendor != "postgresql":
                raise NotSupportedError(
                    "JSONField __contains (containment) is only supported on PostgreSQL."
                )
            return path.column.op("@>")(sa.cast(bind(json.dumps(value)), _jsonb()))
        if lookup == "isnull":
            return path.column.is_(None) if value else path.column.isnot(None)
        raise NotSupportedError(f"The {lookup!r} lookup on a whole JSONField is not supported.")
    if lookup == "isnull":
        clause = _has_key(JSONPath(path.column, path.keys[:-1], path.vendor), path.keys[-1])
        return sa.or_(sa.not_(clause), path.column.is_(None)) if value else clause
    if value is None and lookup == "exact":
        if path.vendor == "postgresql":
            return path.extract() == sa.cast(bind("null"), _jsonb())
        if path.vendor == "mysql":
            return sa.func.json_type(path.extract()) == bind("NULL")
        return sa.func.json_type(path.column, bind(path.path())) == bind("null")
    if lookup in ("exact", "gt", "gte", "lt", "lte"):
        if isinstance(value, dict | list):
            if lookup != "exact":
                raise NotSupportedError("Only exact lookups compare JSON objects and arrays.")
            if path.vendor == "postgresql":
                lhs, rhs = _scalar(path, value)
                return lhs == rhs
            if path.vendor == "mysql":
                return sa.func.json_contains(path.extract(), bind(json.dumps(value))) == 1
            return sa.func.json(path.extract()) == sa.func.json(bind(json.dumps(value)))
        lhs, rhs = _scalar(path, value)
        op = {"exact": "__eq__", "gt": "__gt__", "gte": "__ge__", "lt": "__lt__", "lte": "__le__"}
        return getattr(lhs, op[lookup])(rhs)
    if lookup == "in":
        clauses = [json_lookup(path, "exact", item) for item in value]
        return sa.or_(*clauses) if clauses else sa.false()
    # Text lookups (contains, iexact, startswith...) on the value as text.
    return build_lookup(lookup, path.text(), value, str, path.vendor)
