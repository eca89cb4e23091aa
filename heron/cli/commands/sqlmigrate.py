"""``heron sqlmigrate APP NAME``: print the SQL a migration runs on the current database."""

from __future__ import annotations

import click

from heron.cli.project import load_project


@click.command("sqlmigrate")
@click.argument("app_label")
@click.argument("migration_name")
@click.option("--backwards", is_flag=True, help="Show the SQL that unapplies the migration.")
@click.option("--database", "alias", default="default", show_default=True, help="Alias to use.")
def command(app_label: str, migration_name: str, backwards: bool, alias: str) -> None:
    """Print the SQL of migration NAME of APP (nothing runs)."""
    load_project()
    from heron.conf import ImproperlyConfigured
    from heron.db import ConnectionDoesNotExist, DatabaseError, connections
    from heron.db.migrations.exceptions import AmbiguityError, MigrationError
    from heron.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connections[alias])
        loader = executor.loader
        if app_label not in loader.migrated_apps:
            raise click.ClickException(f"App {app_label!r} does not have migrations.")
        try:
            migration = loader.get_migration_by_prefix(app_label, migration_name)
        except AmbiguityError as exc:
            raise click.ClickException(str(exc)) from None
        except KeyError:
            raise click.ClickException(
                f"Cannot find a migration matching {migration_name!r} from app {app_label!r}."
            ) from None
        statements = executor.collect_sql([(migration, backwards)])
    except (MigrationError, ImproperlyConfigured, ConnectionDoesNotExist, DatabaseError) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        connections.close_all()
    wrapped = migration.atomic and executor.connection.features.supports_transactional_ddl
    if wrapped:
        click.echo(executor.connection.ops.begin_sql() + ";")
    for statement in statements:
        click.echo(statement)
    if wrapped:
        click.echo("COMMIT;")
