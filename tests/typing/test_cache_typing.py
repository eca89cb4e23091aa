"""mypy --strict keeps view types through cache_page/ratelimit and types the cache API."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
ROOT = HERE.parent.parent

M = "tests.typing.cache_typecheck"


def test_cache_and_ratelimit_types() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--no-error-summary",
            "--config-file=",
            "tests/typing/cache_typecheck.py",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.stderr == "", result.stderr
    revealed = re.findall(r'Revealed type is "([^"]+)"', result.stdout)
    assert revealed == [
        "def (request: heron.http.request.HttpRequest, year: int) -> "
        "heron.http.response.HttpResponse",
        "def (request: heron.http.request.HttpRequest) -> typing.Coroutine[Any, Any, "
        "heron.http.response.HttpResponse]",
        "heron.cache.backends.base.BaseCache",
        "Any",
        "dict[str, Any]",
        "bool",
        "heron.ratelimit.counter.Hit",
        "heron.ratelimit.counter.Hit",
        "bool",
    ], result.stdout
    source = (HERE / "cache_typecheck.py").read_text().splitlines()
    marked = {i + 1 for i, line in enumerate(source) if "# E:" in line}
    errors = {int(n) for n in re.findall(r"cache_typecheck\.py:(\d+): error:", result.stdout)}
    assert errors == marked, result.stdout
