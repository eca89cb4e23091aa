"""What MariaDB and MySQL can do."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..base.features import BaseDatabaseFeatures

if TYPE_CHECKING:
    from .wrapper import DatabaseWrapper

__all__ = ["DatabaseFeatures"]


class DatabaseFeatures(BaseDatabaseFeatures):
    connection: DatabaseWrapper

    supports_transactional_ddl = False  # DDL commits the transaction implicitly
    can_return_rows_from_bulk_insert = False
    has_select_for_update_skip_locked = True

    @property
    def can_return_rows_from_insert(self) -> bool:  # type: ignore[override]
        """MariaDB 10.5+ has ``INSERT ... RETURNING``; MySQL does not (use lastrowid)."""
        return self.connection.is_mariadb
