"""Build the SQLAlchemy ``Table`` of a model (called lazily by ``Model._meta.table()``).

Each registry has one ``MetaData``; a table is built once and holds, for every dialect at
once, the column types each field asks for (``with_variant``). Names of generated indexes
and constraints are stable: ``<table>_<columns>_idx`` / ``_key`` / ``_fk`` / ``_check``.

Foreign keys carry their ``on_delete`` in ``info`` only: no ``ON DELETE`` clause is emitted,
because the deletion collector emulates every behaviour (and sends signals for each row).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from .fields.base import NOT_PROVIDED, VENDORS, Field
from .fields.numeric import AutoField, PositiveIntegerField
from .fields.related import ForeignKey
from .indexes import make_name

if TYPE_CHECKING:
    from sqlalchemy import Table
    from sqlalchemy.types import TypeEngine

    from .base import Model

__all__ = ["build_table", "column_type"]

_VARIANT_NAMES = {
    "sqlite": ("sqlite",),
    "postgresql": ("postgresql",),
    "mysql": ("mysql", "mariadb"),
}


def column_type(field: Field[Any]) -> TypeEngine[Any]:
    """Return the field's type, with a variant for each backend that needs another type."""
    base = field.sa_type(None)
    for vendor in VENDORS:
        variant = field.sa_type(vendor)
        if type(variant) is not type(base) or repr(variant) != repr(base):
            base = base.with_variant(variant, *_VARIANT_NAMES[vendor])
    return base


def _server_default(field: Field[Any]) -> Any:
    import sqlalchemy as sa

    value = field.db_default
    if value is NOT_PROVIDED or value is None:
        return None
    if hasattr(value, "__clause_element__") or isinstance(value, sa.ClauseElement):
        return value
    if isinstance(value, bool):
        return sa.true() if value else sa.false()
    if isinstance(value, int | float | Decimal):
        return sa.text(str(value))
    if isinstance(value, str):
        return value
    # Dates, UUIDs, JSON...: the text form every backend parses for its column type.
    return str(field.get_db_prep_value(value, "sqlite"))


def build_table(model: type[Model]) -> Table:
    """Create the model's ``Table`` on its registry's ``MetaData`` and return it."""
    import sqlalchemy as sa

    opts = model._meta
    metadata = opts.registry.metadata()
    existing = metadata.tables.get(opts.db_table)
    if existing is not None:
        return existing
    name = opts.db_table
    columns: list[Any] = []
    constraints: list[Any] = []
    targets: list[type[Model]] = []
    for field in opts.local_fields:
        args: list[Any] = []
        if isinstance(field, ForeignKey):
            target = field.related_model
            targets.append(target)
            if field.db_constraint:
                args.append(
                    sa.ForeignKey(
                        f"{target._meta.db_table}.{field.target_field.column}",
                        name=make_name(name, [field.column], "fk"),
                        info={"on_delete": repr(field.on_delete)},
                    )
                )
        pk = field.primary_key
        columns.append(
            sa.Column(
                field.column,
                column_type(field),
                *args,
                primary_key=pk,
                nullable=field.null and not pk,
                autoincrement=pk and isinstance(field, AutoField),
                server_default=_server_default(field),
                info={"heron_field": field.name},
            )
        )
        if field.unique and not pk:
            constraints.append(
                sa.UniqueConstraint(field.column, name=make_name(name, [field.column], "key"))
            )
    table = sa.Table(name, metadata, *columns, *constraints, info={"heron_model": opts.label})
    for field in opts.local_fields:
        column = table.c[field.column]
        if field.db_index and not field.unique and not field.primary_key:
            sa.Index(make_name(name, [field.column], "idx"), column)
        if isinstance(field, PositiveIntegerField):
            table.append_constraint(
                sa.CheckConstraint(column >= 0, name=make_name(name, [field.column], "check"))
            )
    for together in opts.unique_together:
        cols = [opts.get_field(field_name).column for field_name in together]
        table.append_constraint(sa.UniqueConstraint(*cols, name=make_name(name, cols, "key")))
    for constraint in opts.constraints:
        table.append_constraint(constraint.to_sa(model, table))
    for index in opts.indexes:
        index.to_sa(model, table)  # an Index binds itself to the table's columns
    for target in targets:
        if not target._meta.abstract:
            target._meta.table()
    return table
