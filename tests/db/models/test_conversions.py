"""Per-backend value conversions: get_db_prep_value() and from_db_value() for each field."""

from __future__ import annotations

import datetime as dt
import ipaddress
import uuid
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from heron.conf import override_settings, settings
from heron.db import models
from heron.db.models.fields.temporal import parse_duration

UTC = dt.UTC
U = uuid.UUID("12345678-1234-5678-1234-567812345678")
AWARE = dt.datetime(2024, 5, 1, 12, 30, 15, 250, tzinfo=UTC)
PLUS2 = dt.timezone(dt.timedelta(hours=2))

# (field, python value, {vendor: db value}) — the round trip must give the value back.
CASES: list[tuple[models.Field[Any], Any, dict[str, Any]]] = [
    (models.IntegerField(), 5, {"sqlite": 5, "postgresql": 5, "mysql": 5}),
    (models.BigIntegerField(), 2**40, {"sqlite": 2**40, "postgresql": 2**40, "mysql": 2**40}),
    (models.FloatField(), 1.5, {"sqlite": 1.5, "postgresql": 1.5, "mysql": 1.5}),
    (
        models.DecimalField(max_digits=6, decimal_places=2),
        Decimal("12.50"),
        {"sqlite": "12.50", "postgresql": Decimal("12.50"), "mysql": Decimal("12.50")},
    ),
    (models.BooleanField(), True, {"sqlite": True, "postgresql": True, "mysql": True}),
    (models.CharField(max_length=5), "abc", {"sqlite": "abc", "postgresql": "abc", "mysql": "abc"}),
    (models.TextField(), "long", {"sqlite": "long", "postgresql": "long", "mysql": "long"}),
    (models.UUIDField(), U, {"sqlite": U.hex, "postgresql": U, "mysql": U.hex}),
    (
        models.DateField(),
        dt.date(2024, 5, 1),
        {"sqlite": "2024-05-01", "postgresql": dt.date(2024, 5, 1), "mysql": dt.date(2024, 5, 1)},
    ),
    (
        models.DateTimeField(),
        AWARE,
        {
            "sqlite": "2024-05-01 12:30:15.000250",
            "postgresql": AWARE,
            "mysql": AWARE.replace(tzinfo=None),
        },
    ),
    (
        models.TimeField(),
        dt.time(8, 15, 1, 5),
        {
            "sqlite": "08:15:01.000005",
            "postgresql": dt.time(8, 15, 1, 5),
            "mysql": dt.time(8, 15, 1, 5),
        },
    ),
    (
        models.DurationField(),
        dt.timedelta(days=1, seconds=2, microseconds=3),
        {
            "sqlite": 86_402_000_003,
            "postgresql": dt.timedelta(days=1, seconds=2, microseconds=3),
            "mysql": 86_402_000_003,
        },
    ),
    (
        models.BinaryField(),
        b"\x00\x01",
        {"sqlite": b"\x00\x01", "postgresql": b"\x00\x01", "mysql": b"\x00\x01"},
    ),
    (
        models.GenericIPAddressField(),
        "2001:db8::1",
        {"sqlite": "2001:db8::1", "postgresql": "2001:db8::1", "mysql": "2001:db8::1"},
    ),
]


@pytest.fixture(autouse=True)
def _default_settings() -> Iterator[None]:
    saved = settings._wrapped
    settings.configure(SECRET_KEY="x")
    try:
        yield
    finally:
        settings._install(saved)


def _id(case: tuple[models.Field[Any], Any, dict[str, Any]]) -> str:
    return type(case[0]).__name__


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql", "mysql"])
@pytest.mark.parametrize("case", CASES, ids=_id)
def test_round_trip(case: tuple[models.Field[Any], Any, dict[str, Any]], vendor: str) -> None:
    field, value, stored = case
    assert field.get_db_prep_value(value, vendor) == stored[vendor]
    assert field.from_db_value(stored[vendor], vendor) == value
    assert field.get_db_prep_value(None, vendor) is None
    assert field.from_db_value(None, vendor) is None


@pytest.mark.parametrize(
    ("field", "vendor", "driver_value", "expected"),
    [
        (models.BooleanField(), "sqlite", 1, True),
        (models.BooleanField(), "mysql", 0, False),
        (models.DecimalField(max_digits=5, decimal_places=2), "sqlite", 1.5, Decimal("1.50")),
        (models.DecimalField(max_digits=5, decimal_places=2), "sqlite", 3, Decimal("3.00")),
        (models.TimeField(), "mysql", dt.timedelta(hours=8, minutes=15), dt.time(8, 15)),
        (
            models.DateTimeField(),
            "sqlite",
            "2024-05-01 12:30:15",
            dt.datetime(2024, 5, 1, 12, 30, 15, tzinfo=UTC),
        ),
        (models.DateTimeField(), "postgresql", AWARE.astimezone(PLUS2), AWARE),
        (
            models.GenericIPAddressField(),
            "postgresql",
            ipaddress.ip_interface("10.0.0.1/32"),
            "10.0.0.1",
        ),
        (models.JSONField(), "mysql", '"text"', "text"),
        (models.JSONField(), "postgresql", "text", "text"),
        (models.BinaryField(), "postgresql", memoryview(b"ab"), b"ab"),
    ],
)
def test_driver_values(
    field: models.Field[Any], vendor: str, driver_value: Any, expected: Any
) -> None:
    result = field.from_db_value(driver_value, vendor)
    assert result == expected and type(result) is type(expected)


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql", "mysql"])
def test_json(vendor: str) -> None:
    field = models.JSONField()
    assert field.get_db_prep_value({"a": [1, 2, None]}, vendor) == '{"a":[1,2,null]}'
    # psycopg parses jsonb itself; the others hand back text.
    driver_value = {"a": [1]} if vendor == "postgresql" else '{"a":[1]}'
    assert field.from_db_value(driver_value, vendor) == {"a": [1]}


def test_json_encoder() -> None:
    import json

    class DecimalEncoder(json.JSONEncoder):
        def default(self, o: Any) -> Any:
            return str(o) if isinstance(o, Decimal) else super().default(o)

    field = models.JSONField(encoder=DecimalEncoder)
    assert field.get_db_prep_value({"n": Decimal("1.5")}, "sqlite") == '{"n": "1.5"}'
    with pytest.raises(models.ValidationError, match="Value must be valid JSON"):
        models.JSONField().validate({"n": object()}, None)


def test_converters_are_none_when_not_needed() -> None:
    assert models.IntegerField().get_db_converter("sqlite") is None
    assert models.UUIDField().get_db_converter("postgresql") is None
    assert models.BooleanField().get_db_converter("postgresql") is None
    assert models.UUIDField().get_db_converter("sqlite") is not None


def test_naive_datetime_rejected_when_use_tz() -> None:
    field = models.DateTimeField()
    with pytest.raises(ValueError) as info:
        field.get_db_prep_value(dt.datetime(2024, 1, 1), "sqlite")
    assert str(info.value) == (
        "DateTimeField received the naive datetime 2024-01-01 00:00:00 while USE_TZ is on. "
        "Pass an aware datetime, e.g. heron.timezone.now() or datetime.now(datetime.UTC), "
        "or set USE_TZ = False."
    )


def test_aware_datetime_stored_as_utc() -> None:
    local = dt.datetime(2024, 5, 1, 14, 0, tzinfo=PLUS2)
    field = models.DateTimeField()
    assert field.get_db_prep_value(local, "sqlite") == "2024-05-01 12:00:00"
    assert field.get_db_prep_value(local, "mysql") == dt.datetime(2024, 5, 1, 12, 0)


def test_use_tz_off() -> None:
    field = models.DateTimeField()
    naive = dt.datetime(2024, 5, 1, 12, 0)
    with override_settings(USE_TZ=False):
        assert field.get_db_prep_value(naive, "sqlite") == "2024-05-01 12:00:00"
        assert field.from_db_value("2024-05-01 12:00:00", "sqlite") == naive
        assert field.from_db_value(naive, "mysql") == naive
        with pytest.raises(ValueError, match=r"aware datetime .* while USE_TZ is off"):
            field.get_db_prep_value(AWARE, "sqlite")
    assert field.from_db_value(naive, "mysql") == naive.replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("field", "raw", "expected"),
    [
        (models.IntegerField(), "42", 42),
        (models.FloatField(), "2.5", 2.5),
        (models.DecimalField(max_digits=4, decimal_places=1), "3.1", Decimal("3.1")),
        (models.BooleanField(), "yes", True),
        (models.BooleanField(), "0", False),
        (models.UUIDField(), str(U), U),
        (models.DateField(), "2024-05-01", dt.date(2024, 5, 1)),
        (
            models.DateTimeField(),
            "2024-05-01T12:00:00+02:00",
            dt.datetime(2024, 5, 1, 10, tzinfo=UTC),
        ),
        (models.DateTimeField(), "2024-05-01 12:00", dt.datetime(2024, 5, 1, 12, tzinfo=UTC)),
        (models.TimeField(), "08:15", dt.time(8, 15)),
        (
            models.DurationField(),
            "1 day, 2:03:04.5",
            dt.timedelta(days=1, hours=2, minutes=3, seconds=4.5),
        ),
        (models.DurationField(), "90", dt.timedelta(seconds=90)),
        (models.BinaryField(), "AAE=", b"\x00\x01"),
        (models.GenericIPAddressField(unpack_ipv4=True), "::ffff:10.0.0.1", "10.0.0.1"),
    ],
)
def test_to_python(field: models.Field[Any], raw: Any, expected: Any) -> None:
    assert field.to_python(raw) == expected


@pytest.mark.parametrize(
    ("field", "raw", "message"),
    [
        (models.IntegerField(), "4.5", "Value '4.5' must be an integer."),
        (models.FloatField(), "x", "Value 'x' must be a number."),
        (models.BooleanField(), "maybe", "Value 'maybe' must be True or False."),
        (
            models.DateField(),
            "01/05/2024",
            "Value '01/05/2024' must be a date in YYYY-MM-DD format.",
        ),
        (models.TimeField(), "noon", "Value 'noon' must be a time in HH:MM[:ss[.uuuuuu]] format."),
        (models.GenericIPAddressField(protocol="IPv4"), "::1", "Enter a valid IPv4 address."),
    ],
)
def test_to_python_errors(field: models.Field[Any], raw: Any, message: str) -> None:
    with pytest.raises(models.ValidationError) as info:
        field.to_python(raw)
    assert info.value.messages == [message]


def test_parse_duration() -> None:
    assert parse_duration("-1:00:00") == dt.timedelta(hours=-1)
    assert parse_duration("2 days 00:00:01") == dt.timedelta(days=2, seconds=1)
    assert parse_duration("junk") is None


def test_auto_now_pre_save() -> None:
    from .basic.models import Question

    field = models.DateTimeField(auto_now_add=True)
    assert not field.editable and field.blank
    with pytest.raises(TypeError, match="mutually exclusive"):
        models.DateTimeField(auto_now=True, auto_now_add=True)
    question = Question(question_text="q")
    pub = Question._meta.get_field("pub_date")
    assert pub.pre_save(question, add=True) is None  # not auto: the value as set
    field.attname = "stamp"
    stamp = field.pre_save(question, add=True)
    assert stamp.tzinfo is UTC and question.__dict__["stamp"] is stamp
    assert field.pre_save(question, add=False) is stamp


def test_foreign_key_delegates_to_target() -> None:
    from .relations.models import Book

    author = Book._meta.get_field("author")
    assert author.get_db_prep_value(3, "sqlite") == 3
    assert author.to_python("3") == 3
    assert author.get_db_converter("sqlite") is None
