"""``heron flush``: delete every row of every model's table (the schema stays)."""

from __future__ import annotations

import click

from heron.apps import apps
from heron.cli.project import load_project
from heron.db import DatabaseError, connections
from heron.db.models.registry import get_models
from heron.db.models.schema import flush_tables


@click.command("flush")
@click.option("--noinput", "--no-input", "noinput", is_flag=True, help="Do not ask to confirm.")
@click.option("--database", "alias", default="default", show_default=True)
def command(noinput: bool, alias: str) -> None:
    """Delete all rows from the tables of the installed apps' models (asks first).

    The tables and the record of applied migrations are kept.
    """
    configured = load_project()

    try:
        name = connections[alias].settings_dict.get("NAME", alias)
    except Exception as exc:
        raise click.ClickException(str(exc)) from None
    if not noinput:
        click.confirm(
            f"This deletes every row of every table of database {alias!r} ({name}) of "
            f"{configured.SETTINGS_MODULE or 'this project'}; the tables stay. Continue?",
            abort=True,
        )

    models = [
        model
        for config in apps.get_app_configs()
        for model in get_models(config.label, include_auto_created=True)
    ]
    try:
        flush_tables(alias, models)
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        connections.close_all()
    click.echo(f"Flushed database {alias!r}.")
