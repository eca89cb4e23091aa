"""``heron sqlmigrate APP NAME``: print the SQL a migration runs on the current database."""

from __future__ import annotations

import click

from heron.cli.commands.migrate import database_errors, find_migration
from heron.cli.project import load_project
from heron.db import connections
from heron.db.migrations.executor import MigrationExecutor


@click.command("sqlmigrate")
@click.argument("app_label")
@click.argument("migration_name")
@click.option("--backwards", is_flag=True, help="Show the SQL that unapplies the migration.")
@click.option("--database", "alias", default="default", show_default=True, help="Alias to use.")
def command(app_label: str, migration_name: str, backwards: bool, alias: str) -> None:
    """Print the SQL of migration NAME of APP (nothing runs)."""
    load_project()

    with database_errors():
        executor = MigrationExecutor(connections[alias])
        loader = executor.loader
        if app_label not in loader.migrated_apps:
            raise click.ClickException(f"App {app_label!r} does not have migrations.")
        migration = find_migration(loader, app_label, migration_name)
        statements = executor.collect_sql([(migration, backwards)])
    wrapped = migration.atomic and executor.connection.features.supports_transactional_ddl
    if wrapped:
        click.echo(executor.connection.ops.begin_sql() + ";")
    for statement in statements:
        click.echo(statement)
    if wrapped:
        click.echo("COMMIT;")
