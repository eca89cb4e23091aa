"""mypy --strict types a declared reverse accessor (``question.choices``) with no plugin."""

from __future__ import annotations

from ._mypy import run_mypy

M = "tests.typing.reverse_typecheck"


def test_declared_reverse_accessor_is_typed() -> None:
    result = run_mypy("reverse_typecheck.py")
    assert result.revealed == [
        f"heron.db.models.query.manager.ReverseManager[{M}.Choice]",
        f"heron.db.models.query.queryset.QuerySet[{M}.Choice]",
        f"{M}.Choice",
        f"{M}.Choice",
        f"{M}.Choice | None",
    ], result.stdout
    assert result.error_lines == result.marked_lines, result.stdout
