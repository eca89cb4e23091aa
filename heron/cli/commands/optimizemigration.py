"""``heron optimizemigration APP NAME``: shorten one migration's operations in place."""

from __future__ import annotations

import click

from heron.cli.project import load_project
from heron.db.migrations.making import MakeMigrationsError, Maker, migrations_directory
from heron.db.migrations.optimizer import optimize
from heron.db.migrations.squash import SquashError, find_by_prefix
from heron.db.migrations.writer import MigrationWriter


@click.command("optimizemigration")
@click.argument("app_label", metavar="APP")
@click.argument("name", metavar="NAME")
@click.option(
    "--check", "check_only", is_flag=True, help="Write nothing; exit 1 if it could be shorter."
)
def command(app_label: str, name: str, check_only: bool) -> None:
    """Merge what can be merged in migration NAME of APP and rewrite its file."""
    load_project()

    try:
        maker = Maker([app_label])
        names = sorted(n for app, n in maker.loader.disk_migrations if app == app_label)
        found = find_by_prefix(names, app_label, name)
    except (MakeMigrationsError, SquashError) as exc:
        raise click.ClickException(str(exc)) from None
    migration = maker.loader.disk_migrations[(app_label, found)]
    optimized = optimize(migration.operations, app_label)
    if len(optimized) >= len(migration.operations):
        click.echo(f"No optimizations possible for {app_label}.{found}.")
        return
    click.echo(
        f"{app_label}.{found}: {len(migration.operations)} operations can become {len(optimized)}."
    )
    if check_only:
        raise SystemExit(1)
    migration.operations[:] = optimized
    try:
        path = MigrationWriter(migration, copy_functions=True).write(
            migrations_directory(maker.configs[app_label])
        )
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Rewrote {path.name}.")
