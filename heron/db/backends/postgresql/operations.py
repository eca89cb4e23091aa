"""PostgreSQL's SQL snippets (the defaults are PostgreSQL's already)."""

from __future__ import annotations

from ..base.operations import BaseDatabaseOperations

__all__ = ["DatabaseOperations"]


class DatabaseOperations(BaseDatabaseOperations):
    def sequence_reset_sql(self, table: str, column: str) -> str | None:
        # Identity columns keep their own sequence, which explicit keys do not advance.
        q_table, q_column = self.quote_name(table), self.quote_name(column)
        literal = q_table.replace("'", "''")
        return (
            f"SELECT setval(pg_get_serial_sequence('{literal}', '{column.replace(chr(39), '')}'), "
            f"COALESCE(MAX({q_column}), 1), MAX({q_column}) IS NOT NULL) FROM {q_table}"
        )
