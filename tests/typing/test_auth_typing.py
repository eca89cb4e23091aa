"""mypy --strict types the user model (``User.objects.create_user`` is a ``User``; fields
have their value types) with no plugin."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent

A = "heron.contrib.auth.models"


def test_user_model_is_typed() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--no-error-summary",
            "--config-file=",
            "--follow-imports=silent",
            "tests/typing/auth_typecheck.py",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    revealed = re.findall(r'Revealed type is "([^"]+)"', result.stdout)
    assert revealed == [
        f"{A}.User",
        "str",
        "bool",
        "datetime.datetime | None",
        f"heron.db.models.query.m2m.ManyManager[{A}.Group]",
        "bool",
    ], result.stdout
    assert "auth_typecheck.py" not in "".join(
        line for line in result.stdout.splitlines() if ": error:" in line
    ), result.stdout
