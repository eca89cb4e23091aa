"""Vendor SQL snippets: quoting and transaction control.

The ORM compiles queries with SQLAlchemy's dialect (``wrapper.dialect``); what remains here
is the handful of statements the database layer writes itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .wrapper import DatabaseWrapper

__all__ = ["BaseDatabaseOperations"]


class BaseDatabaseOperations:
    """SQL the database layer needs, per vendor."""

    quote_char = '"'

    def __init__(self, connection: DatabaseWrapper) -> None:
        self.connection = connection

    def quote_name(self, name: str) -> str:
        """Quote an identifier (table, column), unless it is quoted already."""
        q = self.quote_char
        if name.startswith(q) and name.endswith(q) and len(name) > 1:
            return name
        return q + name.replace(q, q + q) + q

    def begin_sql(self) -> str:
        return "BEGIN"

    def commit_sql(self) -> str:
        return "COMMIT"

    def rollback_sql(self) -> str:
        return "ROLLBACK"

    def savepoint_create_sql(self, sid: str) -> str:
        return f"SAVEPOINT {self.quote_name(sid)}"

    def savepoint_release_sql(self, sid: str) -> str:
        return f"RELEASE SAVEPOINT {self.quote_name(sid)}"

    def savepoint_rollback_sql(self, sid: str) -> str:
        return f"ROLLBACK TO SAVEPOINT {self.quote_name(sid)}"

    def last_insert_id_sql(self, table: str, pk_column: str) -> str | None:
        """The RETURNING clause that yields new primary keys, or None (use lastrowid)."""
        if self.connection.features.can_return_rows_from_insert:
            return f"RETURNING {self.quote_name(pk_column)}"
        return None

    def sequence_reset_sql(self, table: str, column: str) -> str | None:
        """A statement that moves the generator of ``table.column`` past the largest value
        (after rows were inserted with explicit keys), or None when the database does it
        itself."""
        return None
