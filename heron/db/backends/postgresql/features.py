"""What PostgreSQL can do."""

from __future__ import annotations

from ..base.features import BaseDatabaseFeatures

__all__ = ["DatabaseFeatures"]


class DatabaseFeatures(BaseDatabaseFeatures):
    has_lastrowid = False  # use INSERT ... RETURNING
    has_native_uuid_field = True
    has_native_json_field = True
    max_query_params = 65535
