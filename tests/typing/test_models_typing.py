"""mypy --strict infers field types with no plugin (SQLAlchemy-style ``__get__`` overloads)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent

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
            "tests/typing/models_typecheck.py",
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
    source = (HERE / "models_typecheck.py").read_text().splitlines()
    marked = {i + 1 for i, line in enumerate(source) if "# E:" in line}
    errors = {
        int(match) for match in re.findall(r"models_typecheck\.py:(\d+): error:", mypy_output)
    }
    assert errors == marked, mypy_output
