"""Parse rates: ``"5/m"`` is five per minute; ``"5/10m"`` five per ten minutes."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Rate", "parse_rate"]

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")


@dataclass(frozen=True, slots=True)
class Rate:
    """``limit`` requests per ``period`` seconds."""

    limit: int
    period: int

    def __str__(self) -> str:
        return f"{self.limit}/{self.period}s"


def parse_rate(rate: str | Rate) -> Rate:
    """Return the ``Rate`` that ``rate`` names; ``ValueError`` saying the format if it is bad."""
    if isinstance(rate, Rate):
        return rate
    match = _RATE.match(rate) if isinstance(rate, str) else None
    if match is None:
        raise ValueError(
            f"Rate {rate!r} is not understood: write a count, a slash and a period, "
            'e.g. "5/s", "100/m", "1000/h", "10/d" or "5/10m".'
        )
    count, multiplier, unit = match.groups()
    period = int(multiplier or 1) * _UNITS[unit]
    if period <= 0:
        raise ValueError(f"Rate {rate!r} has a period of zero seconds.")
    return Rate(int(count), period)
