"""mypy --strict types a declared reverse accessor (``question.choices``) with no plugin."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent

M = "tests.typing.reverse_typecheck"


def test_declared_reverse_accessor_is_typed() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--no-error-summary",
            "--config-file=",
            "tests/typing/reverse_typecheck.py",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.stderr == "", result.stderr
    revealed = re.findall(r'Revealed type is "([^"]+)"', result.stdout)
    assert revealed == [
        f"heron.db.models.query.manager.ReverseManager[{M}.Choice]",
        f"heron.db.models.query.queryset.QuerySet[{M}.Choice]",
        f"{M}.Choice",
        f"{M}.Choice",
        f"{M}.Choice | None",
    ], result.stdout
    source = (HERE / "reverse_typecheck.py").read_text().splitlines()
    marked = {i + 1 for i, line in enumerate(source) if "# E:" in line}
    errors = {int(n) for n in re.findall(r"reverse_typecheck\.py:(\d+): error:", result.stdout)}
    assert errors == marked, result.stdout
