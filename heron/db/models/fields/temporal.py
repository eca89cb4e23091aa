"""Date and time fields: ``DateField``, ``DateTimeField``, ``TimeField``, ``DurationField``.

With ``USE_TZ`` on (the default) a ``DateTimeField`` holds aware datetimes in UTC: PostgreSQL
stores ``timestamptz``; SQLite and MySQL/MariaDB store the naive UTC wall time and the
converter re-attaches UTC on the way out. A naive datetime handed to the database while
``USE_TZ`` is on is refused with an error that says how to make it aware.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, TypeVar, Unpack, overload

from heron.timezone import get_default_timezone, use_tz
from heron.utils.dateparse import parse_duration as parse_duration

from ..exceptions import ValidationError
from .base import Field, FieldOptions

if TYPE_CHECKING:
    from sqlalchemy.types import TypeEngine

    from ..base import Model

__all__ = ["DateField", "DateTimeField", "DurationField", "TimeField", "use_tz"]

_T = TypeVar("_T")
UTC = dt.UTC


def _now() -> dt.datetime:
    now = dt.datetime.now(UTC)
    return now if use_tz() else now.replace(tzinfo=None)


class _AutoNowMixin:
    """``auto_now`` (set on every save) and ``auto_now_add`` (set when first saved)."""

    auto_now: bool
    auto_now_add: bool
    attname: str

    def _set_auto(self, options: dict[str, Any], auto_now: bool, auto_now_add: bool) -> None:
        if auto_now and auto_now_add:
            raise TypeError("auto_now and auto_now_add are mutually exclusive; pick one.")
        if (auto_now or auto_now_add) and "default" in options:
            raise TypeError("auto_now / auto_now_add set the value; drop the default.")
        if auto_now or auto_now_add:
            options.setdefault("editable", False)
            options.setdefault("blank", True)
        self.auto_now = auto_now
        self.auto_now_add = auto_now_add

    def _auto_value(self) -> Any:
        raise TypeError  # pragma: no cover - overridden

    def pre_save(self, instance: Model, add: bool) -> Any:
        if self.auto_now or (self.auto_now_add and add):
            value = self._auto_value()
            instance.__dict__[self.attname] = value
            return value
        return instance.__dict__.get(self.attname)

    def _deconstruct_auto(self) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        if self.auto_now:
            extra["auto_now"] = True
        if self.auto_now_add:
            extra["auto_now_add"] = True
        return extra


class DateField(_AutoNowMixin, Field[_T]):
    """A calendar date."""

    empty_strings_allowed = False

    @overload
    def __init__(
        self: DateField[dt.date],
        verbose_name: str | None = None,
        *,
        auto_now: bool = False,
        auto_now_add: bool = False,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: DateField[dt.date | None],
        verbose_name: str | None = None,
        *,
        auto_now: bool = False,
        auto_now_add: bool = False,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(
        self,
        verbose_name: str | None = None,
        *,
        auto_now: bool = False,
        auto_now_add: bool = False,
        null: bool = False,
        **options: Any,
    ) -> None:
        self._set_auto(options, auto_now, auto_now_add)
        Field.__init__(self, verbose_name, null=null, **options)

    def _auto_value(self) -> Any:
        return dt.datetime.now(UTC).date()

    def _deconstruct_extra(self) -> dict[str, Any]:
        return self._deconstruct_auto()

    def _deconstruct_defaults(self) -> dict[str, Any]:
        if self.auto_now or self.auto_now_add:
            return {"editable": False, "blank": True}
        return {}

    def to_python(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            if value.tzinfo is not None and use_tz():
                value = value.astimezone(get_default_timezone())
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError(
                "Value %(value)r must be a date in YYYY-MM-DD format.",
                code="invalid",
                params={"value": value},
            ) from None

    def get_prep_value(self, value: Any) -> Any:
        return self.to_python(value)

    def get_db_prep_value(self, value: Any, vendor: str) -> Any:
        value = self.get_prep_value(value)
        if value is not None and vendor == "sqlite":
            return value.isoformat()
        return value

    def get_db_converter(self, vendor: str) -> Callable[[Any], Any] | None:
        if vendor == "sqlite":
            return _date_from_text
        return None

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        return sa.Date()


def _date_from_text(value: Any) -> Any:
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value


class DateTimeField(DateField[_T]):
    """A date and time; aware and in UTC when ``USE_TZ`` is on (see the module docstring)."""

    @overload
    def __init__(
        self: DateTimeField[dt.datetime],
        verbose_name: str | None = None,
        *,
        auto_now: bool = False,
        auto_now_add: bool = False,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: DateTimeField[dt.datetime | None],
        verbose_name: str | None = None,
        *,
        auto_now: bool = False,
        auto_now_add: bool = False,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(
        self,
        verbose_name: str | None = None,
        *,
        auto_now: bool = False,
        auto_now_add: bool = False,
        null: bool = False,
        **options: Any,
    ) -> None:
        self._set_auto(options, auto_now, auto_now_add)
        Field.__init__(self, verbose_name, null=null, **options)

    def _auto_value(self) -> Any:
        return _now()

    def to_python(self, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            parsed = value
        elif isinstance(value, dt.date):
            parsed = dt.datetime(value.year, value.month, value.day)
        else:
            try:
                parsed = dt.datetime.fromisoformat(str(value).strip())
            except ValueError:
                raise ValidationError(
                    "Value %(value)r must be a date and time in YYYY-MM-DD HH:MM[:ss[.uuuuuu]]"
                    " format.",
                    code="invalid",
                    params={"value": value},
                ) from None
        if parsed.tzinfo is None and use_tz():
            # Input from a form or a string: read it in the site's time zone.
            parsed = parsed.replace(tzinfo=get_default_timezone()).astimezone(UTC)
        return parsed

    def get_prep_value(self, value: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, dt.datetime):
            value = self.to_python(value)
        self.check_value_for_db(value)
        return value

    def check_value_for_db(self, value: Any) -> None:
        if not isinstance(value, dt.datetime):
            return
        if value.tzinfo is None and use_tz():
            where = f"{self.model._meta.label}.{self.name}" if self.name else "DateTimeField"
            raise ValueError(
                f"{where} received the naive datetime {value.isoformat(' ')} while USE_TZ is "
                "on. Pass an aware datetime, e.g. heron.timezone.now() or "
                "datetime.now(datetime.UTC), or set USE_TZ = False."
            )
        if value.tzinfo is not None and not use_tz():
            where = f"{self.model._meta.label}.{self.name}" if self.name else "DateTimeField"
            raise ValueError(
                f"{where} received the aware datetime {value.isoformat(' ')} while USE_TZ is "
                "off. Pass a naive datetime, or set USE_TZ = True."
            )

    def get_db_prep_value(self, value: Any, vendor: str) -> Any:
        value = self.get_prep_value(value)
        if value is None or vendor == "postgresql":
            return value
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value.isoformat(" ") if vendor == "sqlite" else value

    def get_db_converter(self, vendor: str) -> Callable[[Any], Any] | None:
        aware = use_tz()
        if vendor == "sqlite":
            return _aware_from_text if aware else _naive_from_text
        if vendor == "postgresql":
            return _utc_from_aware if aware else _naive_from_aware
        return _aware_from_naive if aware else None

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        if vendor == "postgresql":
            return sa.DateTime(timezone=True)
        if vendor == "mysql":
            from sqlalchemy.dialects.mysql import DATETIME

            return DATETIME(fsp=6)
        return sa.DateTime()


def _naive_from_text(value: Any) -> Any:
    return dt.datetime.fromisoformat(value) if isinstance(value, str) else value


def _aware_from_text(value: Any) -> Any:
    if type(value) is str and (len(value) == 19 or len(value) == 26):
        # What Heron writes: "YYYY-MM-DD HH:MM:SS[.ffffff]" in UTC; parsing it with an
        # explicit offset is several times faster than parsing and then replacing tzinfo.
        try:
            return _fromisoformat(value + "+00:00")
        except ValueError:
            pass
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


_fromisoformat = dt.datetime.fromisoformat


def _aware_from_naive(value: Any) -> Any:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _utc_from_aware(value: Any) -> Any:
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value if value.tzinfo is UTC else value.astimezone(UTC)


def _naive_from_aware(value: Any) -> Any:
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo is not None else value


class TimeField(Field[_T]):
    """A time of day (microseconds kept on every backend)."""

    empty_strings_allowed = False

    @overload
    def __init__(
        self: TimeField[dt.time],
        verbose_name: str | None = None,
        *,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: TimeField[dt.time | None],
        verbose_name: str | None = None,
        *,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(self, verbose_name: str | None = None, *, null: bool = False, **options: Any):
        super().__init__(verbose_name, null=null, **options)

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, dt.time):
            return value
        if isinstance(value, dt.datetime):
            return value.time()
        try:
            return dt.time.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError(
                "Value %(value)r must be a time in HH:MM[:ss[.uuuuuu]] format.",
                code="invalid",
                params={"value": value},
            ) from None

    def get_prep_value(self, value: Any) -> Any:
        return self.to_python(value)

    def get_db_prep_value(self, value: Any, vendor: str) -> Any:
        value = self.get_prep_value(value)
        if value is not None and vendor == "sqlite":
            return value.isoformat()
        return value

    def get_db_converter(self, vendor: str) -> Callable[[Any], Any] | None:
        if vendor == "sqlite":
            return _time_from_text
        if vendor == "mysql":
            return _time_from_timedelta
        return None

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        if vendor == "mysql":
            from sqlalchemy.dialects.mysql import TIME

            return TIME(fsp=6)
        return sa.Time()


def _time_from_text(value: Any) -> Any:
    return dt.time.fromisoformat(value) if isinstance(value, str) else value


def _time_from_timedelta(value: Any) -> Any:
    # PyMySQL and asyncmy return TIME columns as timedelta.
    if isinstance(value, dt.timedelta):
        return (dt.datetime.min + value).time()
    return value


class DurationField(Field[_T]):
    """A ``timedelta``: INTERVAL on PostgreSQL, a BIGINT of microseconds elsewhere."""

    empty_strings_allowed = False

    @overload
    def __init__(
        self: DurationField[dt.timedelta],
        verbose_name: str | None = None,
        *,
        null: Literal[False] = False,
        **options: Unpack[FieldOptions],
    ) -> None: ...
    @overload
    def __init__(
        self: DurationField[dt.timedelta | None],
        verbose_name: str | None = None,
        *,
        null: Literal[True],
        **options: Unpack[FieldOptions],
    ) -> None: ...
    def __init__(self, verbose_name: str | None = None, *, null: bool = False, **options: Any):
        super().__init__(verbose_name, null=null, **options)

    def to_python(self, value: Any) -> Any:
        if value is None or isinstance(value, dt.timedelta):
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return dt.timedelta(seconds=value)
        parsed = parse_duration(str(value))
        if parsed is None:
            raise ValidationError(
                "Value %(value)r must be a duration in [DD] [[HH:]MM:]ss[.uuuuuu] format.",
                code="invalid",
                params={"value": value},
            )
        return parsed

    def get_prep_value(self, value: Any) -> Any:
        return self.to_python(value)

    def get_db_prep_value(self, value: Any, vendor: str) -> Any:
        value = self.get_prep_value(value)
        if value is None or vendor == "postgresql":
            return value
        return (value.days * 86_400 + value.seconds) * 1_000_000 + value.microseconds

    def get_db_converter(self, vendor: str) -> Callable[[Any], Any] | None:
        if vendor == "postgresql":
            return None
        return _duration_from_microseconds

    def sa_type(self, vendor: str | None = None) -> TypeEngine[Any]:
        import sqlalchemy as sa

        if vendor == "postgresql":
            return sa.Interval()
        return sa.BigInteger()


def _duration_from_microseconds(value: Any) -> Any:
    if isinstance(value, dt.timedelta):
        return value
    return dt.timedelta(microseconds=int(value))
