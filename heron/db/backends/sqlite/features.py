"""What SQLite can do."""

from __future__ import annotations

import sqlite3

from ..base.features import BaseDatabaseFeatures

__all__ = ["DatabaseFeatures"]


class DatabaseFeatures(BaseDatabaseFeatures):
    can_return_rows_from_insert = sqlite3.sqlite_version_info >= (3, 35)
    # A multi-row INSERT ... VALUES ... RETURNING (executemany() refuses RETURNING).
    can_return_rows_from_bulk_insert = sqlite3.sqlite_version_info >= (3, 35)
    has_select_for_update = False
    has_select_for_update_skip_locked = False
    max_query_params = 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999
