"""Filters that choose words: ``pluralize``, ``yesno``, ``default_if_none``.

Jinja's own ``default`` is kept as Jinja defines it (it replaces undefined values; pass
``true`` as the second argument to replace every false value); see docs/templates.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["FILTERS", "default_if_none", "pluralize", "yesno"]


def _is_one(value: Any) -> bool:
    try:
        return float(value) == 1
    except (TypeError, ValueError):
        pass
    try:
        return len(value) == 1
    except TypeError:
        return False


def pluralize(value: Any, suffix: str = "s") -> str:
    """``{{ n }} vote{{ n|pluralize }}``; ``pluralize("es")``; ``pluralize("y,ies")``.

    ``value`` is a number, or anything with a length (a list counts its items). The
    argument is the plural suffix, or ``singular,plural``.
    """
    if "," in suffix:
        parts = suffix.split(",")
        if len(parts) != 2:
            raise ValueError(f"pluralize() takes a suffix or 'singular,plural', not {suffix!r}.")
        singular, plural = parts
    else:
        singular, plural = "", suffix
    return singular if _is_one(value) else plural


def yesno(value: Any, choices: str = "yes,no,maybe") -> str:
    """``{{ flag|yesno("on,off") }}``: the first word for true, the second for false.

    A third word is used for ``None`` (without one, ``None`` reads as the false word).
    """
    words = choices.split(",")
    if len(words) not in (2, 3):
        raise ValueError(f"yesno() takes 'yes,no' or 'yes,no,maybe', not {choices!r}.")
    if value is None:
        return words[2] if len(words) == 3 else words[1]
    return words[0] if value else words[1]


def default_if_none(value: Any, default: Any = "") -> Any:
    """``{{ middle_name|default_if_none("-") }}``: replace ``None`` only (``""`` and 0 stay)."""
    return default if value is None else value


FILTERS: dict[str, Callable[..., Any]] = {
    "pluralize": pluralize,
    "yesno": yesno,
    "default_if_none": default_if_none,
}
