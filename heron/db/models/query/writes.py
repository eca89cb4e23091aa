"""Plans for writes: UPDATE, DELETE and INSERT statements (compiled like the reads).

``compiler`` builds SELECTs and resolves names and expressions; this module turns a query (or
a model and its values) into the statements that change rows, and says how to read back the
affected row count or the new primary key on each backend.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from ..exceptions import FieldDoesNotExist, FieldError
from ..related import Relation
from .compiler import Resolver, _filtered, _model_base, bind_value, compile_statement
from .expressions import Combinable
from .lookups import bind
from .plan import Execute, Query

if TYPE_CHECKING:
    from heron.db.backends.base.wrapper import DatabaseWrapper

    from ..base import Model
    from ..fields.base import Field

__all__ = ["delete_plan", "insert_plan", "needs_pk_fetch", "update_plan"]


def needs_pk_fetch(query: Query, wrapper: DatabaseWrapper) -> bool:
    """Whether an UPDATE/DELETE of ``query`` must first select the pks (joins or a slice)."""
    if query.is_sliced:
        return True
    resolver = Resolver(query.model, wrapper)
    _filtered(query, resolver)
    return bool(resolver.joins)


def _target_where(query: Query, resolver: Resolver, pks: Sequence[Any] | None) -> list[Any]:
    if pks is None:
        return _filtered(query, resolver)
    pk = query.model._meta.pk
    column = resolver.base.c[pk.column]
    if not pks:
        return [sa.false()]
    return [column.in_([bind(v) for v in pks])]


def update_plan(
    query: Query,
    values: dict[str, Any],
    alias: str,
    wrapper: DatabaseWrapper,
    pks: Sequence[Any] | None = None,
) -> Execute:
    """``UPDATE`` the rows of ``query`` (or of the primary keys ``pks``) with ``values``."""
    model = query.model
    resolver = Resolver(model, wrapper)
    where = _target_where(query, resolver, pks)
    assignments: dict[str, Any] = {}
    for name, value in values.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            raise FieldError(
                f"update(): {model._meta.object_name} has no field {name!r}. Choices are: "
                f"{', '.join(f.name for f in model._meta.fields)}."
            ) from None
        if isinstance(field, Relation) or getattr(field, "many_to_many", False):
            raise FieldError(f"update() cannot set the relation {name!r}.")
        if isinstance(value, Combinable):
            expr = resolver.expression(value)
        else:
            if isinstance(value, _model_base()):
                value = value.pk
            expr = bind_value(field, field.get_db_prep_value(value, wrapper.vendor), wrapper)
        assignments[field.column] = expr
    stmt = sa.update(resolver.base).values(assignments)
    if where:
        stmt = stmt.where(*where)
    sql, params = compile_statement(stmt, wrapper)
    return Execute(alias, sql, params, "rowcount")


def delete_plan(
    query: Query, alias: str, wrapper: DatabaseWrapper, pks: Sequence[Any] | None = None
) -> Execute:
    resolver = Resolver(query.model, wrapper)
    where = _target_where(query, resolver, pks)
    stmt = sa.delete(resolver.base)
    if where:
        stmt = stmt.where(*where)
    sql, params = compile_statement(stmt, wrapper)
    return Execute(alias, sql, params, "rowcount")


def insert_plan(
    model: type[Model],
    fields: Sequence[Field[Any]],
    rows: Sequence[Sequence[Any]],
    alias: str,
    wrapper: DatabaseWrapper,
    *,
    returning: bool,
    lastrowid: bool = False,
) -> Execute:
    """``INSERT`` ``rows`` (already database values) into ``fields``' columns.

    With ``returning`` the statement returns the primary key of each row (fetch "returning");
    with ``lastrowid`` (one row) it gives the new id; otherwise the row count.
    """
    table = model._meta.table()
    pk = model._meta.pk
    if fields:
        stmt: Any = sa.insert(table).values(
            [
                {f.column: bind_value(f, v, wrapper) for f, v in zip(fields, row, strict=True)}
                for row in rows
            ]
        )
    else:
        stmt = (
            sa.insert(table).values({pk.column: sa.null()})
            if wrapper.vendor != "postgresql"
            else (sa.insert(table).values({pk.column: sa.text("DEFAULT")}))
        )
    if returning:
        stmt = stmt.returning(table.c[pk.column])
        sql, params = compile_statement(stmt, wrapper)
        convert = pk.get_db_converter(wrapper.vendor)
        return Execute(
            alias,
            sql,
            params,
            "returning",
            lambda result: [
                r[0] if convert is None or r[0] is None else convert(r[0]) for r in result
            ],
        )
    sql, params = compile_statement(stmt, wrapper)
    return Execute(alias, sql, params, "lastrowid" if lastrowid else "rowcount")
