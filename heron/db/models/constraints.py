"""Table constraints declared in ``Meta.constraints``: ``UniqueConstraint``, ``CheckConstraint``.

Names may contain ``%(app_label)s`` and ``%(class)s`` so an abstract model can declare them
for all its children.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy import Constraint, Table

    from .base import Model

__all__ = ["BaseConstraint", "CheckConstraint", "UniqueConstraint", "compile_condition"]

compile_condition: Callable[[Any, type[Model], Table], Any] | None = None
"""Set by the expressions layer: turn a ``Q`` condition into a SQLAlchemy clause for DDL."""


class BaseConstraint:
    """A named table constraint."""

    def __init__(self, *, name: str) -> None:
        if not name:
            raise TypeError(f"{type(self).__name__} needs a name=...")
        self.name = name

    def for_model(self, app_label: str, model_name: str) -> BaseConstraint:
        """Return a copy whose name has ``%(app_label)s`` / ``%(class)s`` filled in."""
        new = copy.copy(self)
        new.name = self.name % {
            "app_label": app_label,
            "class": model_name,
        }
        return new

    def field_names(self) -> list[str]:
        return []

    def to_sa(self, model: type[Model], table: Table) -> Constraint:
        raise TypeError  # pragma: no cover - every subclass overrides it

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return f"heron.db.models.{type(self).__name__}", [], {"name": self.name}

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, BaseConstraint)
            and type(other) is type(self)
            and self.deconstruct() == other.deconstruct()
        )

    def __hash__(self) -> int:
        return hash((type(self), self.name))

    def __repr__(self) -> str:
        _, _, kwargs = self.deconstruct()
        args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
        return f"{type(self).__name__}({args})"


class UniqueConstraint(BaseConstraint):
    """The combination of ``fields`` is unique across rows."""

    def __init__(self, *, fields: Sequence[str], name: str) -> None:
        super().__init__(name=name)
        if not fields or isinstance(fields, str):
            raise TypeError("UniqueConstraint needs fields=[...] (a list of field names).")
        self.fields = tuple(fields)

    def field_names(self) -> list[str]:
        return list(self.fields)

    def to_sa(self, model: type[Model], table: Table) -> Constraint:
        import sqlalchemy as sa

        columns = [model._meta.get_field(name).column for name in self.fields]
        return sa.UniqueConstraint(*columns, name=self.name)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        path, args, kwargs = super().deconstruct()
        kwargs["fields"] = self.fields
        return path, args, kwargs


class CheckConstraint(BaseConstraint):
    """Every row satisfies ``condition``: a SQL string or a ``Q`` object.

    A string is written into the DDL as-is (it is developer-written, never user input).
    """

    def __init__(self, *, condition: Any, name: str) -> None:
        super().__init__(name=name)
        self.condition = condition

    def to_sa(self, model: type[Model], table: Table) -> Constraint:
        import sqlalchemy as sa

        if isinstance(self.condition, str):
            return sa.CheckConstraint(sa.text(self.condition), name=self.name)
        if compile_condition is None:
            raise TypeError(
                f"CheckConstraint {self.name!r}: condition must be a SQL string or a Q object; "
                f"got {self.condition!r}."
            )
        return sa.CheckConstraint(compile_condition(self.condition, model, table), name=self.name)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        path, args, kwargs = super().deconstruct()
        kwargs["condition"] = self.condition
        return path, args, kwargs
