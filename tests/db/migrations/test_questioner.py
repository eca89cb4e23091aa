"""The questioner: scripted answers, and the safe answers of --noinput."""

from __future__ import annotations

import pytest

from heron.db import models
from heron.db.migrations.questioner import (
    InteractiveQuestioner,
    MigrationQuestioner,
    QuestionerError,
)
from heron.db.models.fields.base import NOT_PROVIDED


def scripted(*answers: str) -> tuple[InteractiveQuestioner, list[str]]:
    pending, printed = list(answers), []

    def prompt(text: str) -> str:
        printed.append(f"? {text}")
        return pending.pop(0)

    return InteractiveQuestioner(prompt=prompt, echo=printed.append), printed


def test_noinput_never_guesses() -> None:
    questioner = MigrationQuestioner()
    assert questioner.ask_rename_model("polls", "A", "B") is False
    assert questioner.ask_rename_field("polls.A", "x", "y", models.TextField()) is False
    assert questioner.ask_not_null_alteration("polls.A", "x", models.TextField()) is NOT_PROVIDED
    assert questioner.ask_merge("polls", ["0002_a", "0002_b"]) is True
    with pytest.raises(
        QuestionerError, match=r"^Cannot add the NOT NULL field polls.A.x without a default"
    ):
        questioner.ask_not_null_addition("polls.A", "x", models.TextField())


def test_yes_no_repeats_until_understood() -> None:
    questioner, printed = scripted("maybe", "Y")
    assert questioner.ask_rename_model("polls", "A", "B") is True
    assert printed == [
        "? Was the model polls.A renamed to B? [y/N]",
        "Please answer y or n.",
        "? Was the model polls.A renamed to B? [y/N]",
    ]
    questioner, _ = scripted("")
    assert questioner.ask_merge("polls", ["0002_a", "0002_b"]) is False


def test_one_off_default_expressions() -> None:
    import datetime

    questioner, _ = scripted("1", "datetime.date(2024, 1, 2)")
    assert questioner.ask_not_null_addition("polls.A", "day", models.DateField()) == datetime.date(
        2024, 1, 2
    )
    questioner, _ = scripted("1", "")
    with pytest.raises(QuestionerError, match=r"^No default for polls.A.day; stopped.$"):
        questioner.ask_not_null_addition("polls.A", "day", models.DateField())


def test_not_null_alteration_choices() -> None:
    questioner, _ = scripted("2")
    assert questioner.ask_not_null_alteration("polls.A", "x", models.IntegerField()) is NOT_PROVIDED
    questioner, _ = scripted("1", "7")
    assert questioner.ask_not_null_alteration("polls.A", "x", models.IntegerField()) == 7
    questioner, _ = scripted("3")
    with pytest.raises(QuestionerError, match=r"^Stopped: polls.A.x was left unchanged.$"):
        questioner.ask_not_null_alteration("polls.A", "x", models.IntegerField())
