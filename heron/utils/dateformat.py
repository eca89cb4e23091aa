"""Format dates and times with Django-style format characters.

``format_value(datetime(2026, 3, 7, 14, 5), "N j, Y, P")`` -> ``"March 7, 2026, 2:05 p.m."``.
Each character below is replaced; a backslash makes the next character literal
(``"jS \\o\\f F"`` -> ``"7th of March"``); any other character is copied.

Day: ``d`` 01-31, ``j`` 1-31, ``D`` Mon, ``l`` Monday, ``S`` st/nd/rd/th, ``w`` 0 (Sunday)-6,
``z`` day of the year (1-366). Week: ``W`` ISO week number. Month: ``m`` 01-12, ``n`` 1-12,
``M`` Jan, ``b`` jan, ``F`` January, ``N`` AP style (Jan., March, Sept.), ``t`` days in month.
Year: ``y`` 26, ``Y`` 2026, ``L`` leap year (True/False), ``o`` ISO week-numbering year.
Time: ``g`` 1-12, ``G`` 0-23, ``h`` 01-12, ``H`` 00-23, ``i`` minutes, ``s`` seconds,
``u`` microseconds, ``v`` milliseconds, ``a`` a.m./p.m., ``A`` AM/PM, ``f`` 2, 2:30,
``P`` 2:30 p.m., midnight, noon. Time zone: ``e`` zone name, ``O`` +0200, ``T`` abbreviation,
``Z`` offset in seconds, ``I`` daylight saving (1/0). Whole: ``c`` ISO 8601, ``r`` RFC 5322,
``U`` Unix seconds.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, datetime, time

__all__ = ["DATE_CHARACTERS", "TIME_CHARACTERS", "format_value"]

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
MONTHS_AP = [
    "Jan.", "Feb.", "March", "April", "May", "June",
    "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _hour12(t: time) -> int:
    return t.hour % 12 or 12


def _ampm(t: time) -> str:
    return "a.m." if t.hour < 12 else "p.m."


def _f(t: time) -> str:
    """Hour and minutes, minutes left out when zero: ``2``, ``2:30``."""
    if t.minute == 0:
        return str(_hour12(t))
    return f"{_hour12(t)}:{t.minute:02d}"


def _p(t: time) -> str:
    if t.minute == 0 and t.hour == 0:
        return "midnight"
    if t.minute == 0 and t.hour == 12:
        return "noon"
    return f"{_f(t)} {_ampm(t)}"


def _suffix(day: int) -> str:
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _o_offset(value: datetime | time) -> str:
    offset = value.utcoffset()
    if offset is None:
        return ""
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}{seconds // 60 % 60:02d}"


def _zone_name(value: datetime | time) -> str:
    tzinfo = value.tzinfo
    if tzinfo is None:
        return ""
    key = getattr(tzinfo, "key", None)  # zoneinfo.ZoneInfo
    if key:
        return str(key)
    return value.tzname() or ""


def _dst(value: datetime | time) -> str:
    if value.tzinfo is None:
        return ""
    dst = value.dst()
    return "1" if dst else "0"


def _rfc5322(d: datetime | date) -> str:
    if not isinstance(d, datetime):
        d = datetime.combine(d, time())
    text = (
        f"{WEEKDAYS[d.weekday()][:3]}, {d.day:02d} {MONTHS[d.month - 1][:3]} {d.year} "
        f"{d.hour:02d}:{d.minute:02d}:{d.second:02d}"
    )
    offset = _o_offset(d)
    return f"{text} {offset or '+0000'}"


def _timestamp(d: datetime | date) -> str:
    if not isinstance(d, datetime):
        d = datetime.combine(d, time())
    if d.tzinfo is None:
        return str(calendar.timegm(d.timetuple()))
    return str(int(d.timestamp()))


DateFormatter = Callable[[date], str]
TimeFormatter = Callable[[time], str]

DATE_CHARACTERS: dict[str, DateFormatter] = {
    "d": lambda d: f"{d.day:02d}",
    "j": lambda d: str(d.day),
    "D": lambda d: WEEKDAYS[d.weekday()][:3],
    "l": lambda d: WEEKDAYS[d.weekday()],
    "S": lambda d: _suffix(d.day),
    "w": lambda d: str((d.weekday() + 1) % 7),
    "z": lambda d: str(d.timetuple().tm_yday),
    "W": lambda d: str(d.isocalendar()[1]),
    "m": lambda d: f"{d.month:02d}",
    "n": lambda d: str(d.month),
    "M": lambda d: MONTHS[d.month - 1][:3],
    "b": lambda d: MONTHS[d.month - 1][:3].lower(),
    "F": lambda d: MONTHS[d.month - 1],
    "N": lambda d: MONTHS_AP[d.month - 1],
    "t": lambda d: str(calendar.monthrange(d.year, d.month)[1]),
    "y": lambda d: f"{d.year % 100:02d}",
    "Y": lambda d: str(d.year),
    "L": lambda d: str(calendar.isleap(d.year)),
    "o": lambda d: str(d.isocalendar()[0]),
    "c": lambda d: d.isoformat(),
    "r": _rfc5322,
    "U": _timestamp,
}

TIME_CHARACTERS: dict[str, TimeFormatter] = {
    "g": lambda t: str(_hour12(t)),
    "G": lambda t: str(t.hour),
    "h": lambda t: f"{_hour12(t):02d}",
    "H": lambda t: f"{t.hour:02d}",
    "i": lambda t: f"{t.minute:02d}",
    "s": lambda t: f"{t.second:02d}",
    "u": lambda t: f"{t.microsecond:06d}",
    "v": lambda t: f"{t.microsecond // 1000:03d}",
    "a": _ampm,
    "A": lambda t: "AM" if t.hour < 12 else "PM",
    "f": _f,
    "P": _p,
    "e": _zone_name,
    "O": _o_offset,
    "T": lambda t: t.tzname() or "",
    "Z": lambda t: str(int(o.total_seconds())) if (o := t.utcoffset()) is not None else "",
    "I": _dst,
}
TIME_CHARACTERS["c"] = lambda t: t.isoformat()


def format_value(value: date | time, format_string: str) -> str:
    """Format a ``date``, ``datetime`` or ``time`` with Django-style ``format_string``.

    Raises ``TypeError`` when the format asks for a part the value does not have (a time
    character for a ``date``, a date character for a ``time``).
    """
    out: list[str] = []
    chars = iter(format_string)
    is_datetime = isinstance(value, datetime)
    for char in chars:
        if char == "\\":
            out.append(next(chars, ""))
            continue
        if is_datetime:
            if char in DATE_CHARACTERS:
                out.append(DATE_CHARACTERS[char](value))  # type: ignore[arg-type]
            elif char in TIME_CHARACTERS:
                out.append(TIME_CHARACTERS[char](value))  # type: ignore[arg-type]
            else:
                out.append(char)
        elif isinstance(value, date):
            if char in DATE_CHARACTERS:
                out.append(DATE_CHARACTERS[char](value))
            elif char in TIME_CHARACTERS:
                raise TypeError(
                    f"The format {format_string!r} asks for {char!r}, a time part, but "
                    f"{value!r} is a date without a time."
                )
            else:
                out.append(char)
        else:
            if char in TIME_CHARACTERS:
                out.append(TIME_CHARACTERS[char](value))
            elif char in DATE_CHARACTERS:
                raise TypeError(
                    f"The format {format_string!r} asks for {char!r}, a date part, but "
                    f"{value!r} is a time without a date."
                )
            else:
                out.append(char)
    return "".join(out)
