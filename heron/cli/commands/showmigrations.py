"""``heron showmigrations [APP...]``: each app's migrations, applied ([X]) or not ([ ])."""

from __future__ import annotations

import click

from heron.apps import apps
from heron.cli.commands.migrate import database_errors
from heron.cli.project import load_project
from heron.db import connections
from heron.db.migrations.loader import MigrationLoader


@click.command("showmigrations")
@click.argument("app_labels", nargs=-1, metavar="[APP]...")
@click.option("--database", "alias", default="default", show_default=True, help="Alias to use.")
def command(app_labels: tuple[str, ...], alias: str) -> None:
    """List the migrations of every app (or the given ones) and whether they are applied."""
    load_project()

    with database_errors():
        loader = MigrationLoader(connections[alias])
    labels = list(app_labels) or [config.label for config in apps.get_app_configs()]
    for label in labels:
        try:
            apps.get_app_config(label)
        except LookupError as exc:
            raise click.ClickException(str(exc)) from None
    graph = loader.graph
    applied = loader.applied_migrations
    for label in labels:
        click.echo(label)
        shown = False
        seen: set[tuple[str, str]] = set()
        for leaf in graph.leaf_nodes(label):
            for key in graph.forwards_plan(leaf):
                if key[0] != label or key in seen:
                    continue
                seen.add(key)
                migration = graph.nodes[key]
                title = key[1]
                if migration.replaces:
                    done = sum(1 for r in migration.replaces if tuple(r) in applied)
                    title += f" ({len(migration.replaces)} squashed migrations)"
                    mark = "X" if done == len(migration.replaces) else "-" if done else " "
                else:
                    mark = "X" if key in applied else " "
                click.echo(f" [{mark}] {title}")
                shown = True
        if not shown:
            click.echo(" (no migrations)")
