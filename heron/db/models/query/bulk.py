"""``bulk_update``: one ``UPDATE ... SET f = CASE WHEN pk = ? THEN ? ... END`` per batch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from heron.db import connections

from ..base import Model
from ..exceptions import FieldDoesNotExist, FieldError
from .compiler import Resolver, _is_json, bind_value, compile_statement
from .expressions import Combinable
from .lookups import bind
from .plan import Core, Execute

if TYPE_CHECKING:
    from heron.db.backends.base.wrapper import DatabaseWrapper

    from ..base import Model
    from ..fields.base import Field

__all__ = ["bulk_update_core", "bulk_update_plan"]


def _fields(model: type[Model], names: Sequence[str]) -> list[Field[Any]]:
    opts = model._meta
    if not names:
        raise ValueError("bulk_update() needs at least one field name.")
    fields = []
    for name in names:
        try:
            field = opts.get_field(name)
        except FieldDoesNotExist:
            field = None
        if field is None or field not in opts.fields:
            raise FieldError(
                f"bulk_update(): {opts.object_name} has no field {name!r}. Choices are: "
                f"{', '.join(f.name for f in opts.fields if not f.primary_key)}."
            )
        if field.primary_key:
            raise ValueError("bulk_update() cannot update the primary key.")
        fields.append(field)
    return fields


def bulk_update_plan(
    model: type[Model],
    objs: Sequence[Any],
    fields: Sequence[Field[Any]],
    alias: str,
    wrapper: DatabaseWrapper,
) -> Execute:
    vendor = wrapper.vendor
    table = model._meta.table()
    pk = model._meta.pk
    pk_column = table.c[pk.column]
    keys = [pk.get_db_prep_value(obj.pk, vendor) for obj in objs]
    resolver = Resolver(model, wrapper)
    assignments: dict[str, Any] = {}
    for field in fields:
        column = table.c[field.column]
        whens = []
        for obj, key in zip(objs, keys, strict=True):
            value = getattr(obj, field.attname)
            if isinstance(value, Combinable):
                expr = resolver.expression(value)
            else:
                if isinstance(value, _model()):
                    value = value.pk
                expr = bind_value(field, field.get_db_prep_value(value, vendor), wrapper)
                if vendor == "postgresql" and not _is_json(field):
                    expr = sa.cast(expr, column.type)  # CASE needs one known result type
            whens.append((pk_column == bind(key), expr))
        assignments[field.column] = sa.case(*whens, else_=column)
    stmt = sa.update(table).values(assignments).where(pk_column.in_([bind(k) for k in keys]))
    sql, params = compile_statement(stmt, wrapper)
    return Execute(alias, sql, params, "rowcount")


def _model() -> type[Model]:
    return Model


def bulk_update_core(
    model: type[Model],
    objs: Sequence[Any],
    names: Sequence[str],
    alias: str,
    batch_size: int | None,
) -> Core[int]:
    """Update ``names`` of ``objs`` (saved instances) in batches; returns rows matched."""
    fields = _fields(model, names)
    if any(obj.pk is None for obj in objs):
        raise ValueError("bulk_update() needs saved instances (every object has a pk).")
    if batch_size is not None and batch_size < 1:
        raise ValueError("bulk_update() batch_size must be at least 1.")
    size = batch_size or len(objs)
    wrapper = connections[alias]
    total = 0
    for start in range(0, len(objs), size):
        batch = objs[start : start + size]
        count: int = yield bulk_update_plan(model, batch, fields, alias, wrapper)
        total += count
    return total
