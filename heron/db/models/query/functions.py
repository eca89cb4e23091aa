"""SQL for the function expressions (``Func`` subclasses) and ``ExpressionWrapper``.

``compile_function(resolver, expr)`` is what ``compiler.Resolver.expression`` calls for a
``Func``: the backend-specific ones (``Concat``, ``Length``, ``Cast``, ``Now``) are spelled
per backend here, the others are ``name(args...)``. Pure: builds SQLAlchemy expressions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from .expressions import Cast, Concat, Func, Length, Now

if TYPE_CHECKING:
    from .compiler import Resolver

__all__ = ["compile_function"]

_EMPTY: Any = sa.literal_column("''")


def compile_function(resolver: Resolver, expr: Func) -> Any:
    vendor = resolver.vendor
    if isinstance(expr, Concat):
        if vendor == "mysql":
            parts = [sa.func.coalesce(resolver.expression(e), _EMPTY) for e in expr.expressions]
            return sa.func.concat(*parts)
        parts = [
            sa.func.coalesce(sa.cast(resolver.expression(e), sa.Text), _EMPTY)
            for e in expr.expressions
        ]
        out: Any = parts[0]
        for part in parts[1:]:
            out = out.op("||")(part)
        return out
    if isinstance(expr, Now):
        if vendor == "sqlite":
            return sa.func.strftime(sa.literal_column("'%Y-%m-%d %H:%M:%f'"), "now")
        if vendor == "mysql":
            return sa.literal_column("UTC_TIMESTAMP(6)")
        return sa.func.now()
    args = [resolver.expression(e) for e in expr.expressions]
    if isinstance(expr, Cast):
        return sa.cast(args[0], _cast_type(expr.output_field, vendor))
    name = expr.function
    if isinstance(expr, Length) and vendor != "sqlite":
        name = "char_length"
    return getattr(sa.func, name)(*args)


def _cast_type(field: Any, vendor: str) -> Any:
    """The SQL type to cast to (SQLAlchemy's MariaDB/MySQL compiler maps it to the few
    types ``CAST`` accepts there: ``SIGNED``, ``CHAR``, ``DECIMAL``...)."""
    return field.sa_type(vendor)
