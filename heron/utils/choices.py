"""Choices as ``(value, label)`` pairs, shared by model fields and form fields."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["flatten_choices", "normalize_choices"]


def normalize_choices(choices: Any) -> list[tuple[Any, Any]] | None:
    """Return choices as a list of ``(value, label)`` pairs (groups kept as given)."""
    if choices is None:
        return None
    if isinstance(choices, type) and hasattr(choices, "choices"):
        return list(choices.choices)
    if isinstance(choices, str) or not isinstance(choices, Iterable):
        raise TypeError(
            f"choices must be pairs of (value, label) or a Choices enum, not {choices!r}."
        )
    pairs = []
    for item in choices:
        if not isinstance(item, list | tuple) or len(item) != 2:
            raise TypeError(f"Each choice must be a (value, label) pair; got {item!r}.")
        pairs.append((item[0], item[1]))
    return pairs


def flatten_choices(choices: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """Expand named groups ``("Group", [(value, label), ...])`` into plain pairs."""
    flat: list[tuple[Any, Any]] = []
    for value, label in choices:
        if isinstance(label, list | tuple):
            flat.extend((v, lbl) for v, lbl in label)
        else:
            flat.append((value, label))
    return flat
