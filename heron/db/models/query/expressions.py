"""Query expressions: ``F``, ``Value``, arithmetic on them, and ``Q`` filter trees.

These objects only describe a query; ``compiler`` turns them into SQLAlchemy Core. They carry
no database state and import nothing heavy.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

__all__ = [
    "Aggregate",
    "Avg",
    "Case",
    "Cast",
    "Coalesce",
    "Combinable",
    "CombinedExpression",
    "Concat",
    "Count",
    "DenseRank",
    "Exists",
    "ExpressionWrapper",
    "F",
    "Func",
    "Lag",
    "Lead",
    "Length",
    "Lower",
    "Max",
    "Min",
    "Now",
    "OuterRef",
    "Q",
    "Rank",
    "RowNumber",
    "StdDev",
    "Subquery",
    "Sum",
    "Upper",
    "Value",
    "Variance",
    "When",
    "Window",
]


class Combinable:
    """Mixin for ``+ - * /`` between expressions and plain values."""

    def _combine(self, other: Any, op: str, reverse: bool) -> CombinedExpression:
        rhs = other if isinstance(other, Combinable) else Value(other)
        if reverse:
            return CombinedExpression(rhs, op, self)
        return CombinedExpression(self, op, rhs)

    def __add__(self, other: Any) -> CombinedExpression:
        return self._combine(other, "+", False)

    def __sub__(self, other: Any) -> CombinedExpression:
        return self._combine(other, "-", False)

    def __mul__(self, other: Any) -> CombinedExpression:
        return self._combine(other, "*", False)

    def __truediv__(self, other: Any) -> CombinedExpression:
        return self._combine(other, "/", False)

    def __radd__(self, other: Any) -> CombinedExpression:
        return self._combine(other, "+", True)

    def __rsub__(self, other: Any) -> CombinedExpression:
        return self._combine(other, "-", True)

    def __rmul__(self, other: Any) -> CombinedExpression:
        return self._combine(other, "*", True)

    def __rtruediv__(self, other: Any) -> CombinedExpression:
        return self._combine(other, "/", True)

    def refs(self) -> Iterator[str]:
        """The field paths this expression reads."""
        return iter(())

    contains_aggregate = False
    """Whether the expression aggregates rows (``annotate()`` then groups by the row)."""


class F(Combinable):
    """A reference to a field of the row (``F("votes")``, ``F("question__pub_date")``)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def refs(self) -> Iterator[str]:
        yield self.name

    def __repr__(self) -> str:
        return f"F({self.name})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, F) and other.name == self.name

    def __hash__(self) -> int:
        return hash(("F", self.name))


class Value(Combinable):
    """A literal value, always sent as a bound parameter."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __repr__(self) -> str:
        return f"Value({self.value!r})"


class CombinedExpression(Combinable):
    """``lhs <op> rhs`` where both sides are expressions."""

    def __init__(self, lhs: Combinable, op: str, rhs: Combinable) -> None:
        self.lhs = lhs
        self.op = op
        self.rhs = rhs

    def refs(self) -> Iterator[str]:
        yield from self.lhs.refs()
        yield from self.rhs.refs()

    @property
    def contains_aggregate(self) -> bool:  # type: ignore[override]
        return self.lhs.contains_aggregate or self.rhs.contains_aggregate

    def __repr__(self) -> str:
        return f"{self.lhs!r} {self.op} {self.rhs!r}"


class Q:
    """A filter tree: keyword lookups joined by AND, combined with ``&``, ``|`` and ``~``."""

    AND = "AND"
    OR = "OR"

    def __init__(self, *args: Q | Combinable, **kwargs: Any) -> None:
        connector = kwargs.pop("_connector", self.AND)
        negated = kwargs.pop("_negated", False)
        # Children: nested Q, ("path__lookup", value), or a boolean expression (``Exists``).
        self.children: list[Any] = [*args, *sorted(kwargs.items())]
        self.connector: str = connector
        self.negated: bool = negated

    def _combine(self, other: Q, connector: str) -> Q:
        if not isinstance(other, Q):
            raise TypeError(f"Cannot combine a Q with {other!r}.")
        return Q(self, other, _connector=connector)

    def __and__(self, other: Q) -> Q:
        return self._combine(other, self.AND)

    def __or__(self, other: Q) -> Q:
        return self._combine(other, self.OR)

    def __invert__(self) -> Q:
        return Q(self, _negated=True)

    def __bool__(self) -> bool:
        return bool(self.children)

    def __repr__(self) -> str:
        inner = f" {self.connector} ".join(repr(child) for child in self.children)
        return f"<Q: {'NOT ' if self.negated else ''}({inner})>"


class Aggregate(Combinable):
    """An SQL aggregate over a field path (``Sum("votes")``, ``Count("choices")``)."""

    function = ""
    contains_aggregate = True

    def __init__(
        self, expression: str | Combinable, *, distinct: bool = False, filter: Q | None = None
    ) -> None:
        self.source: Combinable | None = (
            None
            if expression == "*"
            else F(expression)
            if isinstance(expression, str)
            else expression
        )
        self.distinct = distinct
        self.filter = filter

    def refs(self) -> Iterator[str]:
        if self.source is not None:
            yield from self.source.refs()
        if self.filter is not None:
            yield from _q_refs(self.filter)

    def default_alias(self) -> str:
        if isinstance(self.source, F):
            return f"{self.source.name}__{self.function}"
        raise TypeError(f"{self!r} needs an explicit name: aggregate(name={self!r}).")

    def __repr__(self) -> str:
        inner = "*" if self.source is None else repr(self.source)
        return f"{type(self).__name__}({inner}{', distinct=True' if self.distinct else ''})"


class Count(Aggregate):
    function = "count"

    def __init__(
        self, expression: str | Combinable = "*", *, distinct: bool = False, filter: Q | None = None
    ) -> None:
        super().__init__(expression, distinct=distinct, filter=filter)


class Sum(Aggregate):
    function = "sum"


class Avg(Aggregate):
    function = "avg"


class Min(Aggregate):
    function = "min"


class Max(Aggregate):
    function = "max"


class StdDev(Aggregate):
    """Population standard deviation (``sample=True``: sample standard deviation)."""

    function = "stddev"

    def __init__(
        self, expression: str | Combinable, *, sample: bool = False, filter: Q | None = None
    ) -> None:
        super().__init__(expression, filter=filter)
        self.sample = sample


class Variance(Aggregate):
    """Population variance (``sample=True``: sample variance)."""

    function = "variance"

    def __init__(
        self, expression: str | Combinable, *, sample: bool = False, filter: Q | None = None
    ) -> None:
        super().__init__(expression, filter=filter)
        self.sample = sample


def _q_refs(q: Q) -> Iterator[str]:
    """The field paths a filter reads (lookup names stripped)."""
    from .lookups import JSON_LOOKUPS, LOOKUPS  # imports SQLAlchemy: only when asked

    for child in q.children:
        if isinstance(child, Q):
            yield from _q_refs(child)
        elif isinstance(child, Combinable):
            yield from child.refs()
        else:
            path, _, last = child[0].rpartition("__")
            yield path if path and last in LOOKUPS | JSON_LOOKUPS else child[0]
            if isinstance(child[1], Combinable):
                yield from child[1].refs()


def _expr(value: Any) -> Combinable:
    """Strings are field paths, expressions stay, other values become ``Value``."""
    if isinstance(value, Combinable):
        return value
    if isinstance(value, str):
        return F(value)
    return Value(value)


class Func(Combinable):
    """A SQL function over expressions (strings are field paths); see the subclasses."""

    function = ""

    def __init__(self, *expressions: Any) -> None:
        self.expressions: list[Combinable] = [_expr(e) for e in expressions]

    def refs(self) -> Iterator[str]:
        for expression in self.expressions:
            yield from expression.refs()

    @property
    def contains_aggregate(self) -> bool:  # type: ignore[override]
        return any(e.contains_aggregate for e in self.expressions)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(map(repr, self.expressions))})"


class Lower(Func):
    function = "lower"


class Upper(Func):
    function = "upper"


class Length(Func):
    """Length in characters (``CHAR_LENGTH`` on MySQL/MariaDB)."""

    function = "length"


class Coalesce(Func):
    """The first non-NULL argument (needs at least two)."""

    function = "coalesce"

    def __init__(self, *expressions: Any) -> None:
        if len(expressions) < 2:
            raise ValueError("Coalesce needs at least two expressions.")
        super().__init__(*expressions)


class Concat(Func):
    """String concatenation; NULL parts count as empty strings. Plain strings are values
    here (not field paths): write ``Concat(F("first"), " ", F("last"))``."""

    function = "concat"

    def __init__(self, *expressions: Any) -> None:
        if len(expressions) < 2:
            raise ValueError("Concat needs at least two expressions.")
        self.expressions = [e if isinstance(e, Combinable) else Value(e) for e in expressions]


class Cast(Func):
    """``CAST(expression AS <type of output_field>)``: ``Cast("rank", models.CharField())``."""

    function = "cast"

    def __init__(self, expression: Any, output_field: Any) -> None:
        super().__init__(expression)
        # cycle: db.models -> query -> expressions
        from ..fields.base import Field

        if not isinstance(output_field, Field):
            raise TypeError(f"Cast() takes a field instance as output_field, not {output_field!r}.")
        self.output_field = output_field

    def __repr__(self) -> str:
        return f"Cast({self.expressions[0]!r}, {type(self.output_field).__name__}())"


class Now(Func):
    """The current date and time, in UTC, as the database sees it (``filter(at__lte=Now())``)."""

    function = "now"

    def __init__(self) -> None:
        super().__init__()

    @property
    def output_field(self) -> Any:
        # cycle: db.models -> query -> expressions
        from ..fields.temporal import DateTimeField

        return DateTimeField()


class ExpressionWrapper(Combinable):
    """An expression with a declared ``output_field`` (how its values are read back)::

    ExpressionWrapper(F("at") - F("start"), output_field=models.DurationField())
    """

    def __init__(self, expression: Combinable, output_field: Any) -> None:
        if not isinstance(expression, Combinable):
            raise TypeError(f"ExpressionWrapper() takes an expression, not {expression!r}.")
        self.expression = expression
        self.output_field = output_field

    def refs(self) -> Iterator[str]:
        return self.expression.refs()

    @property
    def contains_aggregate(self) -> bool:  # type: ignore[override]
        return self.expression.contains_aggregate

    def __repr__(self) -> str:
        return f"ExpressionWrapper({self.expression!r})"


class When:
    """One ``WHEN condition THEN result`` branch of ``Case``."""

    def __init__(self, condition: Q | Combinable | None = None, *, then: Any, **lookups: Any):
        if condition is None and not lookups:
            raise TypeError("When() needs a condition: a Q, an Exists, or lookups.")
        parts: list[Any] = [] if condition is None else [condition]
        self.condition = Q(*parts, **lookups)
        self.result = then if isinstance(then, Combinable) else Value(then)


class Case(Combinable):
    """``CASE WHEN ... THEN ... ELSE default END``; ``then``/``default`` values are bound."""

    def __init__(self, *cases: When, default: Any = None) -> None:
        if not cases or not all(isinstance(c, When) for c in cases):
            raise TypeError("Case() takes one or more When() objects.")
        self.cases = cases
        self.default = default if isinstance(default, Combinable) else Value(default)

    def refs(self) -> Iterator[str]:
        for case in self.cases:
            yield from _q_refs(case.condition)
            yield from case.result.refs()
        yield from self.default.refs()

    @property
    def contains_aggregate(self) -> bool:  # type: ignore[override]
        return any(c.result.contains_aggregate for c in self.cases)


class OuterRef(F):
    """A field of the enclosing query, used inside a ``Subquery`` / ``Exists`` filter."""

    def refs(self) -> Iterator[str]:
        return iter(())  # resolved against the outer query, not the inner model

    def __repr__(self) -> str:
        return f"OuterRef({self.name})"


class Subquery(Combinable):
    """A QuerySet selecting one column (``values("x")[:1]``) as a scalar expression."""

    def __init__(self, queryset: Any) -> None:
        self.queryset = queryset

    def __repr__(self) -> str:
        return f"Subquery({self.queryset!r})"


class Exists(Subquery):
    """``EXISTS (subquery)``: a boolean, usable in ``filter()``, ``annotate()`` and ``When``;
    ``~Exists(qs)`` is ``NOT EXISTS``."""

    def __init__(self, queryset: Any, *, negated: bool = False) -> None:
        super().__init__(queryset)
        self.negated = negated

    def __invert__(self) -> Exists:
        return Exists(self.queryset, negated=not self.negated)


class WindowFunction(Func):
    """A function only valid inside ``Window`` (``RowNumber``, ``Rank``...)."""


class RowNumber(WindowFunction):
    function = "row_number"


class Rank(WindowFunction):
    function = "rank"


class DenseRank(WindowFunction):
    function = "dense_rank"


class Lag(WindowFunction):
    """The value of ``expression`` ``offset`` rows before (NULL, or ``default``)."""

    function = "lag"

    def __init__(self, expression: Any, offset: int = 1, default: Any = None) -> None:
        if not isinstance(offset, int) or offset < 1:
            raise ValueError(f"{type(self).__name__}() offset must be a positive integer.")
        self.offset = offset
        args: list[Any] = [expression]
        if default is not None:
            args.append(default if isinstance(default, Combinable) else Value(default))
        super().__init__(*args)


class Lead(Lag):
    function = "lead"


class Window(Combinable):
    """``expression OVER (PARTITION BY ... ORDER BY ...)``; ``order_by`` takes names
    (``"-votes"``) or expressions, ``partition_by`` names or expressions."""

    def __init__(
        self,
        expression: Combinable,
        partition_by: Any = None,
        order_by: Any = None,
    ) -> None:
        if not isinstance(expression, WindowFunction | Aggregate):
            raise TypeError(
                f"Window() takes a window function or an aggregate, not {expression!r}."
            )
        self.expression = expression
        self.partition_by = _as_list(partition_by)
        self.order_by = _as_list(order_by)

    def refs(self) -> Iterator[str]:
        yield from self.expression.refs()
        for item in (*self.partition_by, *self.order_by):
            if isinstance(item, str):
                yield item.lstrip("-")
            elif isinstance(item, Combinable):
                yield from item.refs()


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]
