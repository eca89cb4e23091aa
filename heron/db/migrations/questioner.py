"""The questions ``makemigrations`` asks when the models alone cannot say what was meant.

``MigrationQuestioner`` answers without asking (``--noinput``): it never guesses a rename,
and it refuses to add a NOT NULL column without a default (existing rows need a value) by
raising ``QuestionerError`` with a message that says what to do.
``InteractiveQuestioner`` asks on the terminal; tests pass ``prompt`` / ``echo`` callables to
script the answers.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable
from typing import Any

from heron import timezone
from heron.core.exceptions import HeronError
from heron.db.models.fields.base import NOT_PROVIDED

__all__ = ["InteractiveQuestioner", "MigrationQuestioner", "QuestionerError"]


class QuestionerError(HeronError):
    """makemigrations cannot go on without an answer that only the developer can give."""


def _describe(field: Any) -> str:
    return type(field).__name__


class MigrationQuestioner:
    """Give the safe answer to every question, without asking."""

    interactive = False

    def ask_rename_model(self, app_label: str, old_name: str, new_name: str) -> bool:
        """Was model ``old_name`` renamed to ``new_name``? (never guessed)"""
        return False

    def ask_rename_field(self, model_label: str, old_name: str, new_name: str, field: Any) -> bool:
        """Was field ``old_name`` renamed to ``new_name``? (never guessed)"""
        return False

    def ask_not_null_addition(self, model_label: str, field_name: str, field: Any) -> Any:
        """Return a one-off default for existing rows of a new NOT NULL column."""
        raise QuestionerError(
            f"Cannot add the NOT NULL field {model_label}.{field_name} without a default: "
            "the table may already have rows, and each needs a value. Give the field a "
            "default=..., or make it null=True, or run makemigrations without --noinput to "
            "type a one-off default for the existing rows."
        )

    def ask_not_null_alteration(self, model_label: str, field_name: str, field: Any) -> Any:
        """Return a one-off value for existing NULLs when a field becomes NOT NULL.

        NOT_PROVIDED means: leave existing rows to a data migration the developer writes.
        """
        return NOT_PROVIDED

    def ask_merge(self, app_label: str, leaves: list[str]) -> bool:
        """Should the leaf migrations of ``app_label`` be merged?"""
        return True


class InteractiveQuestioner(MigrationQuestioner):
    """Ask on the terminal (or through the ``prompt`` / ``echo`` callables given)."""

    interactive = True

    def __init__(
        self,
        prompt: Callable[[str], str] | None = None,
        echo: Callable[[str], None] | None = None,
    ) -> None:
        if prompt is None or echo is None:
            import click

            def click_prompt(text: str) -> str:
                answer: str = click.prompt(text, default="", show_default=False)
                return answer

            prompt = prompt or click_prompt
            echo = echo or click.echo
        self.prompt = prompt
        self.echo = echo

    def _yes(self, question: str) -> bool:
        while True:
            answer = self.prompt(f"{question} [y/N]").strip().lower()
            if answer in ("", "n", "no"):
                return False
            if answer in ("y", "yes"):
                return True
            self.echo("Please answer y or n.")

    def ask_rename_model(self, app_label: str, old_name: str, new_name: str) -> bool:
        return self._yes(f"Was the model {app_label}.{old_name} renamed to {new_name}?")

    def ask_rename_field(self, model_label: str, old_name: str, new_name: str, field: Any) -> bool:
        return self._yes(
            f"Was {model_label}.{old_name} renamed to {model_label}.{new_name} "
            f"(a {_describe(field)})?"
        )

    def _choose(self, intro: str, choices: list[str]) -> int:
        self.echo(intro)
        for number, choice in enumerate(choices, 1):
            self.echo(f" {number}) {choice}")
        while True:
            answer = self.prompt("Select an option").strip()
            if answer.isdigit() and 1 <= int(answer) <= len(choices):
                return int(answer)
            self.echo(f"Please select a number between 1 and {len(choices)}.")

    def _ask_default(self, model_label: str, field_name: str) -> Any:
        self.echo(
            "Type a Python expression for the value of existing rows (the modules datetime, "
            'decimal, uuid and heron\'s timezone are available), e.g. 0, "" or '
            "timezone.now. Leave it empty to quit."
        )
        while True:
            code = self.prompt(f"Value for {model_label}.{field_name}").strip()
            if not code:
                raise QuestionerError(f"No default for {model_label}.{field_name}; stopped.")
            try:
                return _evaluate(code)
            except Exception as exc:
                self.echo(f"Could not evaluate {code!r}: {exc}")

    def ask_not_null_addition(self, model_label: str, field_name: str, field: Any) -> Any:
        choice = self._choose(
            f"You are adding the NOT NULL field {model_label}.{field_name} without a "
            "default; the existing rows need a value for it. Choose:",
            [
                "Provide a one-off default now (used for existing rows only)",
                "Quit, and add a default=... (or null=True) to the field in models.py",
            ],
        )
        if choice == 2:
            raise QuestionerError(
                f"Stopped: give {model_label}.{field_name} a default or null=True, then run "
                "makemigrations again."
            )
        return self._ask_default(model_label, field_name)

    def ask_not_null_alteration(self, model_label: str, field_name: str, field: Any) -> Any:
        choice = self._choose(
            f"You are making {model_label}.{field_name} NOT NULL; existing rows may hold "
            "NULL. Choose:",
            [
                "Provide a one-off value now for the rows that are NULL",
                "Ignore for now: I will fill the NULLs with a data migration (RunPython)",
                "Quit, and change the field in models.py",
            ],
        )
        if choice == 3:
            raise QuestionerError(f"Stopped: {model_label}.{field_name} was left unchanged.")
        if choice == 2:
            return NOT_PROVIDED
        return self._ask_default(model_label, field_name)

    def ask_merge(self, app_label: str, leaves: list[str]) -> bool:
        return self._yes(f"Merge the migrations {', '.join(leaves)} of {app_label}?")


def _evaluate(code: str) -> Any:
    namespace: dict[str, Any] = {
        "datetime": datetime,
        "decimal": decimal,
        "uuid": uuid,
        "__builtins__": __builtins__,
    }
    try:
        namespace["timezone"] = timezone
    except ImportError:  # the timezone helpers arrive with their own room
        pass
    return eval(code, namespace)  # the developer typed it at their own terminal
