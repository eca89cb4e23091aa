"""``heron inspectdb [TABLE ...]``: model source for the tables of an existing database."""

from __future__ import annotations

import click

from heron.cli.project import load_project
from heron.db import DatabaseError, connections
from heron.db.introspection import models_source, reflect_tables


@click.command("inspectdb")
@click.argument("tables", nargs=-1, metavar="[TABLE]...")
@click.option("--database", "alias", default="default", show_default=True)
def command(tables: tuple[str, ...], alias: str) -> None:
    """Print a models.py with one unmanaged model per table (every table by default),
    read from the database with SQLAlchemy reflection. Redirect it to a file and review it."""
    load_project()

    try:
        reflected = reflect_tables(alias, tables)
    except (LookupError, DatabaseError) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        connections.close_all()
    click.echo(models_source(reflected, alias=alias), nl=False)
