"""mypy --strict infers ``Question.objects.get()`` as ``Question`` with no plugin."""

from __future__ import annotations

from ._mypy import run_mypy

M = "tests.typing.queries_typecheck"
EXPECTED_REVEALS = [
    f"heron.db.models.query.manager.Manager[{M}.Question]",
    f"{M}.Question",
    f"{M}.Question",
    f"{M}.Question | None",
    f"{M}.Question",
    f"{M}.Question",
    f"heron.db.models.query.m2m.ManyManager[{M}.Tag]",
    f"heron.db.models.query.queryset.QuerySet[{M}.Tag]",
    f"{M}.Article",
    f"{M}.Article",
    f"{M}.Question",
    f"{M}.Article",
]


def test_revealed_types() -> None:
    result = run_mypy("queries_typecheck.py")
    assert result.revealed == EXPECTED_REVEALS, result.stdout


def test_only_the_marked_lines_fail() -> None:
    result = run_mypy("queries_typecheck.py")
    assert result.error_lines == result.marked_lines, result.stdout
