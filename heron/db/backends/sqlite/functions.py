"""Python functions registered on every SQLite connection (``create_function``).

``heron_localtime(value, zone)`` is what the ORM's date/time transforms call on a
``DateTimeField`` column when the current time zone is not UTC: ``value`` is the stored
UTC text (``YYYY-MM-DD HH:MM:SS[.ffffff]``), ``zone`` an IANA name (``Europe/Paris``) or a
fixed offset (``+05:30``); the result is the local wall time in the same text form, which
SQLite's ``strftime()`` / ``date()`` read.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo

__all__ = ["heron_localtime"]

_OFFSET = re.compile(r"^([+-])(\d{2}):(\d{2})$")


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> dt.tzinfo:
    found = _OFFSET.match(name)
    if found is None:
        return zoneinfo.ZoneInfo(name)
    sign = -1 if found.group(1) == "-" else 1
    return dt.timezone(sign * dt.timedelta(hours=int(found.group(2)), minutes=int(found.group(3))))


def heron_localtime(value: str | None, zone: str | None) -> str | None:
    """The wall time in ``zone`` of the UTC datetime text ``value`` (None stays None)."""
    if value is None or zone is None:
        return None
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone(_zone(zone)).replace(tzinfo=None)
    return local.isoformat(" ")
