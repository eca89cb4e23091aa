from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from .conftest import Heron


def test_version(heron: Heron) -> None:
    result = heron("--version")
    assert result.exit_code == 0
    assert result.output == "heron 0.1.0\n"


def test_help_lists_builtin_commands(heron: Heron) -> None:
    result = heron("--help")
    assert result.exit_code == 0
    for name in ("new", "startapp", "run", "serve", "check", "routes", "shell", "test"):
        assert f"  {name} " in result.output


def test_unknown_command_lists_the_commands(heron: Heron) -> None:
    result = heron("frobnicate")
    assert result.exit_code == 2
    from heron.cli.main import BUILTIN_COMMANDS

    listed = ", ".join(sorted(BUILTIN_COMMANDS))
    assert f"No such command 'frobnicate'. Available commands: {listed}." in result.output
    assert "check, collectstatic, createcachetable, dbshell," in listed


def test_python_dash_m_heron() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "heron", "--version"], capture_output=True, text=True, check=True
    )
    assert out.stdout == "heron 0.1.0\n"


def test_importing_the_cli_is_cheap() -> None:
    code = textwrap.dedent(
        """
        import json, sys
        import heron.cli.main
        heavy = ("uvicorn", "IPython", "pytest", "rich", "watchfiles", "heron.urls",
                 "heron.asgi", "heron.http", "heron.checks")
        loaded = [m for m in sys.modules
                  if m.startswith("heron.cli.commands.") or m.split(".")[0] in heavy
                  or m in heavy]
        print(json.dumps(loaded))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out) == []


def test_help_does_not_import_subcommands() -> None:
    code = textwrap.dedent(
        """
        import json, sys
        from heron.cli.main import main
        try:
            main(["--help"])
        except SystemExit:
            pass
        print(json.dumps([m for m in sys.modules if m.startswith("heron.cli.commands.")
                          or m == "uvicorn"]))
        """
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert json.loads(out.splitlines()[-1]) == []


def test_settings_option_sets_the_environment(heron: Heron) -> None:
    import os

    heron("--settings", "somewhere.settings", "--version")
    assert os.environ["HERON_SETTINGS_MODULE"] == "somewhere.settings"
