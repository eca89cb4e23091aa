"""mypy --strict types the user model (``User.objects.create_user`` is a ``User``; fields
have their value types) with no plugin."""

from __future__ import annotations

from ._mypy import run_mypy

A = "heron.contrib.auth.models"


def test_user_model_is_typed() -> None:
    result = run_mypy("auth_typecheck.py", "--follow-imports=silent")
    assert result.revealed == [
        f"{A}.User",
        "str",
        "bool",
        "datetime.datetime | None",
        f"heron.db.models.query.m2m.ManyManager[{A}.Group]",
        "bool",
    ], result.stdout
    assert result.error_lines == frozenset(), result.stdout
