"""MariaDB/MySQL SQL snippets: backtick quoting."""

from __future__ import annotations

from ..base.operations import BaseDatabaseOperations

__all__ = ["DatabaseOperations"]


class DatabaseOperations(BaseDatabaseOperations):
    quote_char = "`"

    def begin_sql(self) -> str:
        return "START TRANSACTION"
