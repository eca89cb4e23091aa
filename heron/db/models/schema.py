"""Create and drop model tables directly from their SQLAlchemy ``Table`` (no migrations).

``create_tables(alias)`` compiles ``CREATE TABLE`` / ``CREATE INDEX`` for every registered
model (or the given ones) with the connection's dialect and runs the DDL through the
wrapper; ``heron.test.databases`` calls it for each new test database.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import Model

__all__ = ["create_tables", "drop_tables"]


def _tables(models: Iterable[type[Model]] | None) -> list[Any]:
    from .registry import get_registry

    metadata = get_registry().build_metadata()
    if models is None:
        return list(metadata.sorted_tables)
    wanted = set()
    for model in models:
        wanted.add(model._meta.table().name)
        for field in model._meta.many_to_many:
            through = getattr(field, "through", None)
            if through is not None and through._meta.auto_created:
                wanted.add(through._meta.table().name)
    return [table for table in metadata.sorted_tables if table.name in wanted]


def create_tables(alias: str = "default", models: Iterable[type[Model]] | None = None) -> None:
    """Create the tables (and indexes) of ``models`` (default: every registered model)."""
    from sqlalchemy.schema import CreateIndex, CreateTable

    from heron.db import connections

    wrapper = connections[alias]
    for table in _tables(models):
        wrapper.execute(
            str(CreateTable(table).compile(dialect=wrapper.dialect)), None, fetch="none"
        )
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            ddl = str(CreateIndex(index).compile(dialect=wrapper.dialect))
            wrapper.execute(ddl, None, fetch="none")


def drop_tables(alias: str = "default", models: Iterable[type[Model]] | None = None) -> None:
    """Drop the tables of ``models`` (default: every registered model), dependents first."""
    from sqlalchemy.schema import DropTable

    from heron.db import connections

    wrapper = connections[alias]
    for table in reversed(_tables(models)):
        ddl = str(DropTable(table, if_exists=True).compile(dialect=wrapper.dialect))
        wrapper.execute(ddl, None, fetch="none")
