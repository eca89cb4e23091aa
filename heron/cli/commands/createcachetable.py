"""``heron createcachetable``: create the table of each database cache in CACHES."""

from __future__ import annotations

import click

from heron.cache import caches
from heron.cache.backends.db import DatabaseCache
from heron.cli.project import load_project
from heron.conf import ImproperlyConfigured


@click.command(help="Create the tables of the database caches (CACHES entries using db).")
@click.option("--dry-run", is_flag=True, help="Print the SQL instead of running it.")
def command(dry_run: bool) -> None:
    load_project()

    found = False
    try:
        for alias in caches:
            backend = caches[alias]
            if not isinstance(backend, DatabaseCache):
                continue
            found = True
            where = f"{backend.table!r} (cache {alias!r}, database {backend.alias!r})"
            if dry_run:
                for sql in backend.create_table_sql():
                    click.echo(sql + ";")
            elif backend.create_table():
                click.echo(f"Created the cache table {where}.")
            else:
                click.echo(f"The cache table {where} already exists.")
    except ImproperlyConfigured as exc:
        raise click.ClickException(str(exc)) from None
    if not found:
        click.echo("No database caches in CACHES: nothing to create.")
