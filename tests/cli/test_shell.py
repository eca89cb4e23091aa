from __future__ import annotations

from pathlib import Path

from .conftest import Heron


def test_shell_command(heron: Heron, project: Path) -> None:
    result = heron("shell", "-c", "print(settings.ROOT_URLCONF, list(apps.get_app_configs()))")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "mysite.urls [<MessagesConfig: messages>, <StaticFilesConfig: staticfiles>]\n"
    )


def test_plain_shell_reads_stdin(heron: Heron, project: Path) -> None:
    result = heron("shell", "--plain", input="print(settings.DEBUG * 21 * 2)\n")
    assert result.exit_code == 0, result.output
    assert "42" in result.output


def test_shell_errors_propagate(heron: Heron, project: Path) -> None:
    import pytest

    with pytest.raises(ZeroDivisionError):
        heron("shell", "-c", "1 / 0")
