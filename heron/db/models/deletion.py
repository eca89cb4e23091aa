"""What happens to rows that point at a deleted row: the ``on_delete`` markers.

The markers only describe the behaviour; the deletion collector (part of the QuerySet layer)
reads ``field.on_delete`` and acts on it, raising ``ProtectedError`` or ``RestrictedError``
when a delete is refused. Nothing is emitted as ``ON DELETE`` in the schema: the collector
emulates every behaviour so signals fire for cascaded rows on every backend.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from heron.core.exceptions import HeronError

from .exceptions import FieldError

__all__ = [
    "CASCADE",
    "DO_NOTHING",
    "PROTECT",
    "RESTRICT",
    "SET",
    "SET_DEFAULT",
    "SET_NULL",
    "OnDelete",
    "ProtectedError",
    "RestrictedError",
]


class OnDelete:
    """One ``on_delete`` behaviour; ``value`` is set only for ``SET(...)``."""

    __slots__ = ("name", "value")

    def __init__(self, name: str, value: Any = None) -> None:
        self.name = name
        self.value = value

    def resolve_value(self) -> Any:
        """Return the value ``SET(...)`` writes (calling it when callable)."""
        return self.value() if callable(self.value) else self.value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, OnDelete) and other.name == self.name and other.value == self.value

    def __hash__(self) -> int:
        return hash(self.name)

    def __repr__(self) -> str:
        if self.name == "SET":
            return f"SET({self.value!r})"
        return self.name


CASCADE = OnDelete("CASCADE")
"""Delete the rows that point at the deleted row."""
PROTECT = OnDelete("PROTECT")
"""Refuse the delete with ``ProtectedError``."""
RESTRICT = OnDelete("RESTRICT")
"""Refuse unless the pointing rows are deleted by a cascade in the same operation."""
SET_NULL = OnDelete("SET_NULL")
"""Set the foreign key to NULL (the field needs ``null=True``)."""
SET_DEFAULT = OnDelete("SET_DEFAULT")
"""Set the foreign key to its default (the field needs a ``default``)."""
DO_NOTHING = OnDelete("DO_NOTHING")
"""Leave the pointing rows alone; the database's own constraint decides."""


def SET(value: Any | Callable[[], Any]) -> OnDelete:
    """Set the foreign key to ``value`` (or to what ``value()`` returns)."""
    return OnDelete("SET", value)


def check_on_delete(on_delete: Any, field_label: str, *, null: bool, has_default: bool) -> None:
    """Raise ``FieldError`` for an ``on_delete`` that cannot work with the field."""
    if not isinstance(on_delete, OnDelete):
        raise FieldError(
            f"{field_label}: on_delete must be one of models.CASCADE, PROTECT, RESTRICT, "
            f"SET_NULL, SET_DEFAULT, SET(...), DO_NOTHING; got {on_delete!r}."
        )
    if on_delete.name == "SET_NULL" and not null:
        raise FieldError(f"{field_label}: on_delete=SET_NULL needs null=True on the field.")
    if on_delete.name == "SET_DEFAULT" and not has_default:
        raise FieldError(f"{field_label}: on_delete=SET_DEFAULT needs a default on the field.")


class ProtectedError(HeronError):
    """A delete was refused because ``PROTECT`` foreign keys point at the rows."""

    def __init__(self, message: str, protected_objects: Iterable[Any]) -> None:
        super().__init__(message, protected_objects)
        self.protected_objects = set(protected_objects)


class RestrictedError(HeronError):
    """A delete was refused because ``RESTRICT`` foreign keys point at the rows."""

    def __init__(self, message: str, restricted_objects: Iterable[Any]) -> None:
        super().__init__(message, restricted_objects)
        self.restricted_objects = set(restricted_objects)
