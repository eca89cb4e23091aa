"""Enumerated choices for fields: ``TextChoices`` and ``IntegerChoices``.

Write each member as ``NAME = value, "Label"`` (or just ``NAME = value``; the label is then
the name in title case)::

    class Status(models.TextChoices):
        DRAFT = "d", "Draft"
        PUBLISHED = "p", "Published"

    status = models.CharField(max_length=1, choices=Status, default=Status.DRAFT)

Members are real ``str`` / ``int`` values (they compare equal to the stored value), each with
a ``.label``; the class has ``.choices`` (pairs for a field), ``.values`` and ``.labels``.
"""

from __future__ import annotations

import enum
from typing import Any

__all__ = ["Choices", "IntegerChoices", "TextChoices"]


class ChoicesType(enum.EnumType):
    """Metaclass: split ``value, label`` tuples and attach the labels to the members."""

    def __new__(
        metacls,
        classname: str,
        bases: tuple[type, ...],
        classdict: Any,
        **kwds: Any,
    ) -> ChoicesType:
        labels: list[str] = []
        for key in list(classdict._member_names):
            value = classdict[key]
            if isinstance(value, list | tuple) and len(value) > 1 and isinstance(value[-1], str):
                *parts, label = value
                value = parts[0] if len(parts) == 1 else tuple(parts)
            else:
                label = key.replace("_", " ").title()
            labels.append(label)
            # _EnumDict refuses re-assignment of a member name; write through dict directly.
            dict.__setitem__(classdict, key, value)
        cls = super().__new__(metacls, classname, bases, classdict, **kwds)
        for member, label in zip(_members(cls), labels, strict=True):
            member._label_ = label
        return enum.unique(cls)  # type: ignore[type-var]

    @property
    def choices(cls) -> list[tuple[Any, str]]:
        """Return ``[(value, label), ...]`` in declaration order."""
        return [(member.value, member.label) for member in _members(cls)]

    @property
    def values(cls) -> list[Any]:
        return [member.value for member in _members(cls)]

    @property
    def labels(cls) -> list[str]:
        return [member.label for member in _members(cls)]

    @property
    def names(cls) -> list[str]:
        return [member.name for member in _members(cls)]


def _members(cls: ChoicesType) -> list[Any]:
    return list(cls.__members__.values())


class Choices(enum.Enum, metaclass=ChoicesType):
    """Base of the choices enums; subclass ``TextChoices`` or ``IntegerChoices`` instead."""

    _label_: str

    @property
    def label(self) -> str:
        return self._label_

    def __str__(self) -> str:
        # The stored value, so f"{Status.DRAFT}" and templates show "d", not "Status.DRAFT".
        return str(self.value)


class TextChoices(str, Choices):
    """Choices whose values are strings."""

    @staticmethod
    def _generate_next_value_(name: str, start: int, count: int, last_values: list[Any]) -> str:
        return name.lower()

    def __str__(self) -> str:
        return str(self.value)


class IntegerChoices(int, Choices):
    """Choices whose values are integers."""

    def __str__(self) -> str:
        return str(self.value)
