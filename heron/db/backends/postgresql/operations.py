"""PostgreSQL's SQL snippets (the defaults are PostgreSQL's already)."""

from __future__ import annotations

from ..base.operations import BaseDatabaseOperations

__all__ = ["DatabaseOperations"]


class DatabaseOperations(BaseDatabaseOperations):
    pass
