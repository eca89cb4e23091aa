from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import Heron, install_app


def test_shell_command(heron: Heron, project: Path) -> None:
    result = heron("shell", "-c", "print(settings.ROOT_URLCONF, list(apps.get_app_configs()))")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "mysite.urls [<AdminConfig: admin>, <SessionsConfig: sessions>, <AuthConfig: auth>, "
        "<MessagesConfig: messages>, <StaticFilesConfig: staticfiles>, "
        "<AccountsConfig: accounts>]\n"
    )


def test_plain_shell_reads_stdin(heron: Heron, project: Path) -> None:
    result = heron("shell", "--plain", input="print(settings.DEBUG * 21 * 2)\n")
    assert result.exit_code == 0, result.output
    assert "42" in result.output


def test_shell_errors_propagate(heron: Heron, project: Path) -> None:
    with pytest.raises(ZeroDivisionError):
        heron("shell", "-c", "1 / 0")


AUTHOR_MODELS = """from heron.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.name


class Book(models.Model):
    title = models.CharField(max_length=100)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
"""


@pytest.fixture
def shelf(heron: Heron, project: Path) -> Path:
    """An installed app ``shelf`` with two models, migrated."""
    heron("startapp", "shelf")
    install_app(project, "shelf")
    (project / "shelf" / "models.py").write_text(AUTHOR_MODELS)
    assert heron("makemigrations", "shelf").exit_code == 0
    assert heron("migrate").exit_code == 0
    return project / "shelf"


def test_models_of_installed_apps_are_imported(heron: Heron, shelf: Path) -> None:
    source = "Author.objects.create(name='Ada'); print(Author.objects.all(), Book)"
    result = heron("shell", "-c", source)
    assert result.exit_code == 0, result.output
    assert result.output == "<QuerySet [<Author: Ada>]> <class 'shelf.models.Book'>\n"


def test_the_banner_says_what_was_imported(heron: Heron, shelf: Path) -> None:
    result = heron("shell", "-i", "python", input="print(Book.objects.count())\n")
    assert result.exit_code == 0, result.output
    assert (
        "Heron shell: `settings`, `apps` and 7 model(s) imported automatically.\n"
        "  from shelf.models import Author, Book\n"
        "  from heron.contrib.admin.models import LogEntry\n"
        "  from heron.contrib.sessions.models import Session\n"
        "  from heron.contrib.auth.models import Group, Permission\n"
        "  from accounts.models import User\n"
    ) in result.output
    assert "0" in result.output


def test_no_imports(heron: Heron, shelf: Path) -> None:
    result = heron("shell", "--no-imports", "-c", "print('Author' in dir())")
    assert result.output == "False\n"


def test_ipython_is_used_when_installed(
    heron: Heron, shelf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import IPython

    started: list[dict[str, Any]] = []
    monkeypatch.setattr(IPython, "start_ipython", lambda argv, user_ns: started.append(user_ns))
    result = heron("shell")
    assert result.exit_code == 0, result.output
    assert started[0]["Author"].__name__ == "Author"
    assert result.output.startswith("Heron shell: `settings`, `apps` and 7 model(s) imported")


def test_an_interface_that_is_not_installed_is_a_clear_error(heron: Heron, project: Path) -> None:
    result = heron("shell", "-i", "ptpython")
    assert result.exit_code == 1
    assert result.output == (
        "Error: ptpython is not installed: pip install ptpython, or choose another interface "
        "with -i (ipython, ptpython, python).\n"
    )
