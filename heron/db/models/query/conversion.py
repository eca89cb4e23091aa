"""Turning driver values into Python values, per column, for rows and annotations.

Converters are chosen once per query shape (and per backend and ``USE_TZ``) and applied to
every row; columns whose driver value is already right get no converter at all.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from .expressions import (
    Aggregate,
    Avg,
    Count,
    Exists,
    F,
    Lag,
    Length,
    OuterRef,
    StdDev,
    Subquery,
    Variance,
    Window,
)

if TYPE_CHECKING:
    from ..fields.base import Field
    from .compiler import Resolver

__all__ = ["aggregate_converter", "convert_rows", "converters", "expression_converter"]

# (field ids, vendor, USE_TZ) -> converters; fields live as long as their models.
_converter_cache: dict[tuple[Any, ...], tuple[Any, ...]] = {}


def converters(fields: Sequence[Field[Any]], vendor: str) -> tuple[Any, ...]:
    """Per-column driver-to-Python converters (None: no conversion), cached per shape."""
    from ..fields.temporal import use_tz

    key = (tuple(id(f) for f in fields), vendor, use_tz())
    found = _converter_cache.get(key)
    if found is None:
        found = tuple(f.get_db_converter(vendor) for f in fields)
        _converter_cache[key] = found
    return found


def aggregate_converter(agg: Aggregate, resolver: Resolver) -> Callable[[Any], Any]:
    """Driver value of an aggregate -> Python (backends differ: MySQL sums ints as Decimal)."""
    from ..fields.numeric import AutoField, DecimalField, IntegerField

    if not isinstance(agg, Aggregate):
        return expression_converter(agg, resolver)
    if isinstance(agg, Count):
        return int
    if isinstance(agg, StdDev | Variance):
        return float
    field = resolver.source_field(agg)
    if isinstance(agg, Avg):
        if isinstance(field, DecimalField):
            return _to_decimal
        return float
    if isinstance(field, IntegerField | AutoField):
        return int
    convert: Callable[[Any], Any] | None = None
    if field is not None:
        convert = field.get_db_converter(resolver.vendor)
    return convert if convert is not None else _identity


def expression_converter(expr: Any, resolver: Resolver) -> Callable[[Any], Any]:
    """Driver value of a non-aggregate annotation -> Python."""
    from ..fields.numeric import AutoField, IntegerField

    if isinstance(expr, Window):
        if isinstance(expr.expression, Aggregate):
            return aggregate_converter(expr.expression, resolver)
        if isinstance(expr.expression, Lag):
            return expression_converter(expr.expression.expressions[0], resolver)
        return int
    if isinstance(expr, Exists):
        return bool
    if isinstance(expr, Length):
        return int
    if isinstance(expr, F) and not isinstance(expr, OuterRef):
        if expr.name in resolver.annotations:
            return aggregate_converter(resolver.annotations[expr.name], resolver)
        field = resolver.resolve(expr.name, allow_lookup=False)[0]
        if isinstance(field, IntegerField | AutoField):
            return int
        convert = field.get_db_converter(resolver.vendor) if field is not None else None
        return convert if convert is not None else _identity
    if isinstance(expr, Subquery):
        inner = expr.queryset.query
        name = inner.fields[0] if inner.fields else "pk"
        from .compiler import Resolver

        sub = Resolver(inner.model, resolver.wrapper, inner.annotations)
        return expression_converter(F(name), sub)
    return _identity


def _to_decimal(value: Any) -> decimal.Decimal:
    return decimal.Decimal(str(value))


def _identity(value: Any) -> Any:
    return value


def convert_rows(rows: list[Any], convs: tuple[Any, ...]) -> list[Any]:
    if not any(convs):
        return rows
    pairs = [(i, c) for i, c in enumerate(convs) if c is not None]
    out = []
    for row in rows:
        values = list(row)
        for i, conv in pairs:
            if values[i] is not None:
                values[i] = conv(values[i])
        out.append(values)
    return out
