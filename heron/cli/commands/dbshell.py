"""``heron dbshell``: open the database's own command-line client (sqlite3, psql, mariadb)."""

from __future__ import annotations

import click

from heron.cli.project import load_project
from heron.conf import ImproperlyConfigured
from heron.db import ConnectionDoesNotExist, connections


@click.command(help="Open the database's command-line shell (sqlite3, psql or mariadb).")
@click.option("--database", "alias", default="default", show_default=True, help="Alias to use.")
@click.argument("parameters", nargs=-1, type=click.UNPROCESSED)
def command(alias: str, parameters: tuple[str, ...]) -> None:
    load_project()

    try:
        code = connections[alias].client.runshell(list(parameters))
    except (ImproperlyConfigured, ConnectionDoesNotExist) as exc:
        raise click.ClickException(str(exc)) from None
    raise SystemExit(code)
