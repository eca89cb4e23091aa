"""SQLite's SQL snippets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..base.operations import BaseDatabaseOperations

if TYPE_CHECKING:
    from .wrapper import DatabaseWrapper

__all__ = ["DatabaseOperations"]


class DatabaseOperations(BaseDatabaseOperations):
    connection: DatabaseWrapper

    def begin_sql(self) -> str:
        return f"BEGIN {self.connection.transaction_mode}"
