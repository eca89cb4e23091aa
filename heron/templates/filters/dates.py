"""Date and time filters: ``date``, ``time``, ``timesince``, ``timeuntil``, ``naturaltime``.

Aware datetimes are shown in the current time zone (``heron.timezone``: ``TIME_ZONE``, or
the zone a middleware activated) when ``USE_TZ`` is on, the default; naive ones as they are.
``None``, ``""`` and undefined values render as ``""``, so nullable fields need no guard.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any

import jinja2

from heron import timezone
from heron.conf import settings
from heron.utils import dateformat
from heron.utils import timesince as spans

__all__ = [
    "DEFAULT_DATE_FORMAT",
    "DEFAULT_TIME_FORMAT",
    "FILTERS",
    "date_filter",
    "localtime",
    "naturaltime",
    "time_filter",
    "timesince",
    "timeuntil",
]

DEFAULT_DATE_FORMAT = "N j, Y"
DEFAULT_TIME_FORMAT = "P"


def localtime(value: datetime) -> datetime:
    """Return an aware ``value`` in the current time zone (``heron.timezone``; ``TIME_ZONE``
    unless a zone was activated); a naive one, or any value with ``USE_TZ`` off, unchanged."""
    if value.tzinfo is None or value.utcoffset() is None:
        return value
    if not getattr(settings, "USE_TZ", True):
        return value
    return timezone.localtime(value)


def _is_empty(value: Any) -> bool:
    return value is None or value == "" or isinstance(value, jinja2.Undefined)


def _check(value: Any, filter_name: str, kinds: tuple[type, ...]) -> None:
    if not isinstance(value, kinds):
        wanted = " or ".join(kind.__name__ for kind in kinds)
        raise TypeError(
            f"The {filter_name!r} filter takes a {wanted}, not {type(value).__name__} ({value!r})."
        )


def date_filter(value: Any, format: str | None = None) -> str:
    """``{{ when|date("Y-m-d H:i") }}``: format a date or datetime (default ``"N j, Y"``)."""
    if _is_empty(value):
        return ""
    _check(value, "date", (date,))
    if isinstance(value, datetime):
        value = localtime(value)
    return dateformat.format_value(value, format or DEFAULT_DATE_FORMAT)


def time_filter(value: Any, format: str | None = None) -> str:
    """``{{ when|time("H:i") }}``: format the time of a datetime or a time (default ``"P"``)."""
    if _is_empty(value):
        return ""
    _check(value, "time", (datetime, time))
    if isinstance(value, datetime):
        value = localtime(value).timetz()
    return dateformat.format_value(value, format or DEFAULT_TIME_FORMAT)


def timesince(value: Any, now: Any = None) -> str:
    """``{{ posted|timesince }}`` -> ``"3 days, 2 hours"`` (since ``now``, default the present)."""
    if _is_empty(value):
        return ""
    _check(value, "timesince", (date,))
    return spans.timesince(value, None if _is_empty(now) else now)


def timeuntil(value: Any, now: Any = None) -> str:
    """``{{ deadline|timeuntil }}`` -> ``"2 weeks"`` (from ``now``, default the present)."""
    if _is_empty(value):
        return ""
    _check(value, "timeuntil", (date,))
    return spans.timeuntil(value, None if _is_empty(now) else now)


def naturaltime(value: Any, now: Any = None) -> str:
    """``{{ posted|naturaltime }}`` -> ``"5 minutes ago"``, ``"2 days from now"``, ``"now"``."""
    if _is_empty(value):
        return ""
    _check(value, "naturaltime", (date,))
    return spans.naturaltime(value, None if _is_empty(now) else now)


FILTERS: dict[str, Callable[..., Any]] = {
    "date": date_filter,
    "time": time_filter,
    "timesince": timesince,
    "timeuntil": timeuntil,
    "naturaltime": naturaltime,
}
