"""mypy --strict infers ``Question.objects.get()`` as ``Question`` with no plugin."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent

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


@pytest.fixture(scope="module")
def mypy_output() -> str:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--no-error-summary",
            "--config-file=",
            "tests/typing/queries_typecheck.py",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.stderr == "", result.stderr
    return result.stdout


def test_revealed_types(mypy_output: str) -> None:
    revealed = re.findall(r'Revealed type is "([^"]+)"', mypy_output)
    assert revealed == EXPECTED_REVEALS, mypy_output


def test_only_the_marked_lines_fail(mypy_output: str) -> None:
    source = (HERE / "queries_typecheck.py").read_text().splitlines()
    marked = {i + 1 for i, line in enumerate(source) if "# E:" in line}
    errors = {
        int(match) for match in re.findall(r"queries_typecheck\.py:(\d+): error:", mypy_output)
    }
    assert errors == marked, mypy_output
