"""What a database can do: flags the ORM and migrations consult instead of the vendor name."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .wrapper import DatabaseWrapper

__all__ = ["BaseDatabaseFeatures"]


class BaseDatabaseFeatures:
    """Feature flags; each backend overrides the ones that differ."""

    supports_transactions = True
    supports_savepoints = True
    supports_transactional_ddl = True
    can_return_rows_from_insert = True
    """``INSERT ... RETURNING`` works (use ``fetch="returning"``)."""
    can_return_rows_from_bulk_insert = True
    has_lastrowid = True
    """``fetch="lastrowid"`` gives the id of the last inserted row."""
    has_native_uuid_field = False
    has_native_json_field = False
    has_select_for_update = True
    has_select_for_update_skip_locked = True
    supports_ignore_conflicts = True
    max_query_params: int | None = None
    """Most parameters a single statement may carry (None: no practical limit)."""

    def __init__(self, connection: DatabaseWrapper) -> None:
        self.connection = connection
