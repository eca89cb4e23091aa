"""Create and drop model tables directly from their SQLAlchemy ``Table`` (no migrations).

``create_tables(alias)`` compiles ``CREATE TABLE`` / ``CREATE INDEX`` for every registered
model (or the given ones) that the routers allow on ``alias`` (``allow_migrate``) with the
connection's dialect and runs the DDL through the wrapper; ``heron.test.databases`` calls
it for each new test database. ``flush_tables(alias)`` empties them (``TransactionTestCase``).
Models with ``Meta.managed = False`` or swapped out (``Meta.swappable``), and their automatic
many-to-many tables, are left alone by all three.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from heron.db import connections
from heron.db.routers import router
from heron.db.transaction import atomic

from .registry import get_registry

if TYPE_CHECKING:
    from .base import Model

__all__ = ["create_tables", "drop_tables", "flush_tables"]


def _unmanaged() -> set[str]:
    """Tables of models with ``Meta.managed = False`` (and of their automatic M2M tables)."""
    names = set()
    for model in get_registry().get_models(include_auto_created=True):
        opts = model._meta
        owner = opts.auto_created_by.model._meta if opts.auto_created_by is not None else opts
        usable = opts.managed and owner.managed and not owner.swapped
        if not opts.proxy and not usable:
            names.add(opts.table().name)
    return names


def _tables(models: Iterable[type[Model]] | None) -> list[Any]:
    metadata = get_registry().build_metadata()
    skip = _unmanaged()
    if models is None:
        return [t for t in metadata.sorted_tables if t.name not in skip]
    wanted = set()
    for model in models:
        wanted.add(model._meta.table().name)
        for field in model._meta.many_to_many:
            through = getattr(field, "through", None)
            if through is not None and through._meta.auto_created:
                wanted.add(through._meta.table().name)
    return [t for t in metadata.sorted_tables if t.name in wanted and t.name not in skip]


def _routed(alias: str, tables: list[Any]) -> list[Any]:
    """Keep the tables whose model the routers allow on ``alias`` (``allow_migrate``)."""
    if not router.routers:
        return tables

    owners: dict[str, type[Model]] = {}
    for model in get_registry().get_models(include_auto_created=True):
        if not model._meta.proxy:
            owners.setdefault(model._meta.table().name, model)
    return [
        table
        for table in tables
        if table.name not in owners or router.allow_migrate_model(alias, owners[table.name])
    ]


def create_tables(alias: str = "default", models: Iterable[type[Model]] | None = None) -> None:
    """Create the tables (and indexes) of ``models`` (default: every registered model)."""
    from sqlalchemy.schema import CreateIndex, CreateTable

    wrapper = connections[alias]
    for table in _routed(alias, _tables(models)):
        wrapper.execute(
            str(CreateTable(table).compile(dialect=wrapper.dialect)), None, fetch="none"
        )
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            ddl = str(CreateIndex(index).compile(dialect=wrapper.dialect))
            wrapper.execute(ddl, None, fetch="none")


def drop_tables(alias: str = "default", models: Iterable[type[Model]] | None = None) -> None:
    """Drop the tables of ``models`` (default: every registered model), dependents first."""
    from sqlalchemy.schema import DropTable

    wrapper = connections[alias]
    for table in reversed(_tables(models)):
        ddl = str(DropTable(table, if_exists=True).compile(dialect=wrapper.dialect))
        wrapper.execute(ddl, None, fetch="none")


def flush_tables(alias: str = "default", models: Iterable[type[Model]] | None = None) -> None:
    """Delete every row of ``models``' tables (default: every registered model).

    PostgreSQL truncates them all in one statement (restarting identities); the other
    backends delete from each table, dependents first, with foreign-key checks deferred or
    off for the block, so self-references and cycles do not get in the way.
    """
    wrapper = connections[alias]
    tables = list(reversed(_routed(alias, _tables(models))))
    if not tables:
        return
    quote = wrapper.ops.quote_name
    if wrapper.vendor == "postgresql":
        names = ", ".join(quote(table.name) for table in tables)
        wrapper.execute(f"TRUNCATE {names} RESTART IDENTITY CASCADE", None, fetch="none")
        return
    with atomic(using=alias):
        if wrapper.vendor == "sqlite":
            wrapper.execute("PRAGMA defer_foreign_keys = ON", None, fetch="none")
        elif wrapper.vendor == "mysql":
            wrapper.execute("SET FOREIGN_KEY_CHECKS = 0", None, fetch="none")
        try:
            for table in tables:
                wrapper.execute(f"DELETE FROM {quote(table.name)}", None, fetch="none")
        finally:
            if wrapper.vendor == "mysql":
                wrapper.execute("SET FOREIGN_KEY_CHECKS = 1", None, fetch="none")
