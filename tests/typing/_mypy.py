"""The harness the typing tests share: run ``mypy --strict`` on one snippet module in this
folder and read back what it revealed and which lines it rejected."""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent


@dataclass(frozen=True)
class MypyRun:
    """One mypy run over ``tests/typing/<snippet>``."""

    stdout: str
    revealed: list[str]
    """The ``reveal_type()`` results, in source order."""
    error_lines: frozenset[int]
    """Lines of the snippet mypy reported an error on."""
    marked_lines: frozenset[int]
    """Lines of the snippet marked ``# E:`` (the ones that must fail)."""


@functools.cache
def run_mypy(snippet: str, *options: str) -> MypyRun:
    """Check ``tests/typing/<snippet>`` with ``mypy --strict`` (no project config, so no
    plugin) plus ``options``; cached, so tests of one snippet share one run."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--no-error-summary",
            "--config-file=",
            *options,
            f"tests/typing/{snippet}",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.stderr == "", result.stderr
    source = (HERE / snippet).read_text().splitlines()
    errors = re.findall(rf"{re.escape(snippet)}:(\d+): error:", result.stdout)
    return MypyRun(
        stdout=result.stdout,
        revealed=re.findall(r'Revealed type is "([^"]+)"', result.stdout),
        error_lines=frozenset(int(n) for n in errors),
        marked_lines=frozenset(i + 1 for i, line in enumerate(source) if "# E:" in line),
    )
