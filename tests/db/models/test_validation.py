"""full_clean(), choices and their display (pinned messages)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from heron.db import models
from heron.db.models.registry import isolated_registry

from .basic.models import Contact, Priority, Question, Status


def _messages(instance: models.Model, **kwargs: object) -> dict[str, list[str]]:
    with pytest.raises(models.ValidationError) as info:
        instance.full_clean(**kwargs)  # type: ignore[arg-type]
    return info.value.message_dict


def valid_contact(**overrides: object) -> Contact:
    values: dict[str, object] = {
        "name": "Ann",
        "email": "ann@example.com",
        "slug": "ann",
        "balance": Decimal("1.50"),
    }
    values.update(overrides)
    return Contact(**values)


def test_valid_instance_passes() -> None:
    contact = valid_contact(homepage="https://example.com/x", ip="::ffff:10.0.0.1")
    contact.full_clean()
    assert contact.ip == "::ffff:a00:1"


def test_required_and_blank() -> None:
    assert _messages(Contact(email="a@b.co", slug="s")) == {
        "name": ["This field cannot be blank."],
    }
    assert _messages(valid_contact(name=None)) == {"name": ["This field cannot be null."]}


def test_format_errors() -> None:
    contact = valid_contact(
        name="x" * 21,
        email="not-an-email",
        homepage="htp://bad",
        slug="no spaces",
        ip="300.1.1.1",
        balance=Decimal("1234.56"),
        priority=7,
        token="zzz",
    )
    assert _messages(contact) == {
        "name": ["Ensure this value has at most 20 characters (it has 21)."],
        "email": ["Enter a valid email address."],
        "homepage": ["Enter a valid URL."],
        "slug": ["Enter a valid slug: letters, numbers, underscores or hyphens."],
        "ip": ["Enter a valid IPv4 or IPv6 address."],
        "balance": ["Ensure that there are no more than 5 digits in total."],
        "priority": ["Value 7 is not a valid choice."],
        "token": ["Value 'zzz' is not a valid UUID."],
    }


def test_decimal_messages() -> None:
    assert _messages(valid_contact(balance=Decimal("1.234"))) == {
        "balance": ["Ensure that there are no more than 2 decimal places."]
    }
    assert _messages(valid_contact(balance=Decimal("1234"))) == {
        "balance": ["Ensure that there are no more than 3 digits before the decimal point."]
    }
    assert _messages(valid_contact(balance="abc")) == {
        "balance": ["Value 'abc' must be a decimal number."]
    }


def test_exclude_and_conversion() -> None:
    contact = valid_contact(email="bad", balance="2.5", priority="2")
    contact.full_clean(exclude=["email"])
    assert contact.balance == Decimal("2.5") and contact.priority == 2


def test_clean_hook_errors_are_merged() -> None:
    with isolated_registry():

        class Checked(Contact):
            class Meta:
                proxy = True

            def clean(self) -> None:
                raise models.ValidationError("Whole-object problem.")

    assert _messages(Checked(name="", email="a@b.co", slug="s")) == {
        "name": ["This field cannot be blank."],
        "__all__": ["Whole-object problem."],
    }


def test_datetime_and_choices() -> None:
    question = Question(question_text="Q", pub_date="2024-05-01 10:00", status="x")
    assert _messages(question) == {"status": ["Value 'x' is not a valid choice."]}
    assert question.pub_date == dt.datetime(2024, 5, 1, 10, tzinfo=dt.UTC)


def test_get_display() -> None:
    question = Question(status=Status.PUBLISHED)
    assert question.get_status_display() == "Published"  # type: ignore[attr-defined]
    question.status = "zz"
    assert question.get_status_display() == "zz"  # type: ignore[attr-defined]
    assert Contact(priority=2).get_priority_display() == "High"  # type: ignore[attr-defined]


def test_text_choices() -> None:
    assert Status.choices == [("d", "Draft"), ("p", "Published"), ("a", "Archived")]
    assert Status.values == ["d", "p", "a"]
    assert Status.labels == ["Draft", "Published", "Archived"]
    assert Status.DRAFT == "d" and Status.DRAFT.label == "Draft"
    assert str(Status.DRAFT) == "d" and f"{Status.PUBLISHED}" == "p"
    assert Status("p") is Status.PUBLISHED


def test_integer_choices() -> None:
    assert Priority.choices == [(1, "Low"), (2, "High")]
    assert Priority.HIGH == 2 and Priority.HIGH.label == "High"


def test_grouped_choices_are_flattened() -> None:
    field = models.CharField(
        max_length=5, choices=[("Audio", [("cd", "CD"), ("lp", "Vinyl")]), ("dvd", "DVD")]
    )
    assert field.flatchoices == [("cd", "CD"), ("lp", "Vinyl"), ("dvd", "DVD")]
    assert field.display_for("lp") == "Vinyl"


def test_validation_error_shapes() -> None:
    error = models.ValidationError("Bad %(x)s.", code="bad", params={"x": 1})
    assert error.messages == ["Bad 1."] and error.code == "bad"
    listed = models.ValidationError(["one", models.ValidationError("two")])
    assert listed.messages == ["one", "two"]
    keyed = models.ValidationError({"a": "one", "b": ["two", "three"]})
    assert keyed.message_dict == {"a": ["one"], "b": ["two", "three"]}
    assert keyed.messages == ["one", "two", "three"]
