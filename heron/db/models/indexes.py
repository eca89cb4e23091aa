"""``Index``: an index over one or more fields, declared in ``Meta.indexes``.

``fields`` names model fields; a leading "-" makes that column descending. Without a
``name``, one is derived from the table and columns (stable, at most 63 characters).
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Index as SAIndex
    from sqlalchemy import Table

    from .base import Model

__all__ = ["Index", "make_name"]

MAX_NAME_LENGTH = 63  # PostgreSQL's limit; MySQL allows 64, SQLite more


def make_name(table: str, columns: Sequence[str], suffix: str) -> str:
    """Return ``<table>_<columns>_<suffix>``, shortened with a hash when too long."""
    name = f"{table}_{'_'.join(columns)}_{suffix}"
    if len(name) <= MAX_NAME_LENGTH:
        return name
    digest = hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()[:8]
    keep = MAX_NAME_LENGTH - len(suffix) - len(digest) - 2
    return f"{name[:keep]}_{digest}_{suffix}"


class Index:
    """An index on ``fields`` (``"-field"`` for descending)."""

    def __init__(self, *, fields: Sequence[str], name: str | None = None) -> None:
        if not fields or isinstance(fields, str):
            raise TypeError("Index needs fields=[...] (a list of field names).")
        self.fields = tuple(fields)
        self.name = name

    def for_model(self, app_label: str, model_name: str) -> Index:
        new = copy.copy(self)
        if self.name:
            new.name = self.name % {
                "app_label": app_label,
                "class": model_name,
            }
        return new

    def field_names(self) -> list[str]:
        return [name.removeprefix("-") for name in self.fields]

    def to_sa(self, model: type[Model], table: Table) -> SAIndex:
        import sqlalchemy as sa

        columns: list[Any] = []
        names: list[str] = []
        for spec in self.fields:
            column = table.c[model._meta.get_field(spec.removeprefix("-")).column]
            names.append(column.name)
            columns.append(column.desc() if spec.startswith("-") else column)
        name = self.name or make_name(table.name, names, "idx")
        return sa.Index(name, *columns)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        kwargs: dict[str, Any] = {"fields": self.fields}
        if self.name:
            kwargs["name"] = self.name
        return "heron.db.models.Index", [], kwargs

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Index) and self.deconstruct() == other.deconstruct()

    def __hash__(self) -> int:
        return hash((self.fields, self.name))

    def __repr__(self) -> str:
        return f"Index(fields={list(self.fields)!r}, name={self.name!r})"
