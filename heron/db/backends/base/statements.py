"""Run one statement on a DB-API connection: execute, fetch, build, in one call.

``run_statement`` works on any sync DB-API connection (sqlite3, psycopg, PyMySQL) and
``arun_statement`` on the asyncio ones (psycopg's AsyncConnection, asyncmy). Both translate
driver errors into ``heron.db`` errors, keeping the driver's exception as ``__cause__``.
``fetch="described"`` returns ``(column names, rows)`` (``Manager.raw()`` in async code).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from ...exceptions import NotSupportedError, translate_error

__all__ = ["Fetch", "Statement", "arun_statement", "run_statement"]

Fetch = Literal["none", "one", "all", "rowcount", "lastrowid", "returning", "described"]

Statement = tuple[str, Any, Fetch, "Callable[[list[Any]], Any] | None", bool]
"""(sql, params, fetch, build, many): everything a statement needs, as plain data."""

_FETCHES = frozenset({"none", "one", "all", "rowcount", "lastrowid", "returning", "described"})


def _names(cursor: Any) -> list[str]:
    """The column names of the result (``fetch="described"``: raw SQL mapped to models)."""
    return [str(column[0]) for column in cursor.description or ()]


def _lastrowid(cursor: Any) -> Any:
    try:
        return cursor.lastrowid
    except AttributeError:
        raise NotSupportedError(
            "This backend has no lastrowid; add RETURNING <pk> to the INSERT and use "
            "fetch='returning'."
        ) from None


def run_statement(
    conn: Any,
    sql: str,
    params: Any,
    fetch: Fetch,
    build: Callable[[list[Any]], Any] | None,
    many: bool,
) -> Any:
    """Execute ``sql`` on ``conn`` and return what ``fetch`` asks for (built by ``build``)."""
    try:
        cursor = conn.cursor()
        try:
            if many:
                cursor.executemany(sql, params)
            elif params is None:
                cursor.execute(sql)
            else:
                cursor.execute(sql, params)
            if fetch == "all" or fetch == "returning":
                # A statement without a result set gives [] everywhere (psycopg would raise).
                rows = cursor.fetchall() if cursor.description is not None else []
                rows = rows if type(rows) is list else list(rows)
                return build(rows) if build is not None else rows
            if fetch == "one":
                row = cursor.fetchone()
                if build is not None:
                    return build([row] if row is not None else [])
                return row
            if fetch == "rowcount":
                return cursor.rowcount
            if fetch == "lastrowid":
                return _lastrowid(cursor)
            if fetch == "described":
                rows = cursor.fetchall() if cursor.description is not None else []
                described = (_names(cursor), list(rows))
                return build(list(described)) if build is not None else described
            if fetch != "none":
                raise ValueError(f"fetch={fetch!r} is not one of {sorted(_FETCHES)}.")
            return None
        finally:
            cursor.close()
    except Exception as exc:
        new = translate_error(exc)
        if new is None:
            raise
        raise new from exc


async def arun_statement(
    conn: Any,
    sql: str,
    params: Any,
    fetch: Fetch,
    build: Callable[[list[Any]], Any] | None,
    many: bool,
) -> Any:
    """The asyncio twin of ``run_statement`` (awaits each cursor call)."""
    try:
        cursor = conn.cursor()
        try:
            if many:
                await cursor.executemany(sql, params)
            elif params is None:
                await cursor.execute(sql)
            else:
                await cursor.execute(sql, params)
            if fetch == "all" or fetch == "returning":
                rows = await cursor.fetchall() if cursor.description is not None else []
                rows = rows if type(rows) is list else list(rows)
                return build(rows) if build is not None else rows
            if fetch == "one":
                row = await cursor.fetchone()
                if build is not None:
                    return build([row] if row is not None else [])
                return row
            if fetch == "rowcount":
                return cursor.rowcount
            if fetch == "lastrowid":
                return _lastrowid(cursor)
            if fetch == "described":
                rows = await cursor.fetchall() if cursor.description is not None else []
                described = (_names(cursor), list(rows))
                return build(list(described)) if build is not None else described
            if fetch != "none":
                raise ValueError(f"fetch={fetch!r} is not one of {sorted(_FETCHES)}.")
            return None
        finally:
            await cursor.close()
    except Exception as exc:
        new = translate_error(exc)
        if new is None:
            raise
        raise new from exc


def is_read(sql: str, fetch: str, many: bool) -> bool:
    """True for a plain SELECT, which is safe to retry on a fresh connection."""
    return not many and fetch in ("one", "all") and sql.lstrip()[:6].upper() == "SELECT"
