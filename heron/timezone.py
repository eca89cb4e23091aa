"""Time zone helpers: ``now()``, ``localtime()``, ``make_aware()`` and friends.

With ``USE_TZ`` on (the default) Heron stores and hands out aware datetimes in UTC;
``localtime()`` converts one to the *current* time zone for display. The current time zone is
``TIME_ZONE`` unless code activates another for the running task or thread with
``activate(tz)`` or ``with override(tz):`` (kept in a context variable, so one request's
choice never leaks into another's).
"""

from __future__ import annotations

import contextvars
import datetime as dt
import functools
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager

from heron.conf import settings
from heron.conf.settings import on_change
from heron.core.exceptions import ImproperlyConfigured

__all__ = [
    "UTC",
    "activate",
    "deactivate",
    "get_current_timezone",
    "get_current_timezone_name",
    "get_default_timezone",
    "is_aware",
    "is_naive",
    "localdate",
    "localtime",
    "make_aware",
    "make_naive",
    "now",
    "override",
    "use_tz",
]

UTC = dt.UTC

_active: contextvars.ContextVar[dt.tzinfo | None] = contextvars.ContextVar(
    "heron_timezone", default=None
)


@functools.lru_cache(maxsize=64)
def _zone(name: str) -> dt.tzinfo:
    if name == "UTC":
        return UTC
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ImproperlyConfigured(
            f"Unknown time zone {name!r}. Use an IANA name such as 'Europe/Paris' or 'UTC'."
        ) from None


# The ``USE_TZ`` setting, once read; emptied when settings change. Date-time fields, forms and
# ``now()`` all ask here, so the answer is one list read on the hot path.
_use_tz_cache: list[bool] = []


def use_tz() -> bool:
    """Return the ``USE_TZ`` setting (True, its default, before settings are configured)."""
    if _use_tz_cache:
        return _use_tz_cache[0]
    if not settings.configured:
        return True
    value = bool(settings.USE_TZ)
    _use_tz_cache[:] = [value]
    return value


def _forget_use_tz(names: set[str]) -> None:
    if "USE_TZ" in names or not names:
        _use_tz_cache.clear()


# The ``TIME_ZONE`` setting as a tzinfo, once settings are configured; emptied when it changes.
_default: list[dt.tzinfo] = []


def get_default_timezone() -> dt.tzinfo:
    """The ``TIME_ZONE`` setting as a ``tzinfo`` (UTC before settings are configured)."""
    if _default:
        return _default[0]
    if not settings.configured:
        return UTC
    zone = _zone(str(settings.TIME_ZONE or "UTC"))
    _default[:] = [zone]
    return zone


def _forget_default(names: set[str]) -> None:
    if "TIME_ZONE" in names or not names:
        _default.clear()


on_change(_forget_use_tz)
on_change(_forget_default)


def get_current_timezone() -> dt.tzinfo:
    """The time zone activated for this task or thread, else the default one."""
    active = _active.get()
    if active is not None:
        return active
    return _default[0] if _default else get_default_timezone()


def get_current_timezone_name() -> str:
    """The name of the current time zone (``"Europe/Paris"``, ``"UTC"``)."""
    zone = get_current_timezone()
    return str(getattr(zone, "key", None) or zone.tzname(None) or "UTC")


def _as_tzinfo(timezone: dt.tzinfo | str) -> dt.tzinfo:
    return _zone(timezone) if isinstance(timezone, str) else timezone


def activate(timezone: dt.tzinfo | str) -> None:
    """Make ``timezone`` (a ``tzinfo`` or an IANA name) current for this task or thread."""
    _active.set(_as_tzinfo(timezone))


def deactivate() -> None:
    """Go back to the default time zone (``TIME_ZONE``)."""
    _active.set(None)


@contextmanager
def override(timezone: dt.tzinfo | str | None) -> Iterator[None]:
    """Use ``timezone`` inside the block (``None``: the default one)."""
    token = _active.set(None if timezone is None else _as_tzinfo(timezone))
    try:
        yield
    finally:
        _active.reset(token)


def now() -> dt.datetime:
    """The current time: aware, in UTC, with ``USE_TZ``; naive local time without it."""
    if use_tz():
        return dt.datetime.now(UTC)
    return dt.datetime.now()


def is_aware(value: dt.datetime | dt.time) -> bool:
    """Whether ``value`` carries a usable UTC offset."""
    return value.utcoffset() is not None


def is_naive(value: dt.datetime | dt.time) -> bool:
    """Whether ``value`` has no UTC offset."""
    return value.utcoffset() is None


def localtime(
    value: dt.datetime | None = None, timezone: dt.tzinfo | str | None = None
) -> dt.datetime:
    """Convert an aware datetime (default: now) to ``timezone`` (default: the current one).

    A naive value is refused: say which time zone it is in with ``make_aware()`` first.
    """
    if value is None:
        value = dt.datetime.now(UTC)
    if is_naive(value):
        raise ValueError(
            "localtime() cannot convert a naive datetime; make it aware first with "
            "make_aware(value, timezone)."
        )
    zone = get_current_timezone() if timezone is None else _as_tzinfo(timezone)
    return value.astimezone(zone)


def localdate(value: dt.datetime | None = None, timezone: dt.tzinfo | str | None = None) -> dt.date:
    """The date of ``localtime(value, timezone)``."""
    return localtime(value, timezone).date()


def make_aware(value: dt.datetime, timezone: dt.tzinfo | str | None = None) -> dt.datetime:
    """Attach ``timezone`` (default: the current one) to a naive datetime."""
    if is_aware(value):
        raise ValueError(f"make_aware() expects a naive datetime, got {value!r}.")
    zone = get_current_timezone() if timezone is None else _as_tzinfo(timezone)
    return value.replace(tzinfo=zone)


def make_naive(value: dt.datetime, timezone: dt.tzinfo | str | None = None) -> dt.datetime:
    """Convert an aware datetime to ``timezone`` (default: the current one), drop the zone."""
    if is_naive(value):
        raise ValueError(f"make_naive() expects an aware datetime, got {value!r}.")
    zone = get_current_timezone() if timezone is None else _as_tzinfo(timezone)
    return value.astimezone(zone).replace(tzinfo=None)
