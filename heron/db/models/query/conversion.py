"""Turning driver values into Python values, per column, for rows and annotations.

Converters are chosen once per query shape (and per backend and ``USE_TZ``) and applied to
every row; columns whose driver value is already right get no converter at all.
"""

from __future__ import annotations

import decimal
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from heron.timezone import use_tz

from ..base import Model, ModelState
from ..fields.numeric import AutoField, DecimalField, IntegerField
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

__all__ = [
    "aggregate_converter",
    "convert_rows",
    "converters",
    "expression_converter",
    "model_builder",
]

# (field ids, vendor, USE_TZ) -> converters; fields live as long as their models.
_converter_cache: dict[tuple[Any, ...], tuple[Any, ...]] = {}


def converters(fields: Sequence[Field[Any]], vendor: str) -> tuple[Any, ...]:
    """Per-column driver-to-Python converters (None: no conversion), cached per shape."""
    key = (tuple(id(f) for f in fields), vendor, use_tz())
    found = _converter_cache.get(key)
    if found is None:
        found = tuple(f.get_db_converter(vendor) for f in fields)
        _converter_cache[key] = found
    return found


def aggregate_converter(agg: Aggregate, resolver: Resolver) -> Callable[[Any], Any]:
    """Driver value of an aggregate -> Python (backends differ: MySQL sums ints as Decimal)."""
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
    output = getattr(expr, "output_field", None)  # Cast, Now, ExpressionWrapper
    if output is not None:
        if isinstance(output, IntegerField | AutoField):
            return int
        found = output.get_db_converter(resolver.vendor)
        return found if found is not None else _identity

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
        # cycle: compiler -> conversion
        from .compiler import Resolver

        sub = Resolver(inner.model, resolver.wrapper, inner.annotations)
        return expression_converter(F(name), sub)
    return _identity


def _to_decimal(value: Any) -> decimal.Decimal:
    return decimal.Decimal(str(value))


def _identity(value: Any) -> Any:
    return value


def model_builder(
    model: Any, names: tuple[str, ...], convs: Sequence[Any], alias: str
) -> Callable[[list[Any]], list[Any]]:
    """``rows -> instances`` for one query shape: ``from_db_rows``, then each converter
    applied in the instance's ``__dict__`` (no per-row list copy)."""
    attnames = model._meta.attnames_for(names)
    generated = _generated_builder(model, attnames, convs, alias)
    if generated is not None:
        return generated
    pairs = tuple((attnames[i], c) for i, c in enumerate(convs) if c is not None)
    from_db_rows = model.from_db_rows

    if not pairs:

        def plain(rows: list[Any]) -> list[Any]:
            return from_db_rows(names, rows, alias)  # type: ignore[no-any-return]

        return plain

    if len(pairs) == 1:
        ((attname, conv),) = pairs

        def one(rows: list[Any]) -> list[Any]:
            objs: list[Any] = from_db_rows(names, rows, alias)
            for obj in objs:
                data = obj.__dict__
                value = data[attname]
                if value is not None:
                    data[attname] = conv(value)
            return objs

        return one

    def many(rows: list[Any]) -> list[Any]:
        objs: list[Any] = from_db_rows(names, rows, alias)
        for obj in objs:
            data = obj.__dict__
            for name, convert in pairs:
                value = data[name]
                if value is not None:
                    data[name] = convert(value)
        return objs

    return many


def _generated_builder(
    model: Any, attnames: Sequence[str], convs: Sequence[Any], alias: str
) -> Callable[[list[Any]], list[Any]] | None:
    """A builder written for this shape: each instance's ``__dict__`` made as one dict
    display, converters inlined (about a quarter faster than ``from_db_rows`` + converting).

    It makes instances exactly as ``Model.from_db_rows`` does; None (use that) when the model
    overrides ``from_db_rows`` or ``ModelState`` has other slots than the ones set here.
    """
    if (
        getattr(model.from_db_rows, "__func__", None)
        is not getattr(Model.from_db_rows, "__func__", None)
        or tuple(ModelState.__slots__) != ("adding", "db", "fields_cache")
        or len(convs) != len(attnames)
    ):
        return None
    namespace: dict[str, Any] = {"new": object.__new__, "State": ModelState, "cls": model}
    namespace["db"] = alias
    lines = [
        "def build(rows):",
        "    out = []",
        "    append = out.append",
        "    for row in rows:",
        "        state = new(State)",
        "        state.adding = False",
        "        state.db = db",
        "        state.fields_cache = {}",
        "        obj = new(cls)",
    ]
    entries = []
    for index, (attname, conv) in enumerate(zip(attnames, convs, strict=True)):
        if conv is None:
            entries.append(f"{attname!r}: row[{index}]")
        else:
            namespace[f"c{index}"] = conv
            lines.append(f"        v{index} = row[{index}]")
            entries.append(f"{attname!r}: None if v{index} is None else c{index}(v{index})")
    entries.append("'_state': state")
    lines.append("        obj.__dict__ = {" + ", ".join(entries) + "}")
    lines.append("        append(obj)")
    lines.append("    return out")
    exec("\n".join(lines), namespace)  # the only names in it are repr()-quoted attnames
    build: Callable[[list[Any]], list[Any]] = namespace["build"]
    return build


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
