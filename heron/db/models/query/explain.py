"""``QuerySet.explain()``: the SELECT of a QuerySet prefixed with the backend's EXPLAIN.

- SQLite: ``EXPLAIN QUERY PLAN``; the ``detail`` column of each row, one a line (no formats
  or options).
- PostgreSQL: ``EXPLAIN (FORMAT ..., ANALYZE true, ...)``; formats ``TEXT``, ``JSON``,
  ``YAML``, ``XML`` and the boolean options ``analyze``, ``verbose``, ``costs``, ``buffers``,
  ``settings``, ``summary``, ``timing``, ``wal``.
- MariaDB/MySQL: ``EXPLAIN`` (``FORMAT=JSON`` with ``format="json"``); each row's columns
  joined by tabs. ``analyze=True`` runs ``ANALYZE`` (MariaDB) instead.

Format and option names are checked against these lists, so nothing a caller passes is
pasted into the SQL except those known words.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .plan import Core, Execute, Query

if TYPE_CHECKING:
    from heron.db.backends.base.wrapper import DatabaseWrapper

    from .queryset import QuerySet

__all__ = ["explain_core", "explain_step"]

_PG_FORMATS = ("TEXT", "JSON", "YAML", "XML")
_PG_OPTIONS = ("ANALYZE", "VERBOSE", "COSTS", "BUFFERS", "SETTINGS", "SUMMARY", "TIMING", "WAL")


def _prefix(vendor: str, format: str | None, options: dict[str, Any]) -> str:
    fmt = format.upper() if format is not None else None
    if vendor == "sqlite":
        if fmt is not None or options:
            raise ValueError("explain() on SQLite takes no format or options.")
        return "EXPLAIN QUERY PLAN "
    if vendor == "postgresql":
        if fmt is not None and fmt not in _PG_FORMATS:
            raise ValueError(
                f"explain(format={format!r}): PostgreSQL formats are {', '.join(_PG_FORMATS)}."
            )
        parts = [f"FORMAT {fmt}"] if fmt else []
        for name, value in options.items():
            if name.upper() not in _PG_OPTIONS or not isinstance(value, bool):
                raise ValueError(
                    f"explain({name}={value!r}): PostgreSQL options are "
                    f"{', '.join(o.lower() for o in _PG_OPTIONS)}, each True or False."
                )
            parts.append(f"{name.upper()} {'true' if value else 'false'}")
        return f"EXPLAIN ({', '.join(parts)}) " if parts else "EXPLAIN "
    unknown = set(options) - {"analyze"}
    if unknown or not all(isinstance(v, bool) for v in options.values()):
        raise ValueError(
            f"explain() on MariaDB/MySQL takes analyze=True/False, not {sorted(options)}."
        )
    if fmt not in (None, "TEXT", "JSON"):
        raise ValueError(f"explain(format={format!r}): MariaDB/MySQL formats are TEXT, JSON.")
    if options.get("analyze"):
        return "ANALYZE FORMAT=JSON " if fmt == "JSON" else "ANALYZE "
    return "EXPLAIN FORMAT=JSON " if fmt == "JSON" else "EXPLAIN "


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode()
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, indent=2)
    return str(value)


def explain_step(
    query: Query,
    alias: str,
    wrapper: DatabaseWrapper,
    format: str | None,
    options: dict[str, Any],
) -> Execute:
    """An ``Execute`` whose result is the plan of ``query``'s SELECT, as text."""
    # cycle: query -> queryset -> explain
    from . import compiler

    prefix = _prefix(wrapper.vendor, format, options)
    select = compiler.select_plan(query, alias, wrapper)
    vendor = wrapper.vendor

    def build(rows: list[Any]) -> str:
        if vendor == "sqlite":
            return "\n".join(_text(row[-1]) for row in rows)
        if vendor == "postgresql" or len(rows[0] if rows else ()) == 1:
            return "\n".join(_text(row[0]) for row in rows)
        return "\n".join("\t".join(_text(v) for v in row) for row in rows)

    return Execute(alias, prefix + select.sql, select.params, "all", build)


def explain_core(qs: QuerySet[Any], format: str | None, options: dict[str, Any]) -> Core[str]:
    """The core of ``qs.explain()`` / ``qs.aexplain()``."""
    text: str = yield explain_step(qs.query, qs.db, qs._wrapper(), format, options)
    return text
