"""mypy --strict infers field types with no plugin (SQLAlchemy-style ``__get__`` overloads)."""

from __future__ import annotations

from ._mypy import run_mypy

M = "tests.typing.models_typecheck"
EXPECTED_REVEALS = [
    "int",
    f"{M}.Question",
    f"{M}.Question | None",
    f"{M}.Poll",
    "decimal.Decimal",
    "uuid.UUID",
    "bool | None",
    f"heron.db.models.query.m2m.ManyManager[{M}.Tag]",
    "str | None",
    "datetime.datetime",
    "datetime.date | None",
    "heron.db.models.fields.text.CharField[str]",
    f"heron.db.models.fields.related.ForeignKey[{M}.Question]",
    "str",
]


def test_revealed_types() -> None:
    result = run_mypy("models_typecheck.py")
    assert result.revealed == EXPECTED_REVEALS, result.stdout


def test_only_the_marked_lines_fail() -> None:
    result = run_mypy("models_typecheck.py")
    assert result.error_lines == result.marked_lines, result.stdout
