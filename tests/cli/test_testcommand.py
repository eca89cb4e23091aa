from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import heron as heron_package

from .conftest import Heron, install_app

CHECKOUT = Path(heron_package.__file__).resolve().parent.parent


def run_heron(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HERON_", "PYTEST_"))}
    # As in a regular (not editable) install, pytest finds the heron package on sys.path and
    # marks it for assertion rewriting.
    env["PYTHONPATH"] = str(CHECKOUT)
    return subprocess.run(
        [sys.executable, "-m", "heron", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_heron_test_runs_app_and_project_tests(heron: Heron, project: Path) -> None:
    heron("startapp", "polls")
    install_app(project, "polls", include_urls=True)
    (project / "tests").mkdir()
    (project / "tests" / "test_home.py").write_text(
        "def test_home(client):\n    assert 'Welcome to mysite' in client.get('/').text\n"
    )
    result = run_heron(project, "test", "--", "-q", "-p", "no:cacheprovider")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 passed" in result.stdout  # polls, the home page and the accounts app's three
    # pytest marks the heron package for assertion rewriting after `heron test` imported it.
    assert "Warning" not in result.stdout + result.stderr


def test_pytest_is_a_dependency_of_heron() -> None:
    requirements = metadata.requires("heron") or []
    assert [r for r in requirements if r.startswith("pytest")] == ["pytest>=8"]


def test_heron_test_names_the_missing_migration_up_front(heron: Heron, project: Path) -> None:
    heron("startapp", "shop")
    install_app(project, "shop")
    (project / "shop" / "models.py").write_text(
        "from heron.db import models\n\n\nclass Author(models.Model):\n"
        "    name = models.CharField(max_length=100)\n"
    )
    result = run_heron(project, "test", "-q", "-p", "no:cacheprovider")
    assert result.stderr.startswith(
        "shop: (migrations.W001) The models of app 'shop' have changes that are not in a "
        "migration (Create model Author).\n"
        "\tHINT: Run 'heron makemigrations shop', then 'heron migrate'.\n"
    )
    assert run_heron(project, "makemigrations", "shop").returncode == 0
    result = run_heron(project, "test", "-q", "-p", "no:cacheprovider")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""


def test_heron_test_one_app_and_pytest_args(heron: Heron, project: Path) -> None:
    heron("startapp", "polls")
    install_app(project, "polls")
    (project / "polls" / "tests.py").write_text(
        "from heron.test import TestCase\n\n\nclass T(TestCase):\n"
        "    def test_ok(self):\n        pass\n\n    def test_other(self):\n        pass\n"
    )
    result = run_heron(
        project, "test", "polls", "--", "-q", "-k", "other", "-p", "no:cacheprovider"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 1 deselected" in result.stdout


def test_heron_test_failure_exit_code(heron: Heron, project: Path) -> None:
    (project / "tests").mkdir()
    (project / "tests" / "test_fail.py").write_text("def test_fail():\n    assert False\n")
    result = run_heron(project, "test", "--", "-p", "no:cacheprovider")
    assert result.returncode == 1


def test_heron_test_with_nothing_to_run(heron: Heron, project: Path) -> None:
    (project / "accounts" / "tests.py").unlink()
    result = heron("test")
    assert result.exit_code == 5
    assert "No tests found" in result.output


def test_pytest_arguments(heron: Heron, project: Path) -> None:
    from heron.cli.commands.test import build_pytest_args

    args = build_pytest_args(["polls/tests.py"], ["-x"])
    assert args[-2:] == ["-x", "polls/tests.py"]
    assert "python_files=tests.py test_*.py *_tests.py" in args


def test_split_arguments() -> None:
    from heron.cli.commands.test import split_arguments

    assert split_arguments(["-q"]) == ([], ["-q"])
    assert split_arguments(["-q", "-k", "pages", "polls", "tests/x.py"]) == (
        ["polls", "tests/x.py"],
        ["-q", "-k", "pages"],
    )
    assert split_arguments(["--tb=short", "polls", "--", "-x", "other"]) == (
        ["polls"],
        ["--tb=short", "-x", "other"],
    )


def test_options_before_targets_go_to_pytest(heron: Heron, project: Path) -> None:
    heron("startapp", "polls")
    install_app(project, "polls")
    result = run_heron(project, "test", "-q", "-p", "no:cacheprovider", "polls")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed" in result.stdout


def test_help(heron: Heron, project: Path) -> None:
    result = heron("test", "--help")
    assert result.exit_code == 0
    assert "Options such as -q, -x or -k EXPR go to pytest" in result.output
