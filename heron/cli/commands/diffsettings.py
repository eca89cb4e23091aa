"""``heron diffsettings``: the settings that differ from Heron's defaults."""

from __future__ import annotations

from typing import Any

import click

from heron.cli.project import load_project
from heron.conf import defaults
from heron.views.debug import cleanse

_MISSING = object()


@click.command("diffsettings")
@click.option(
    "--all", "show_all", is_flag=True, help="Show every setting; '###' marks the defaults."
)
@click.option("--show-secrets", is_flag=True, help="Do not mask secret values.")
def command(show_all: bool, show_secrets: bool) -> None:
    """Print the settings whose values differ from Heron's defaults, one `NAME = value` a line.

    '###' follows settings Heron has no default for. Secret values (keys, passwords, tokens,
    passwords inside URLs) are masked unless --show-secrets is given.
    """
    configured = load_project()

    for name, value in sorted(configured.as_dict().items()):
        if name == "SETTINGS_MODULE":
            continue  # which module, not a setting of it
        default: Any = getattr(defaults, name, _MISSING)
        shown = value if show_secrets else cleanse(name, value)
        if default is _MISSING:
            click.echo(f"{name} = {shown!r}  ###")
        elif value != default:
            click.echo(f"{name} = {shown!r}")
        elif show_all:
            click.echo(f"### {name} = {shown!r}")
