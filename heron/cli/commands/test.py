"""``heron test [APP_OR_PATH ...] [-- PYTEST_ARGS]``: run the project's tests with pytest.

With no target, every installed app's ``tests.py`` or ``tests/`` and the project's
``tests/`` are collected. Everything after ``--`` goes to pytest unchanged.
"""

from __future__ import annotations

import os
from importlib import metadata
from pathlib import Path
from typing import Any

import click

from heron.cli.project import load_project, project_root

PYTHON_FILES = "tests.py test_*.py *_tests.py"
PLUGIN = "heron.test.plugin"


class _SplitOnDoubleDash(click.Command):
    """Keep the arguments after ``--`` for pytest instead of treating them as targets."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if "--" in args:
            cut = args.index("--")
            ctx.meta["heron.pytest_args"] = args[cut + 1 :]
            args = args[:cut]
        return super().parse_args(ctx, args)


def _app_tests() -> dict[str, list[Path]]:
    from heron.apps import apps

    found: dict[str, list[Path]] = {}
    for config in apps.get_app_configs():
        paths = [p for p in (config.path / "tests.py", config.path / "tests") if p.exists()]
        found[config.label] = paths
        if config.name != config.label:
            found[config.name] = paths
    return found


def _targets(requested: tuple[str, ...]) -> list[str]:
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


@click.command("test", cls=_SplitOnDoubleDash)
@click.argument("requested", nargs=-1, metavar="[APP_OR_PATH]...")
@click.pass_context
def command(ctx: click.Context, requested: tuple[str, ...]) -> None:
    """Run the tests of the installed apps and ./tests (or of APP_OR_PATH) with pytest."""
    load_project()
    targets = _targets(requested)
    if not targets:
        click.echo(
            "No tests found: no installed app has tests.py or tests/, and there is no tests/."
        )
        raise SystemExit(5)  # pytest's own code for "no tests collected"
    extra: list[str] = ctx.meta.get("heron.pytest_args", [])
    try:
        import pytest
    except ImportError:
        raise click.ClickException(
            "heron test runs pytest, which is not installed: pip install pytest"
        ) from None
    code: Any = pytest.main(build_pytest_args(targets, extra))
    raise SystemExit(int(code))
