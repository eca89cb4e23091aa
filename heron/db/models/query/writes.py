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
from .compiler import (
    Resolver,
    _filtered,
    _is_json,
    _model_base,
    bind_value,
    compile_statement,
)
from .expressions import Combinable
from .lookups import bind
from .plan import Execute, Query

if TYPE_CHECKING:
    from heron.db.backends.base.wrapper import DatabaseWrapper

    from ..base import Model
    from ..fields.base import Field

__all__ = ["delete_plan", "insert_plan", "insert_sql", "needs_pk_fetch", "update_plan"]


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
    many: bool = False,
) -> Execute:
    """``INSERT`` ``rows`` (already database values) into ``fields``' columns.

    With ``returning`` the statement returns the primary key of each row (fetch "returning");
    with ``lastrowid`` (one row) it gives the new id; otherwise the row count. ``many``
    sends the one-row statement once per row (``executemany``: no RETURNING). The SQL text
    is compiled once per model, column list, row count and database flavour, then reused.
    """
    pk = model._meta.pk
    if not fields:
        return _insert_defaults(model, alias, wrapper, returning, lastrowid)
    if many:
        sql = insert_sql(model, fields, 1, False, wrapper)
        return Execute(alias, sql, rows, "rowcount", None, True)
    sql = insert_sql(model, fields, len(rows), returning, wrapper)
    params = rows[0] if len(rows) == 1 else [value for row in rows for value in row]
    if returning:
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
    return Execute(alias, sql, params, "lastrowid" if lastrowid else "rowcount")


def _insert_defaults(
    model: type[Model], alias: str, wrapper: DatabaseWrapper, returning: bool, lastrowid: bool
) -> Execute:
    """``INSERT`` a row of defaults only (a model whose only column is its auto pk)."""
    table = model._meta.table()
    pk = model._meta.pk
    if wrapper.vendor == "postgresql":
        stmt: Any = sa.insert(table).values({pk.column: sa.text("DEFAULT")})
    else:
        stmt = sa.insert(table).values({pk.column: sa.null()})
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


# (model, columns, returning, flavour) -> (one-row SQL, its VALUES group, RETURNING suffix)
_insert_templates: dict[tuple[Any, ...], tuple[str, str, str]] = {}
_insert_sqls: dict[tuple[Any, ...], str] = {}
_INSERT_CACHE_LIMIT = 256


def insert_sql(
    model: type[Model], fields: Sequence[Field[Any]], count: int, returning: bool, wrapper: Any
) -> str:
    """The SQL of an INSERT of ``count`` rows into ``fields``, parameters row after row."""
    dialect = wrapper.dialect
    flavour = (wrapper.vendor, dialect.paramstyle, bool(getattr(dialect, "is_mariadb", False)))
    base = (model, tuple(f.column for f in fields), returning, flavour)
    key = (*base, count)
    sql = _insert_sqls.get(key)
    if sql is not None:
        return sql
    template = _insert_templates.get(base)
    if template is None:
        template = _insert_template(model, fields, returning, wrapper)
        if len(_insert_templates) >= _INSERT_CACHE_LIMIT:
            _insert_templates.clear()
        _insert_templates[base] = template
    head, group, suffix = template
    sql = head + f", {group}" * (count - 1) + suffix
    if len(_insert_sqls) >= _INSERT_CACHE_LIMIT:
        _insert_sqls.clear()
    _insert_sqls[key] = sql
    return sql


def _insert_template(
    model: type[Model], fields: Sequence[Field[Any]], returning: bool, wrapper: Any
) -> tuple[str, str, str]:
    """Compile the one-row INSERT with SQLAlchemy and split it into head, group and suffix."""
    table = model._meta.table()
    values = {}
    for index, field in enumerate(fields):
        # Each parameter's value is its field's index, to check the order it is rendered in.
        param: Any = sa.bindparam(None, index, type_=sa.types.NULLTYPE, unique=True)
        if wrapper.vendor == "postgresql" and _is_json(field):
            param = sa.cast(param, field.sa_type("postgresql"))
        values[field.column] = param
    # The multi-row form (a list), so that no dialect adds an implicit RETURNING.
    stmt: Any = sa.insert(table).values([values])
    compiled = stmt.compile(dialect=wrapper.dialect)
    head = str(compiled.string)
    bound = compiled.construct_params()
    if [bound[name] for name in compiled.positiontup or ()] != list(range(len(fields))):
        raise AssertionError(f"unexpected parameter order in {head!r}")  # pragma: no cover
    marker = head.rfind(" VALUES (")
    if marker < 0 or not head.endswith(")"):
        raise AssertionError(f"unexpected INSERT form {head!r}")  # pragma: no cover
    group = head[marker + len(" VALUES ") :]
    suffix = ""
    if returning:
        pk_column = table.c[model._meta.pk.column]
        full = str(stmt.returning(pk_column).compile(dialect=wrapper.dialect).string)
        if not full.startswith(head):
            raise AssertionError(f"unexpected RETURNING form {full!r}")  # pragma: no cover
        suffix = full[len(head) :]
    return head, group, suffix
