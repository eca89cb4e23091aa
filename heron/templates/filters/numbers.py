"""Number filters: ``intcomma`` and ``filesizeformat``."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any

__all__ = ["FILTERS", "filesizeformat", "intcomma"]

_SIZE_UNITS = ("KB", "MB", "GB", "TB", "PB")


def intcomma(value: Any) -> Any:
    """``{{ 1234567|intcomma }}`` -> ``1,234,567``; ``1234.5`` -> ``1,234.5``.

    Numeric strings are formatted too; anything else is returned unchanged.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float | Decimal):
        number: int | float | Decimal = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            number = int(text)
        except ValueError:
            try:
                number = Decimal(text)
            except InvalidOperation:
                return value
            if not number.is_finite():
                return value
    else:
        return value
    return f"{number:,}"


def filesizeformat(value: Any) -> str:
    """``{{ size|filesizeformat }}``: ``"1 byte"``, ``"512 bytes"``, ``"1.5 KB"``, ``"117.7 MB"``.

    Units are powers of 1024. Values that are not numbers read as ``"0 bytes"``.
    """
    try:
        size = float(value)
    except (TypeError, ValueError):
        size = 0.0
    if size != size or size in (float("inf"), float("-inf")):  # NaN or infinite
        size = 0.0
    sign = "-" if size < 0 else ""
    size = abs(size)
    if size < 1024:
        count = int(size)
        return f"{sign}{count} {'byte' if count == 1 else 'bytes'}"
    for unit in _SIZE_UNITS:
        size /= 1024
        if size < 1024 or unit == _SIZE_UNITS[-1]:
            return f"{sign}{size:.1f} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


FILTERS: dict[str, Callable[..., Any]] = {
    "intcomma": intcomma,
    "filesizeformat": filesizeformat,
}
