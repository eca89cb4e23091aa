"""Each form field's cleaning: the values it accepts and the exact messages it gives."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest

from heron import forms
from heron.forms import ValidationError


def messages(field: forms.Field, value: Any) -> list[str]:
    with pytest.raises(ValidationError) as info:
        field.clean(value)
    return info.value.messages


def test_required_and_optional() -> None:
    assert messages(forms.CharField(), "") == ["This field is required."]
    assert messages(forms.CharField(), None) == ["This field is required."]
    assert forms.CharField(required=False).clean("") == ""
    custom = forms.CharField(error_messages={"required": "Tell us your name."})
    assert messages(custom, "  ") == ["Tell us your name."]


def test_charfield_strip_lengths_and_empty_value() -> None:
    field = forms.CharField(min_length=2, max_length=4)
    assert field.clean("  ab ") == "ab"
    assert messages(field, "a") == ["Ensure this value has at least 2 characters (it has 1)."]
    assert messages(field, "abcde") == ["Ensure this value has at most 4 characters (it has 5)."]
    assert forms.CharField(strip=False).clean(" a ") == " a "
    assert forms.CharField(required=False, empty_value=None).clean("") is None
    assert messages(forms.CharField(), "a\x00b") == ["Null characters are not allowed."]
    assert forms.CharField().clean(12) == "12"
    too_long = forms.CharField(max_length=3, error_messages={"max_length": "Short, please."})
    assert messages(too_long, "abcd") == ["Short, please."]


def test_email_url_slug_regex() -> None:
    assert forms.EmailField().clean(" ada@example.com ") == "ada@example.com"
    assert messages(forms.EmailField(), "ada@") == ["Enter a valid email address."]
    url = forms.URLField()
    assert url.clean("example.com/a?b=1") == "https://example.com/a?b=1"
    assert url.clean("http://example.com") == "http://example.com"
    assert messages(url, "http://") == ["Enter a valid URL."]
    assert messages(url, "javascript:alert(1)") == ["Enter a valid URL."]
    assert forms.URLField(assume_scheme="http").clean("example.com") == "http://example.com"
    assert forms.SlugField().clean("a-b_c") == "a-b_c"
    assert messages(forms.SlugField(), "a b") == [
        "Enter a valid slug: letters, numbers, underscores or hyphens."
    ]
    regex = forms.RegexField(r"^\d{3}$", error_messages={"invalid": "Three digits."})
    assert regex.clean("123") == "123"
    assert messages(regex, "12a") == ["Three digits."]
    ip = forms.GenericIPAddressField()
    assert ip.clean("::1") == "::1"
    assert messages(ip, "1.2.3") == ["Enter a valid IPv4 or IPv6 address."]


def test_integer_field() -> None:
    field = forms.IntegerField(min_value=1, max_value=10)
    assert field.clean("3") == 3
    assert field.clean(" 4.0 ") == 4
    assert field.clean(5) == 5
    assert forms.IntegerField(required=False).clean("") is None
    assert messages(field, "3.5") == ["Enter a whole number."]
    assert messages(field, "abc") == ["Enter a whole number."]
    assert messages(field, True) == ["Enter a whole number."]
    assert messages(field, "0") == ["Ensure this value is greater than or equal to 1."]
    assert messages(field, "11") == ["Ensure this value is less than or equal to 10."]
    assert messages(field, "9" * 5000) == ["Enter a whole number."]
    stepped = forms.IntegerField(step_size=5)
    assert stepped.clean("15") == 15
    assert messages(stepped, "7") == ["Ensure this value is a multiple of step size 5."]


def test_float_field() -> None:
    field = forms.FloatField(max_value=2.5)
    assert field.clean("1.25") == 1.25
    assert messages(field, "x") == ["Enter a number."]
    assert messages(field, "inf") == ["Enter a number."]
    assert messages(field, "nan") == ["Enter a number."]
    assert messages(field, "3") == ["Ensure this value is less than or equal to 2.5."]


def test_decimal_field() -> None:
    field = forms.DecimalField(max_digits=5, decimal_places=2)
    assert field.clean("123.45") == Decimal("123.45")
    assert messages(field, "1.234") == ["Ensure that there are no more than 2 decimal places."]
    assert messages(field, "1234.5") == [
        "Ensure that there are no more than 3 digits before the decimal point."
    ]
    assert messages(field, "123456") == ["Ensure that there are no more than 5 digits in total."]
    assert messages(field, "NaN") == ["Enter a number."]
    assert messages(field, "1e") == ["Enter a number."]
    assert forms.DecimalField(required=False).clean(" ") is None


def test_boolean_fields() -> None:
    field = forms.BooleanField()
    assert field.clean("on") is True
    assert messages(field, "") == ["This field is required."]
    assert messages(field, "false") == ["This field is required."]
    optional = forms.BooleanField(required=False)
    assert optional.clean("0") is False
    assert optional.clean("false") is False
    nullable = forms.NullBooleanField()
    assert nullable.clean("true") is True
    assert nullable.clean("false") is False
    assert nullable.clean("unknown") is None
    assert nullable.clean(None) is None


COLORS = [("r", "Red"), ("Cool", [("g", "Green"), ("b", "Blue")])]


def test_choice_field() -> None:
    field = forms.ChoiceField(choices=COLORS)
    assert field.clean("r") == "r"
    assert field.clean("b") == "b"
    assert messages(field, "x") == ["Select a valid choice. x is not one of the available choices."]
    assert messages(field, "") == ["This field is required."]
    calls: list[int] = []

    def dynamic() -> list[tuple[str, str]]:
        calls.append(1)
        return [("1", "One")]

    lazy = forms.ChoiceField(choices=dynamic)
    assert calls == []
    assert lazy.clean("1") == "1"
    assert list(lazy.choices) == [("1", "One")]


def test_typed_choice_field() -> None:
    field = forms.TypedChoiceField(choices=[(1, "One"), (2, "Two")], coerce=int)
    assert field.clean("2") == 2
    assert messages(field, "3") == ["Select a valid choice. 3 is not one of the available choices."]
    optional = forms.TypedChoiceField(
        choices=[(1, "One")], coerce=int, required=False, empty_value=None
    )
    assert optional.clean("") is None


def test_multiple_choice_fields() -> None:
    field = forms.MultipleChoiceField(choices=COLORS)
    assert field.clean(["r", "g"]) == ["r", "g"]
    assert messages(field, []) == ["This field is required."]
    assert messages(field, "r") == ["Enter a list of values."]
    assert messages(field, ["r", "z"]) == [
        "Select a valid choice. z is not one of the available choices."
    ]
    typed = forms.TypedMultipleChoiceField(choices=[(1, "One"), (2, "Two")], coerce=int)
    assert typed.clean(["1", "2"]) == [1, 2]


def test_date_and_time_fields() -> None:
    date = forms.DateField()
    assert date.clean("2026-03-01") == dt.date(2026, 3, 1)
    assert date.clean(dt.date(2026, 3, 1)) == dt.date(2026, 3, 1)
    assert messages(date, "2026-02-30") == ["Enter a valid date."]
    assert messages(date, "01/03/2026") == ["Enter a valid date."]
    assert forms.DateField(input_formats=["%d/%m/%Y"]).clean("01/03/2026") == dt.date(2026, 3, 1)
    time = forms.TimeField()
    assert time.clean("09:30") == dt.time(9, 30)
    assert time.clean("09:30:15") == dt.time(9, 30, 15)
    assert messages(time, "25:00") == ["Enter a valid time."]


@pytest.mark.usefixtures("configured")
def test_datetime_field_forms_and_time_zones(settings_tz: Any) -> None:
    field = forms.DateTimeField()
    utc = dt.UTC
    assert field.clean("2026-03-01 09:30") == dt.datetime(2026, 3, 1, 9, 30, tzinfo=utc)
    assert field.clean("2026-03-01 09:30:15") == dt.datetime(2026, 3, 1, 9, 30, 15, tzinfo=utc)
    assert field.clean("2026-03-01T09:30") == dt.datetime(2026, 3, 1, 9, 30, tzinfo=utc)
    assert field.clean("2026-03-01T09:30:00Z") == dt.datetime(2026, 3, 1, 9, 30, tzinfo=utc)
    assert field.clean("2026-03-01") == dt.datetime(2026, 3, 1, tzinfo=utc)
    offset = field.clean("2026-03-01T09:30+02:00")
    assert offset == dt.datetime(2026, 3, 1, 7, 30, tzinfo=utc)
    assert messages(field, "2026-03-01 9:30") == ["Enter a valid date/time."]
    assert messages(field, "2026-13-01 09:30") == ["Enter a valid date/time."]
    assert messages(field, "tomorrow") == ["Enter a valid date/time."]


def test_datetime_field_reads_naive_input_in_time_zone(paris: Any) -> None:
    field = forms.DateTimeField()
    value = field.clean("2026-07-01T12:00")
    assert value.utcoffset() == dt.timedelta(hours=2)
    assert value.astimezone(dt.UTC) == dt.datetime(2026, 7, 1, 10, 0, tzinfo=dt.UTC)
    assert messages(field, "2026-03-29 02:30") == [
        "2026-03-29 02:30:00 couldn't be interpreted in time zone Europe/Paris; it may be "
        "ambiguous or it may not exist."
    ]
    shown = forms.DateTimeInput().render("when", field.prepare_value(value))
    assert shown == '<input type="datetime-local" name="when" value="2026-07-01T12:00">'


def test_datetime_field_without_use_tz(naive_settings: Any) -> None:
    field = forms.DateTimeField()
    assert field.clean("2026-03-01 09:30") == dt.datetime(2026, 3, 1, 9, 30)
    assert field.clean("2026-03-01T09:30:00Z") == dt.datetime(2026, 3, 1, 9, 30)


@pytest.mark.usefixtures("configured")
def test_split_datetime_field(settings_tz: Any) -> None:
    field = forms.SplitDateTimeField()
    assert field.clean(["2026-03-01", "09:30"]) == dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    assert messages(field, ["", ""]) == ["This field is required."]
    assert messages(field, ["2026-03-01", ""]) == ["This field is required."]
    assert messages(field, ["x", "09:30"]) == ["Enter a valid date."]
    assert messages(field, ["2026-03-01", "x"]) == ["Enter a valid time."]
    assert messages(field, "2026-03-01") == ["Enter a list of values."]
    assert forms.SplitDateTimeField(required=False).clean(["", ""]) is None


def test_duration_field() -> None:
    field = forms.DurationField()
    assert field.clean("1 02:03:04") == dt.timedelta(days=1, hours=2, minutes=3, seconds=4)
    assert field.clean("30") == dt.timedelta(seconds=30)
    assert field.clean("01:30") == dt.timedelta(minutes=1, seconds=30)
    assert messages(field, "soon") == ["Enter a valid duration."]
    assert messages(field, "99999999999 00:00:00") == [
        "The number of days must be between -999999999 and 999999999."
    ]
    shown = field.prepare_value(dt.timedelta(days=2, seconds=3661, microseconds=5))
    assert shown == "2 01:01:01.000005"


def test_uuid_field() -> None:
    value = uuid.UUID("12345678-1234-5678-1234-567812345678")
    field = forms.UUIDField()
    assert field.clean(str(value)) == value
    assert field.clean(value.hex) == value
    assert messages(field, "not-a-uuid") == ["Enter a valid UUID."]
    assert field.prepare_value(value) == str(value)


def test_json_field() -> None:
    field = forms.JSONField()
    assert field.clean('{"a": [1, 2]}') == {"a": [1, 2]}
    assert field.clean("[]") == []
    assert messages(field, "{oops") == ["Enter a valid JSON."]
    assert field.prepare_value({"é": 1}) == '{"é": 1}'
    assert field.bound_data("{oops", None) == "{oops"
    assert field.prepare_value(field.bound_data("{oops", None)) == "{oops"
    assert not field.has_changed({"a": 1, "b": 2}, '{"b": 2, "a": 1}')
    assert field.has_changed({"a": 1}, '{"a": 2}')


def test_validators_and_error_message_overrides() -> None:
    def even(value: int) -> None:
        if value % 2:
            raise ValidationError("%(value)s is odd.", code="odd", params={"value": value})

    field = forms.IntegerField(validators=[even])
    assert field.clean("4") == 4
    assert messages(field, "3") == ["3 is odd."]
    renamed = forms.IntegerField(validators=[even], error_messages={"odd": "Even numbers only."})
    assert messages(renamed, "3") == ["Even numbers only."]


def test_disabled_field_keeps_initial() -> None:
    class Profile(forms.Form):
        name = forms.CharField(disabled=True, initial="Ada")

    form = Profile({"name": "Mallory"})
    assert form.is_valid()
    assert form.cleaned_data == {"name": "Ada"}
    assert not form.has_changed()


def test_datetime_field_uses_the_activated_time_zone(configured: None) -> None:
    from heron import timezone

    field = forms.DateTimeField()
    with timezone.override("Asia/Tokyo"):
        value = field.clean("2026-03-01 09:00")
        assert value.astimezone(dt.UTC) == dt.datetime(2026, 3, 1, 0, 0, tzinfo=dt.UTC)
        shown = forms.DateTimeInput().render("t", field.prepare_value(value))
        assert shown == '<input type="datetime-local" name="t" value="2026-03-01T09:00">'
        split = forms.SplitDateTimeWidget().render("s", value)
        assert 'value="09:00"' in split


def test_split_datetime_field_in_a_prefixed_form(configured: None) -> None:
    class Meeting(forms.Form):
        when = forms.SplitDateTimeField()

    form = Meeting({"m-when_0": "2026-03-01", "m-when_1": "09:30"}, prefix="m")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["when"] == dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    assert not Meeting(
        {"m-when_0": "2026-03-01", "m-when_1": "09:30"},
        prefix="m",
        initial={"when": dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)},
    ).has_changed()
    assert str(Meeting(prefix="m")["when"]) == (
        '<input type="date" name="m-when_0" required id="id_m-when_0">'
        '<input type="time" name="m-when_1" required id="id_m-when_1">'
    )


def test_file_field_allow_empty_file() -> None:
    from heron.http.uploads import UploadedFile

    empty = UploadedFile.from_bytes(b"", "empty.txt")
    assert forms.FileField(allow_empty_file=True).clean(empty) is empty
    assert messages(forms.FileField(), empty) == ["The submitted file is empty."]
