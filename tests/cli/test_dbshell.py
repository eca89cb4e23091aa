"""``heron dbshell`` runs the vendor's client with the project's database settings."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from .conftest import Heron


def test_dbshell_runs_sqlite3_on_the_project_database(
    heron: Heron, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Any] = []

    def fake_call(args: list[str], env: Any = None) -> int:
        calls.append(args)
        return 0

    monkeypatch.setattr(subprocess, "call", fake_call)
    result = heron("dbshell")
    assert result.exit_code == 0, result.output
    assert calls[0][0] == "sqlite3"
    assert calls[0][1].endswith("db.sqlite3")


def test_dbshell_unknown_alias(heron: Heron, project: Path) -> None:
    result = heron("dbshell", "--database", "replica")
    assert result.exit_code == 1
    assert "replica" in result.output
