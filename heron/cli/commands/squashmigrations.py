"""``heron squashmigrations APP [FROM] TO``: replace a run of migrations with one file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from heron.cli.project import load_project
from heron.db.migrations.making import MakeMigrationsError, Maker, migrations_directory
from heron.db.migrations.squash import SquashError, select_range, squash
from heron.db.migrations.squash import squashed_name as nm
from heron.db.migrations.writer import MigrationWriter

if TYPE_CHECKING:
    from heron.db.migrations.making import Maker
    from heron.db.migrations.migration import Migration


@click.command("squashmigrations")
@click.argument("app_label", metavar="APP")
@click.argument("names", nargs=-1, required=True, metavar="[FROM] TO")
@click.option("--squashed-name", metavar="NAME", help="Name the file NNNN_NAME.")
@click.option("--no-optimize", is_flag=True, help="Keep every operation as it is.")
def command(
    app_label: str, names: tuple[str, ...], squashed_name: str | None, no_optimize: bool
) -> None:
    """Squash APP's migrations FROM (default: the first) .. TO into one that replaces them."""
    if len(names) > 2:
        raise click.UsageError("Give at most two migration names: [FROM] TO.")
    start, end = (None, names[0]) if len(names) == 1 else names
    load_project()

    try:
        maker = Maker([app_label])
        ordered = _app_history(maker, app_label)
        chosen = select_range(ordered, app_label, start, end)
    except (MakeMigrationsError, SquashError) as exc:
        raise click.ClickException(str(exc)) from None
    migration = squash(
        chosen,
        app_label,
        nm(chosen[0], chosen[-1], squashed_name),
        optimize_operations=not no_optimize,
    )
    before = sum(len(m.operations) for m in chosen)
    try:
        writer = MigrationWriter(migration, copy_functions=True)
        path = writer.write(migrations_directory(maker.configs[app_label]))
    except ValueError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(
        f"Squashed {len(chosen)} migrations ({chosen[0].name} .. {chosen[-1].name}) into "
        f"{path.name}: {before} operations became {len(migration.operations)}."
    )
    click.echo(
        "Once every database has applied it, you may delete the replaced files and remove "
        "'replaces' (update migrations that depend on the replaced ones first)."
    )


def _app_history(maker: Maker, app_label: str) -> list[Migration]:
    leaves = maker.leaves(app_label)
    if not leaves:
        raise SquashError(f"App {app_label!r} has no migrations to squash.")
    loader = maker.loader
    plan = loader.graph.forwards_plan((app_label, leaves[-1]))
    return [
        loader.disk_migrations[key]
        for key in plan
        if key[0] == app_label and key in loader.disk_migrations
    ]
