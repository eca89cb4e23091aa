"""The floors hold: `lint-imports` (run by `make lint`) fails when an import runs the wrong way.

A wrong-way import is planted in a temporary copy of the package, inside a function (the
linter sees those too), and the contracts in pyproject.toml must name it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    linter = Path(sys.executable).parent / "lint-imports"
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(linter), "--no-cache", "--no-logo", str(tree / "pyproject.toml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _plant(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(f"\n\ndef _planted() -> None:\n    {line}  # noqa\n")


def test_wrong_way_imports_break_the_contracts(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "heron", tmp_path / "heron", ignore=shutil.ignore_patterns("*.pyc"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    _plant(tmp_path / "heron" / "db" / "transaction.py", "from heron.http import HttpResponse")
    _plant(tmp_path / "heron" / "forms" / "forms.py", "from heron.db.models import Model")
    _plant(tmp_path / "heron" / "core" / "threads.py", "from heron.conf import settings")
    _plant(tmp_path / "heron" / "templates" / "engine.py", "import heron.contrib.messages")

    result = _lint(tmp_path)

    assert result.returncode != 0, result.stdout
    out = result.stdout
    assert "The ORM knows nothing of the web BROKEN" in out
    assert "heron.db.transaction -> heron.http (l." in out
    assert "Plain forms never import the ORM (only the model-form modules do) BROKEN" in out
    assert "heron.forms.forms -> heron.db.models (l." in out
    assert "heron.core imports nothing else from Heron BROKEN" in out
    assert "Core rooms never import a contrib app BROKEN" in out
    assert "Floors: each room imports only the floors below it BROKEN" in out
