"""The ``heron`` command: a click group whose subcommands are imported on demand.

Built-in commands live in ``heron.cli.commands.<name>`` (each module defines ``command``).
A name that is not built in is looked up in the installed apps' ``commands/<name>.py``,
after ``heron.setup()``; those are only searched when such a name is asked for.
"""

from __future__ import annotations

import importlib
import os
from typing import Any

import click

from heron import __version__

__all__ = ["BUILTIN_COMMANDS", "HeronGroup", "cli", "main"]

# name -> one-line help, shown by `heron --help` without importing the command modules.
BUILTIN_COMMANDS: dict[str, str] = {
    "check": "Run the system checks.",
    "collectstatic": "Collect static files into STATIC_ROOT.",
    "createcachetable": "Create the tables of the database caches.",
    "dbshell": "Open the database's command-line shell.",
    "diffsettings": "Show the settings that differ from Heron's defaults.",
    "dumpdata": "Write the database's rows as a JSON or JSON Lines fixture.",
    "flush": "Delete every row of every table (asks first).",
    "inspectdb": "Write model classes for the tables of an existing database.",
    "loaddata": "Install fixtures in one transaction.",
    "makemigrations": "Write migrations for changes to the models.",
    "migrate": "Apply (or unapply) migrations to the database.",
    "new": "Create a new project.",
    "optimizemigration": "Shorten the operations of one migration.",
    "routes": "List the URL routes.",
    "run": "Run the development server with autoreload.",
    "sendtestemail": "Send a test email to check the email settings.",
    "serve": "Run the production server with worker processes.",
    "shell": "Start a Python shell with the project loaded.",
    "showmigrations": "List the migrations and whether they are applied.",
    "squashmigrations": "Squash a run of migrations into one.",
    "sqlmigrate": "Print the SQL of one migration.",
    "startapp": "Create an app inside the current project.",
    "test": "Run the tests with pytest.",
}


class HeronGroup(click.Group):
    """A group that imports a subcommand's module only when that command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(BUILTIN_COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in BUILTIN_COMMANDS:
            module = importlib.import_module(f"heron.cli.commands.{cmd_name}")
            command: click.Command = module.command
            return command
        # lazy: `heron --help` and `heron new` must not load the app registry
        from heron.cli.appcommands import find_app_command

        return find_app_command(cmd_name)

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            # lazy: `heron --help` and `heron new` must not load the app registry
            from heron.cli.appcommands import app_command_names

            names = sorted({*BUILTIN_COMMANDS, *app_command_names()})
            ctx.fail(f"No such command {name!r}. Available commands: {', '.join(names)}.")
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, BUILTIN_COMMANDS[name]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)
        formatter.write_paragraph()
        formatter.write_text("Installed apps may add commands (<app>/commands/<name>.py).")


def _set_settings(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value:
        # The environment, not a global, so reloader and worker processes inherit it.
        os.environ["HERON_SETTINGS_MODULE"] = value
    return value


@click.group(cls=HeronGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--settings",
    metavar="MODULE",
    expose_value=False,
    is_eager=True,
    callback=_set_settings,
    help="Settings module, e.g. mysite.settings (default: HERON_SETTINGS_MODULE or "
    "[tool.heron] settings in pyproject.toml).",
)
@click.version_option(__version__, "--version", prog_name="heron", message="%(prog)s %(version)s")
def cli() -> None:
    """Heron: create, run, check and test Heron projects."""


def main(args: list[str] | None = None, **extra: Any) -> Any:
    """Run the ``heron`` command line (the console script and ``python -m heron``)."""
    return cli.main(args=args, prog_name="heron", **extra)
