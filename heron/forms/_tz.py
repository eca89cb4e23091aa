"""Time zone helpers for date-time fields: the current zone, and aware/naive conversion.

The current zone is ``heron.timezone``'s: ``TIME_ZONE``, or the zone activated for the
running request (``timezone.activate()`` / ``override()``).
"""

from __future__ import annotations

import datetime as dt

from heron.timezone import get_current_timezone, use_tz

from .exceptions import ValidationError

__all__ = ["current_timezone", "from_current", "to_current", "use_tz"]


def current_timezone() -> dt.tzinfo:
    """Return the zone in which naive input is interpreted and values are shown."""
    return get_current_timezone()


def to_current(value: dt.datetime) -> dt.datetime:
    """Show an aware datetime in the current zone (naive values are returned unchanged)."""
    if value.tzinfo is not None and use_tz():
        return value.astimezone(current_timezone())
    return value


def from_current(value: dt.datetime) -> dt.datetime:
    """Make user input aware in the current zone (with ``USE_TZ``), or naive local without.

    A wall time that does not exist (skipped by a daylight-saving change) or that happens
    twice is refused, since it cannot be read one way only.
    """
    zone = current_timezone()
    if not use_tz():
        if value.tzinfo is not None:
            return value.astimezone(zone).replace(tzinfo=None)
        return value
    if value.tzinfo is not None:
        return value
    aware = value.replace(tzinfo=zone)
    other = value.replace(tzinfo=zone, fold=1)
    round_trip = aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != value or aware.utcoffset() != other.utcoffset():
        raise ValidationError(
            "%(datetime)s couldn't be interpreted in time zone %(current_timezone)s; it may be "
            "ambiguous or it may not exist.",
            code="ambiguous_timezone",
            params={"datetime": value, "current_timezone": zone},
        )
    return aware
