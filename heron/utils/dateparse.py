"""Parsing date and time text that ``datetime`` cannot parse itself (durations)."""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["parse_duration"]

_DURATION = re.compile(
    r"\A(?P<sign>-)?(?:(?P<days>\d+)(?:\s*days?,?)?\s+)?"
    r"(?:(?P<hours>\d+):)??(?:(?P<minutes>\d+):)?(?P<seconds>\d+(?:\.\d{1,6})?)\Z"
)


def parse_duration(text: str) -> dt.timedelta | None:
    """Parse ``"[-][D days, ][[HH:]MM:]SS[.uuuuuu]"`` (``str(timedelta)`` output)."""
    match = _DURATION.match(text.strip())
    if match is None:
        return None
    parts = match.groupdict()
    delta = dt.timedelta(
        days=int(parts["days"] or 0),
        hours=int(parts["hours"] or 0),
        minutes=int(parts["minutes"] or 0),
        seconds=float(parts["seconds"]),
    )
    return -delta if parts["sign"] else delta
