"""``union()``, ``intersection()``, ``difference()``: compound SELECTs of several QuerySets.

``qs1.union(qs2, all=True)`` keeps each part's own filters; the result can be ordered,
sliced, counted and iterated, but not filtered further (filter the parts instead). Every part
must select the same number of columns; rows are built like the first part's (instances of
its model, or its ``values()`` / ``values_list()`` shape).

- ``ORDER BY`` on the result names columns of the first part and is sent by position
  (``ORDER BY 2 DESC``), which every backend accepts after a compound SELECT.
- A sliced part is wrapped in a subquery (SQLite refuses ``LIMIT`` inside a compound).
- SQLite has no ``INTERSECT ALL`` / ``EXCEPT ALL`` (``NotSupportedError``); MariaDB has them
  from 10.5, ``INTERSECT`` / ``EXCEPT`` from 10.3.

``combine`` builds the new query state; the ``*_step`` functions turn it into ``Execute``
steps. Pure: nothing here runs a query.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from heron.db.exceptions import NotSupportedError

from ..exceptions import FieldError
from .plan import Execute, Query
from .state import SelectQuery, extra

if TYPE_CHECKING:
    from heron.db.backends.base.wrapper import DatabaseWrapper

    from ..base import Model
    from .queryset import QuerySet

__all__ = [
    "OPERATORS",
    "combine",
    "combine_querysets",
    "count_step",
    "exists_step",
    "select_step",
]

_T = TypeVar("_T", bound="Model")

OPERATORS = {
    "union": ("union", "union_all"),
    "intersection": ("intersect", "intersect_all"),
    "difference": ("except_", "except_all"),
}


def _width(query: Query) -> int:
    if query.fields is not None:
        return len(query.fields)
    loaded = extra(query).loaded
    fields = query.model._meta.fields
    count = len(fields) if loaded is None else len(loaded)
    return count + len(query.annotations)


def combine(query: Query, others: Sequence[Query], operator: str, all: bool) -> SelectQuery:
    """The state of ``query <operator> others...`` (parts keep their filters and slices)."""
    parts: list[Query] = []
    for part in (query, *others):
        combined = extra(part).combined
        if combined is not None:
            if combined[:2] != (operator, all) or part.is_sliced or part.ordering:
                raise TypeError(
                    f"{operator}(): a combined QuerySet can only be combined again with the "
                    "same operator (and the same all=), before ordering or slicing it."
                )
            parts.extend(combined[2])
        else:
            parts.append(part)
    widths = [_width(p) for p in parts]
    if len(set(widths)) > 1:
        raise TypeError(
            f"{operator}(): every QuerySet must select the same number of columns; they "
            f"select {', '.join(map(str, widths))}."
        )
    first = parts[0]
    return SelectQuery(
        first.model,
        fields=first.fields,
        mode=first.mode,
        ordering=(),
        annotations=first.annotations,
        combined=(operator, all, tuple(parts)),
    )


def combine_querysets(
    qs: QuerySet[_T], others: Sequence[QuerySet[Any]], operator: str, all: bool
) -> QuerySet[_T]:
    """``qs.union(*others)`` and friends: a QuerySet of ``combine()``'s state; an empty
    (``none()``) part drops out, and makes an intersection empty."""
    # cycle: queryset -> combinators
    from .queryset import QuerySet

    for other in others:
        if not isinstance(other, QuerySet):
            raise TypeError(f"{operator}() takes QuerySets, not {other!r}.")
    live = [o.query for o in others if not o.query.empty]
    if qs.query.empty:
        if operator != "union" or not live:
            return qs._chain()
        return _with_query(qs, combine(live[0], live[1:], operator, all))
    if operator == "intersection" and len(live) < len(others):
        return qs.none()
    if not live:
        return qs._chain()
    return _with_query(qs, combine(qs.query, live, operator, all))


def _with_query(qs: QuerySet[_T], query: Query) -> QuerySet[_T]:
    clone = qs._chain()
    clone.query = query
    return clone


def _compound(query: Query, wrapper: DatabaseWrapper) -> tuple[Any, list[str], list[Any]]:
    import sqlalchemy as sa

    # cycle: query -> queryset -> combinators
    from . import compiler

    combined = extra(query).combined
    assert combined is not None
    operator, keep_all, parts = combined
    if keep_all and operator != "union" and wrapper.vendor == "sqlite":
        raise NotSupportedError(f"SQLite does not support {operator}(all=True).")
    statements = []
    names: list[str] = []
    fields: list[Any] = []
    for index, part in enumerate(parts):
        shape = part if part.is_sliced else part.replace(ordering=())
        stmt, part_fields, part_names, _ = compiler.select_statement(shape, wrapper)
        if part.is_sliced:
            inner = stmt.subquery(f"part{index}")
            stmt = sa.select(*inner.c)
        if index == 0:
            names, fields = part_names, part_fields
        statements.append(stmt)
    function = OPERATORS[operator][1 if keep_all else 0]
    return getattr(sa, function)(*statements), names, fields


def _order(query: Query, names: list[str], fields: list[Any]) -> list[Any]:
    import sqlalchemy as sa

    positions: dict[str, int] = {}
    for index, name in enumerate(names):
        positions.setdefault(name, index + 1)
        field = fields[index] if index < len(fields) else None
        if field is not None:
            positions.setdefault(field.name, index + 1)
            if field.primary_key:
                positions.setdefault("pk", index + 1)
    for index, (name, _) in enumerate(query.annotations):
        positions.setdefault(name, len(names) + index + 1)
    order = []
    for item in query.ordering or ():
        bare = item.lstrip("-")
        if bare not in positions:
            raise FieldError(
                f"order_by({item!r}) after a union/intersection/difference must name a "
                f"selected column. Choices are: {', '.join(sorted(positions))}."
            )
        column: Any = sa.literal_column(str(positions[bare]))
        order.append(column.desc() if item.startswith("-") else column.asc())
    return order


def select_step(query: Query, alias: str, wrapper: DatabaseWrapper) -> Execute:
    """The compound SELECT; rows are built like the first part's."""
    # cycle: query -> queryset -> combinators
    from . import compiler

    compound, names, fields = _compound(query, wrapper)
    order = _order(query, names, fields)
    if order:
        compound = compound.order_by(*order)
    if query.high is not None:
        compound = compound.limit(query.high - query.low)
    if query.low:
        compound = compound.offset(query.low)
    parts = extra(query).combined[2]  # type: ignore[index]
    first = compiler.select_plan(parts[0].replace(ordering=(), low=0, high=None), alias, wrapper)
    sql, params = compiler.compile_statement(compound, wrapper)
    return Execute(alias, sql, params, "all", first.build)


def count_step(query: Query, alias: str, wrapper: DatabaseWrapper) -> Execute:
    import sqlalchemy as sa

    # cycle: query -> queryset -> combinators
    from . import compiler

    compound, _, _ = _compound(query, wrapper)
    if query.is_sliced:
        if query.high is not None:
            compound = compound.limit(query.high - query.low)
        if query.low:
            compound = compound.offset(query.low)
    stmt = sa.select(sa.func.count()).select_from(compound.subquery("combined"))
    sql, params = compiler.compile_statement(stmt, wrapper)
    return Execute(alias, sql, params, "one", lambda rows: int(rows[0][0]) if rows else 0)


def exists_step(query: Query, alias: str, wrapper: DatabaseWrapper) -> Execute:
    step = select_step(query.replace(ordering=(), high=query.low + 1), alias, wrapper)
    return Execute(alias, step.sql, step.params, "all", lambda rows: bool(rows))
