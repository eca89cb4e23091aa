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
    "Combinable",
    "CombinedExpression",
    "Count",
    "F",
    "Max",
    "Min",
    "Q",
    "Sum",
    "Value",
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

    def __repr__(self) -> str:
        return f"{self.lhs!r} {self.op} {self.rhs!r}"


class Q:
    """A filter tree: keyword lookups joined by AND, combined with ``&``, ``|`` and ``~``."""

    AND = "AND"
    OR = "OR"

    def __init__(self, *args: Q, **kwargs: Any) -> None:
        connector = kwargs.pop("_connector", self.AND)
        negated = kwargs.pop("_negated", False)
        self.children: list[Q | tuple[str, Any]] = [*args, *sorted(kwargs.items())]
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

    def __init__(self, expression: str | Combinable, *, distinct: bool = False) -> None:
        self.source: Combinable | None = (
            None
            if expression == "*"
            else F(expression)
            if isinstance(expression, str)
            else expression
        )
        self.distinct = distinct

    def refs(self) -> Iterator[str]:
        if self.source is not None:
            yield from self.source.refs()

    def default_alias(self) -> str:
        if isinstance(self.source, F):
            return f"{self.source.name}__{self.function}"
        raise TypeError(f"{self!r} needs an explicit name: aggregate(name={self!r}).")

    def __repr__(self) -> str:
        inner = "*" if self.source is None else repr(self.source)
        return f"{type(self).__name__}({inner}{', distinct=True' if self.distinct else ''})"


class Count(Aggregate):
    function = "count"

    def __init__(self, expression: str | Combinable = "*", *, distinct: bool = False) -> None:
        super().__init__(expression, distinct=distinct)


class Sum(Aggregate):
    function = "sum"


class Avg(Aggregate):
    function = "avg"


class Min(Aggregate):
    function = "min"


class Max(Aggregate):
    function = "max"
