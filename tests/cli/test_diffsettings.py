"""``heron diffsettings``: what a project changed from the defaults, secrets masked."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Heron


def test_diffsettings_lists_the_changed_settings(
    heron: Heron, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HERON_APPEND_SLASH", "0")
    result = heron("diffsettings")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "APPEND_SLASH = False" in lines  # from the environment
    assert "DEBUG = True" in lines
    assert "ROOT_URLCONF = 'mysite.urls'" in lines
    assert "SECRET_KEY = '********************'" in lines
    assert f"BASE_DIR = {project!r}  ###" in lines  # not a Heron setting
    assert not [line for line in lines if line.startswith(("DATA_UPLOAD", "SETTINGS_MODULE"))]
    assert lines == sorted(lines)


def test_diffsettings_all_and_secrets(heron: Heron, project: Path) -> None:
    lines = heron("diffsettings", "--all", "--show-secrets").output.splitlines()
    assert "### APPEND_SLASH = True" in lines
    assert any(line.startswith("SECRET_KEY = 'dev-insecure-") for line in lines)
