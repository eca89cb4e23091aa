"""The current time zone in SQL: date/time transforms of a ``DateTimeField`` in local time.

With ``USE_TZ`` on, datetimes are stored in UTC, but ``pub_date__year=2026`` means the year in
the *current* time zone (``heron.timezone.get_current_timezone()``, changed by
``activate()`` / ``override()``). ``local_column`` turns the stored UTC column into the local
wall time, per backend:

==============  ===================================================================
PostgreSQL      ``timezone(CAST(? AS TEXT), col)`` (``AT TIME ZONE``); a fixed offset as
                ``CAST(? AS INTERVAL)``
MariaDB/MySQL   ``CONVERT_TZ(col, '+00:00', ?)``: a named zone needs the server's time
                zone tables (``mysql_tzinfo_to_sql``); a fixed offset does not
SQLite          ``heron_localtime(col, ?)``, a Python function the backend registers on
                each connection (``zoneinfo``)
==============  ===================================================================

The zone is always a bound parameter, so SQL text never depends on it except for the
"no conversion" case (UTC, or ``USE_TZ`` off); the compiled-SQL cache keys on the zone too.
``bounds`` gives the UTC range of a local year or date, for the index-friendly rewrite of
``__year`` / ``__date`` lookups (``ranges.py``). Pure: no I/O (MariaDB's probe is the
backend's).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from heron.db.exceptions import NotSupportedError
from heron.timezone import get_current_timezone, use_tz

from .lookups import bind

__all__ = ["TZ_TABLES_HINT", "bounds", "current_zone", "local_column", "zone_key", "zone_spec"]

TZ_TABLES_HINT = (
    "load them with `mysql_tzinfo_to_sql /usr/share/zoneinfo | mysql -u root mysql` "
    "(or mariadb-tzinfo-to-sql), then reconnect"
)


def zone_key() -> dt.tzinfo | bool:
    """False with ``USE_TZ`` off, else the current time zone (``heron.timezone``, whose
    default zone is cached), for the compiled-SQL cache's keys (``shapes.py``)."""
    if not use_tz():
        return False
    return get_current_timezone()


def current_zone() -> dt.tzinfo | None:
    """The zone transforms compute in; None for "as stored" (``USE_TZ`` off, or UTC)."""
    zone = zone_key()
    if zone is False or zone is dt.UTC or getattr(zone, "key", None) in ("UTC", "Etc/UTC"):
        return None
    assert isinstance(zone, dt.tzinfo)
    return zone


def zone_spec(zone: dt.tzinfo) -> tuple[bool, str]:
    """``(named, text)``: ``(True, "Europe/Paris")`` or ``(False, "+05:30")`` for a fixed
    offset (``datetime.timezone``)."""
    key = getattr(zone, "key", None) or getattr(zone, "zone", None)  # zoneinfo, pytz
    if isinstance(key, str) and key:
        return True, key
    if isinstance(zone, dt.timezone):
        offset = zone.utcoffset(None)
        sign = "-" if offset < dt.timedelta(0) else "+"
        minutes = abs(int(offset.total_seconds())) // 60
        return False, f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
    raise ValueError(
        f"Cannot use the time zone {zone!r} in queries: activate a zoneinfo.ZoneInfo, an IANA "
        "name such as 'Europe/Paris', or a fixed datetime.timezone offset."
    )


def local_column(column: Any, vendor: str, wrapper: Any, zone: dt.tzinfo | None) -> Any:
    """``column`` (a UTC ``DateTimeField`` column) as the wall time in ``zone``.

    Raises ``NotSupportedError`` on MariaDB/MySQL for a named zone when the server's time
    zone tables are empty (``CONVERT_TZ`` would return NULL)."""
    if zone is None:
        if vendor == "postgresql":
            return sa.func.timezone(sa.literal_column("'UTC'"), column)
        return column
    named, text = zone_spec(zone)
    if vendor == "postgresql":
        return sa.func.timezone(sa.cast(bind(text), sa.Text if named else sa.Interval), column)
    if vendor == "mysql":
        if named and not _mysql_knows_zones(wrapper):
            raise NotSupportedError(
                f"This MariaDB/MySQL server cannot convert to the time zone {text!r}: its time "
                f"zone tables are empty; {TZ_TABLES_HINT}. (__year and __date comparisons "
                "work without them.)"
            )
        return sa.func.convert_tz(column, bind("+00:00"), bind(text))
    return sa.func.heron_localtime(column, bind(text))


def _mysql_knows_zones(wrapper: Any) -> bool:
    check = getattr(wrapper, "has_time_zone_tables", None)
    return True if check is None else bool(check())


def bounds(kind: str, value: Any, zone: dt.tzinfo | None, aware: bool) -> tuple[Any, Any]:
    """``(start, end)``: the datetimes where local year / date ``value`` begins and the next
    one begins (None past the end of the calendar), in UTC when ``aware``."""
    if kind == "year":
        year = int(value)
        first = dt.date(max(year, dt.MINYEAR), 1, 1) if year <= dt.MAXYEAR else None
        after = dt.date(year + 1, 1, 1) if year < dt.MAXYEAR else None
        if year < dt.MINYEAR:
            first, after = None, dt.date(dt.MINYEAR, 1, 1)
    else:
        day = value.date() if isinstance(value, dt.datetime) else value
        first = day
        after = day + dt.timedelta(days=1) if day < dt.date.max else None
    return _midnight(first, zone, aware), _midnight(after, zone, aware)


def _midnight(day: dt.date | None, zone: dt.tzinfo | None, aware: bool) -> Any:
    if day is None:
        return None
    start = dt.datetime(day.year, day.month, day.day)
    if not aware:
        return start
    try:
        return start.replace(tzinfo=zone or dt.UTC).astimezone(dt.UTC)
    except OverflowError:  # the first local day of year 1 begins before UTC's calendar does
        return None
