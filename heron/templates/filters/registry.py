"""Collect the filters of every theme module into one mapping for the environment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import dates, html, logic, numbers, text

__all__ = ["builtin_filters"]


def builtin_filters() -> dict[str, Callable[..., Any]]:
    """Return ``{name: filter}`` for every filter Heron registers (a new dict each call)."""
    found: dict[str, Callable[..., Any]] = {}
    for module in (dates, text, logic, numbers, html):
        found.update(module.FILTERS)
    return found
