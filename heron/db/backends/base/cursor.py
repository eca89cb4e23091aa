"""``connection.cursor()``: a DB-API cursor with ``%s`` placeholders on every backend.

The cursor uses the connection pinned in the current context (inside ``atomic()`` or a test
transaction), else checks one out of the pool until it is closed. Placeholders are ``%s``
and a literal ``%`` is written ``%%`` whenever parameters are passed (as the DB-API
``format`` style says); with ``params=None`` the SQL is sent exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ...exceptions import InterfaceError, translate_error
from ...instrumentation import get_listeners, notify
from ...state import TransactionState, current_state

if TYPE_CHECKING:
    from .wrapper import DatabaseWrapper

__all__ = ["CursorWrapper", "format_to_qmark"]

_FORMAT = re.compile(r"%([%s])")


def format_to_qmark(sql: str) -> str:
    """Turn ``%s`` placeholders into ``?`` and ``%%`` into ``%``."""
    if "%" not in sql:
        return sql
    return _FORMAT.sub(lambda m: "?" if m.group(1) == "s" else "%", sql)


class CursorWrapper:
    """A DB-API cursor over the alias's current (or a checked-out) connection."""

    def __init__(self, wrapper: DatabaseWrapper) -> None:
        self.db = wrapper
        self._state: TransactionState | None = None
        self._conn: Any = None
        self._cursor: Any = None
        self._pinned = False
        self.closed = False
        self.arraysize = 1

    # -- connection ---------------------------------------------------------------------

    def _raw(self) -> Any:
        if self.closed:
            raise InterfaceError("Cursor already closed.")
        if self._cursor is None:
            state = current_state(self.db.alias)
            if state is not None and state.wrapper is self.db:
                if state.is_async:
                    raise self.db._sync_in_async_error()
                self.db._check_usable(state)
                self._state, self._conn, self._pinned = state, state.conn, True
            else:
                self._conn = self.db._acquire()
            self._cursor = self._call(lambda conn: conn.cursor())
        return self._cursor

    def _call(self, fn: Any) -> Any:
        """Run ``fn(raw_connection)`` as the backend requires (SQLite: under its lock)."""
        try:
            return self.db._call_on(self._conn, fn)
        except Exception as exc:
            new = translate_error(exc)
            if new is None:
                raise
            raise new from exc

    def _translate(self, sql: str) -> str:
        return format_to_qmark(sql) if self.db.paramstyle == "qmark" else sql

    # -- DB-API -------------------------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> CursorWrapper:
        """Execute ``sql`` with ``%s`` placeholders; returns the cursor (for chaining)."""
        cursor = self._raw()
        listeners = get_listeners()
        if listeners:
            notify(listeners, self.db.alias, sql, params)
        if params is None:
            self._call(lambda _: cursor.execute(sql))
        else:
            query = self._translate(sql)
            self._call(lambda _: cursor.execute(query, tuple(params)))
        return self

    def executemany(self, sql: str, seq_of_params: Sequence[Sequence[Any]]) -> CursorWrapper:
        cursor = self._raw()
        query = self._translate(sql)
        rows = [tuple(p) for p in seq_of_params]
        listeners = get_listeners()
        if listeners:
            notify(listeners, self.db.alias, sql, rows)
        self._call(lambda _: cursor.executemany(query, rows))
        return self

    def fetchone(self) -> tuple[Any, ...] | None:
        cursor = self._raw()
        row: tuple[Any, ...] | None = self._call(lambda _: cursor.fetchone())
        return row

    def fetchmany(self, size: int | None = None) -> list[tuple[Any, ...]]:
        cursor = self._raw()
        n = self.arraysize if size is None else size
        return list(self._call(lambda _: cursor.fetchmany(n)))

    def fetchall(self) -> list[tuple[Any, ...]]:
        cursor = self._raw()
        return list(self._call(lambda _: cursor.fetchall()))

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        while (row := self.fetchone()) is not None:
            yield row

    @property
    def rowcount(self) -> int:
        cursor = self._raw()
        count: int = self._call(lambda _: cursor.rowcount)
        return count

    @property
    def lastrowid(self) -> Any:
        cursor = self._raw()
        return self._call(lambda _: getattr(cursor, "lastrowid", None))

    @property
    def description(self) -> Any:
        cursor = self._raw()
        return self._call(lambda _: cursor.description)

    def close(self) -> None:
        """Close the cursor and give a checked-out connection back to the pool."""
        if self.closed:
            return
        self.closed = True
        if self._cursor is None:
            return
        cursor, self._cursor = self._cursor, None
        try:
            self._call(lambda _: cursor.close())
        finally:
            if not self._pinned:
                self.db._release(self._conn, broken=self.db._is_broken(self._conn))
            self._conn = None

    def __enter__(self) -> CursorWrapper:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __del__(self) -> None:
        if not self.closed and self._cursor is not None and not self._pinned:
            import warnings

            warnings.warn(
                "A database cursor was not closed; use `with connection.cursor() as c:`.",
                ResourceWarning,
                stacklevel=1,
            )
