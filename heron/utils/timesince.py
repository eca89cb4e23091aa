"""Describe time spans in words: ``timesince``, ``timeuntil`` and ``naturaltime``.

``timesince(then, now)`` -> ``"2 days, 3 hours"``: the largest unit and, when it is not zero,
the next one. Spans under a minute read ``"0 minutes"``. Dates without a time count from
midnight; naive and aware values are compared as they are when both are alike, and an aware
value meets a naive one by treating the naive one as UTC.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

__all__ = ["UNITS", "naturaltime", "now_like", "timesince", "timeuntil"]

UNITS: list[tuple[str, str, int]] = [
    ("year", "years", 365 * 24 * 3600),
    ("month", "months", 30 * 24 * 3600),
    ("week", "weeks", 7 * 24 * 3600),
    ("day", "days", 24 * 3600),
    ("hour", "hours", 3600),
    ("minute", "minutes", 60),
]


def _as_datetime(value: date) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime.combine(value, time())


def now_like(value: date) -> datetime:
    """Return the current time, aware in UTC when ``value`` is aware, naive otherwise."""
    moment = _as_datetime(value)
    if moment.tzinfo is not None and moment.utcoffset() is not None:
        return datetime.now(UTC)
    return datetime.now()


def _align(a: datetime, b: datetime) -> tuple[datetime, datetime]:
    a_aware = a.tzinfo is not None and a.utcoffset() is not None
    b_aware = b.tzinfo is not None and b.utcoffset() is not None
    if a_aware and not b_aware:
        b = b.replace(tzinfo=UTC)
    elif b_aware and not a_aware:
        a = a.replace(tzinfo=UTC)
    return a, b


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def _describe(seconds: int, depth: int = 2) -> str:
    if seconds < 60:
        return "0 minutes"
    parts: list[str] = []
    for index, (singular, plural, size) in enumerate(UNITS):
        if seconds >= size:
            number, seconds = divmod(seconds, size)
            parts.append(_count(number, singular, plural))
            for next_singular, next_plural, next_size in UNITS[index + 1 : index + depth]:
                number = seconds // next_size
                if number == 0:
                    break
                parts.append(_count(number, next_singular, next_plural))
                seconds -= number * next_size
            break
    return ", ".join(parts)


def timesince(value: date, now: date | None = None, depth: int = 2) -> str:
    """Describe the time from ``value`` to ``now`` (default: the current time).

    A ``value`` after ``now`` reads ``"0 minutes"``; ``depth`` is how many adjacent units to
    show at most.
    """
    start = _as_datetime(value)
    end = _as_datetime(now) if now is not None else now_like(value)
    start, end = _align(start, end)
    seconds = int((end - start).total_seconds())
    return _describe(max(seconds, 0), depth)


def timeuntil(value: date, now: date | None = None, depth: int = 2) -> str:
    """Describe the time from ``now`` (default: the current time) until ``value``."""
    end = _as_datetime(value)
    start = _as_datetime(now) if now is not None else now_like(value)
    start, end = _align(start, end)
    seconds = int((end - start).total_seconds())
    return _describe(max(seconds, 0), depth)


def naturaltime(value: date, now: date | None = None) -> str:
    """Describe ``value`` relative to ``now``: ``"3 minutes ago"``, ``"2 hours from now"``.

    Under a day the largest unit alone is named (``"a minute ago"``, ``"5 hours ago"``); from
    a day on, two units as ``timesince`` gives them (``"2 days, 3 hours ago"``).
    """
    moment = _as_datetime(value)
    current = _as_datetime(now) if now is not None else now_like(value)
    moment, current = _align(moment, current)
    seconds = int((current - moment).total_seconds())
    past = seconds >= 0
    seconds = abs(seconds)
    if seconds == 0:
        return "now"
    if seconds < 60:
        text = "a second" if seconds == 1 else f"{seconds} seconds"
    elif seconds < 3600:
        minutes = seconds // 60
        text = "a minute" if minutes == 1 else f"{minutes} minutes"
    elif seconds < 86400:
        hours = seconds // 3600
        text = "an hour" if hours == 1 else f"{hours} hours"
    else:
        text = _describe(seconds)
    return f"{text} ago" if past else f"{text} from now"
