"""``heron test [APP_OR_PATH ...] [-- PYTEST_ARGS]``: run the project's tests with pytest.

pytest is one of Heron's own dependencies (the test runner is part of the framework, as its
plugin and ``TestCase`` are), so this works right after ``pip install heron``.

With no target, every installed app's ``tests.py`` or ``tests/`` and the project's
``tests/`` are collected. Options (``-q``, ``-x``, ``-k EXPR``) go to pytest, and so does
everything after ``--``.
"""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path
from typing import Any

import click
import pytest

from heron.apps import apps
from heron.cli.checkreport import warn_missing_migrations
from heron.cli.project import load_project, project_root

PYTHON_FILES = "tests.py test_*.py *_tests.py"
PLUGIN = "heron.test.plugin"


# pytest options whose value is the next argument (``-k expr``), so it is not read as a target.
_VALUE_OPTIONS = frozenset(
    {
        "-k",
        "-m",
        "-p",
        "-o",
        "-c",
        "-W",
        "--maxfail",
        "--tb",
        "--durations",
        "--deselect",
        "--ignore",
        "--ignore-glob",
        "--rootdir",
        "--basetemp",
        "--confcutdir",
        "-n",
        "--log-level",
        "--settings",
    }
)


def split_arguments(args: list[str]) -> tuple[list[str], list[str]]:
    """Split ``heron test`` arguments into (targets, pytest arguments).

    Options (and the value of those in ``_VALUE_OPTIONS``) go to pytest, so
    ``heron test -q -k slow pages`` works; everything after ``--`` goes to pytest unchanged.
    """
    if "--" in args:
        cut = args.index("--")
        args, passthrough = args[:cut], args[cut + 1 :]
    else:
        passthrough = []
    targets: list[str] = []
    extra: list[str] = []
    expect_value = False
    for arg in args:
        if expect_value:
            extra.append(arg)
            expect_value = False
        elif arg.startswith("-") and arg != "-":
            extra.append(arg)
            expect_value = arg in _VALUE_OPTIONS
        else:
            targets.append(arg)
    return targets, [*extra, *passthrough]


class _PytestArguments(click.Command):
    """Parse only ``--help`` with click; hand every other argument to ``split_arguments``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        front = args[: args.index("--")] if "--" in args else args
        if "--help" in front:
            return super().parse_args(ctx, ["--help"])
        ctx.meta["heron.test_args"] = split_arguments(args)
        return super().parse_args(ctx, [])


def _app_tests() -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    for config in apps.get_app_configs():
        paths = [p for p in (config.path / "tests.py", config.path / "tests") if p.exists()]
        found[config.label] = paths
        if config.name != config.label:
            found[config.name] = paths
    return found


def _targets(requested: list[str]) -> list[str]:
    by_app = _app_tests()
    if requested:
        targets: list[str] = []
        for item in requested:
            if item in by_app and not Path(item).is_file():
                if not by_app[item]:
                    raise click.ClickException(f"The app {item!r} has no tests.py or tests/.")
                targets.extend(str(p) for p in by_app[item])
            else:
                targets.append(item)
        return targets
    paths = {str(p) for app_paths in by_app.values() for p in app_paths}
    root = project_root()
    if root is not None and (root / "tests").is_dir():
        paths.add(str(root / "tests"))
    return sorted(paths)


def _plugin_autoloaded() -> bool:
    # pytest loads entry-point plugins itself; naming it again with -p would register it twice.
    if os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
        return False
    return any(ep.value == PLUGIN for ep in metadata.entry_points(group="pytest11"))


def build_pytest_args(targets: list[str], extra: list[str]) -> list[str]:
    """Return the pytest command line for ``heron test``."""
    args: list[str] = []
    if not _plugin_autoloaded():
        args += ["-p", PLUGIN]
    args += ["-o", f"python_files={PYTHON_FILES}"]
    return [*args, *extra, *targets]


@click.command(
    "test",
    cls=_PytestArguments,
    context_settings={"help_option_names": ["--help"]},
    options_metavar="[PYTEST_OPTIONS]",
)
@click.argument("requested", nargs=-1, metavar="[APP_OR_PATH]... [-- PYTEST_ARGS]")
@click.pass_context
def command(ctx: click.Context, requested: tuple[str, ...]) -> None:
    """Run the tests of the installed apps and ./tests (or of APP_OR_PATH) with pytest.

    Options such as -q, -x or -k EXPR go to pytest; so does everything after --.
    """
    load_project()
    wanted, extra = ctx.meta.get("heron.test_args", ([], []))
    targets = _targets(wanted)
    if not targets:
        click.echo("No tests found: no installed app has tests.py or tests/, and no ./tests/.")
        raise SystemExit(5)  # pytest's own code for "no tests collected"
    warn_missing_migrations()
    code: Any = pytest.main(build_pytest_args(targets, extra))
    raise SystemExit(int(code))
