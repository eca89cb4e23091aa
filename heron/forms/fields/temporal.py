"""Date and time fields: ``DateField``, ``TimeField``, ``DateTimeField``,
``SplitDateTimeField`` and ``DurationField``.

``DateTimeField`` accepts ``YYYY-MM-DD HH:MM[:SS[.ffffff]]``, the ISO form with ``T`` (what
``<input type="datetime-local">`` sends) and an optional ``Z`` / ``+HH:MM`` offset. With
``USE_TZ`` the cleaned value is aware: naive input is read in the current time zone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from heron.utils.dateparse import parse_duration

from .. import _tz
from ..widgets.base import DateInput, DateTimeInput, TextInput, TimeInput
from ..widgets.multi import SplitDateTimeWidget
from .base import Field
from .multi import MultiValueField

__all__ = ["DateField", "DateTimeField", "DurationField", "SplitDateTimeField", "TimeField"]

_DATETIME = re.compile(
    r"\A\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?"
    r"(?:Z|[+-]\d{2}:?\d{2})?\Z"
)


class _TemporalField(Field):
    input_formats: Sequence[str] = ()

    def __init__(self, *, input_formats: Sequence[str] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if input_formats is not None:
            self.input_formats = tuple(input_formats)

    def _parse_formats(self, text: str) -> dt.datetime | None:
        for fmt in self.input_formats:
            try:
                return dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
        return None


class DateField(_TemporalField):
    """A date, typed ``YYYY-MM-DD`` (what ``<input type="date">`` sends)."""

    widget = DateInput
    input_formats = ("%Y-%m-%d",)
    default_error_messages = {"invalid": "Enter a valid date."}

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return _tz.to_current(value).date()
        if isinstance(value, dt.date):
            return value
        parsed = self._parse_formats(str(value).strip())
        if parsed is None:
            raise self.error("invalid", value=value)
        return parsed.date()


class TimeField(_TemporalField):
    """A time of day, ``HH:MM`` or ``HH:MM:SS[.ffffff]``."""

    widget = TimeInput
    input_formats = ("%H:%M:%S", "%H:%M:%S.%f", "%H:%M")
    default_error_messages = {"invalid": "Enter a valid time."}

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.time):
            return value
        parsed = self._parse_formats(str(value).strip())
        if parsed is None:
            raise self.error("invalid", value=value)
        return parsed.time()


class DateTimeField(_TemporalField):
    """A date and time (see the module docstring for the accepted forms)."""

    widget = DateTimeInput
    default_error_messages = {"invalid": "Enter a valid date/time."}

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.datetime):
            return _tz.to_current(value)
        return value

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return _tz.from_current(value)
        if isinstance(value, dt.date):
            return _tz.from_current(dt.datetime(value.year, value.month, value.day))
        text = str(value).strip()
        parsed = self._parse_formats(text) if self.input_formats else None
        if parsed is None:
            if not _DATETIME.match(text):
                raise self.error("invalid", value=value)
            try:
                parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                raise self.error("invalid", value=value) from None
        return _tz.from_current(parsed)


class SplitDateTimeField(MultiValueField):
    """A date and a time entered separately (``SplitDateTimeWidget``), cleaned to a datetime."""

    widget = SplitDateTimeWidget
    hidden_widget = SplitDateTimeWidget
    default_error_messages = {
        "invalid_date": "Enter a valid date.",
        "invalid_time": "Enter a valid time.",
    }

    def __init__(self, **kwargs: Any) -> None:
        messages = {**self.default_error_messages, **kwargs.get("error_messages", {})}
        fields = (
            DateField(error_messages={"invalid": messages["invalid_date"]}),
            TimeField(error_messages={"invalid": messages["invalid_time"]}),
        )
        super().__init__(fields, **kwargs)

    def compress(self, data_list: list[Any]) -> Any:
        if not data_list:
            return None
        date, time = data_list[0], data_list[1]
        if date in self.empty_values:
            raise self.error("invalid_date")
        if time in self.empty_values:
            raise self.error("invalid_time")
        return _tz.from_current(dt.datetime.combine(date, time))


class DurationField(Field):
    """A ``timedelta``, typed ``[DD] [[HH:]MM:]SS[.ffffff]`` (e.g. ``1 02:30:00``)."""

    widget = TextInput
    default_error_messages = {
        "invalid": "Enter a valid duration.",
        "overflow": "The number of days must be between %(min_days)s and %(max_days)s.",
    }

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dt.timedelta):
            return duration_string(value)
        return value

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.timedelta):
            return value
        text = str(value)
        if len(text) > 100:
            raise self.error("invalid", value=value)
        try:
            parsed = parse_duration(text)
        except OverflowError:
            raise self.error(
                "overflow", min_days=dt.timedelta.min.days, max_days=dt.timedelta.max.days
            ) from None
        if parsed is None:
            raise self.error("invalid", value=value)
        return parsed


def duration_string(value: dt.timedelta) -> str:
    """Write a timedelta as ``[-][D ]HH:MM:SS[.ffffff]`` (what ``DurationField`` reads)."""
    sign = "-" if value < dt.timedelta(0) else ""
    value = abs(value)
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
    if value.microseconds:
        text += f".{value.microseconds:06d}"
    if value.days:
        text = f"{value.days} {text}"
    return sign + text
