"""``heron makemigrations``: write migration files for the changes made to the models."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from heron.cli.project import load_project
from heron.db.migrations.making import MakeMigrationsError, Maker, SilentQuestioner
from heron.db.migrations.questioner import (
    InteractiveQuestioner,
    MigrationQuestioner,
    QuestionerError,
)
from heron.db.migrations.writer import MigrationWriter

if TYPE_CHECKING:
    from heron.db.migrations.migration import Migration


@click.command("makemigrations")
@click.argument("app_labels", nargs=-1, metavar="[APP]...")
@click.option("--name", "-n", metavar="NAME", help="Name the new migration(s) NNNN_NAME.")
@click.option("--empty", is_flag=True, help="Write an empty migration (for RunPython/RunSQL).")
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option(
    "--check",
    "check_changes",
    is_flag=True,
    help="Write nothing; exit with status 1 when models have changes without migrations.",
)
@click.option("--merge", is_flag=True, help="Merge the two leaf migrations of an app.")
@click.option(
    "--noinput", "--no-input", "no_input", is_flag=True, help="Never prompt (for scripts, CI)."
)
@click.option(
    "-v",
    "--verbosity",
    type=click.IntRange(0, 3),
    default=1,
    show_default=True,
    help="0: quiet; 3 with --dry-run or --check: also print the files.",
)
def command(
    app_labels: tuple[str, ...],
    name: str | None,
    empty: bool,
    dry_run: bool,
    check_changes: bool,
    merge: bool,
    no_input: bool,
    verbosity: int,
) -> None:
    """Write migrations for model changes (all apps, or the APPs given)."""
    load_project()

    if name is not None and not name.isidentifier():
        raise click.BadParameter(
            f"{name!r} is not a valid Python identifier (letters, digits, _).",
            param_hint="--name",
        )
    questioner: MigrationQuestioner
    if check_changes:
        questioner = SilentQuestioner()  # nothing is written, so nothing needs asking
    elif no_input:
        questioner = MigrationQuestioner()
    else:
        questioner = InteractiveQuestioner()
    try:
        maker = Maker(list(app_labels), questioner=questioner)
        if merge:
            written = maker.merge(name)
            if not written:
                click.echo("No conflicts detected to merge.")
                return
        elif empty:
            if not app_labels:
                raise click.UsageError("--empty needs the label of the app to add it to.")
            written = maker.empty(name)
        else:
            written = maker.changes(name)
    except (MakeMigrationsError, QuestionerError) as exc:
        raise click.ClickException(str(exc)) from None
    if not written:
        if verbosity:
            where = f" in app(s) {', '.join(repr(a) for a in app_labels)}" if app_labels else ""
            click.echo(f"No changes detected{where}.")
        return
    if verbosity:
        _report(maker, written, show_files=verbosity >= 3 and (dry_run or check_changes))
    if check_changes:
        raise SystemExit(1)
    if not dry_run:
        for migrations in written.values():
            for migration in migrations:
                maker.write(migration)


def _report(maker: Any, written: dict[str, list[Migration]], *, show_files: bool) -> None:
    for app_label, migrations in written.items():
        click.echo(f"Migrations for {app_label!r}:")
        for migration in migrations:
            click.echo(f"  {_display(maker.path_for(migration))}")
            for operation in migration.operations:
                click.echo(f"    - {operation.describe()}")
            if not migration.operations:
                click.echo("    (no operations)")
            if show_files:
                click.echo(f"\n{MigrationWriter(migration).as_string()}")


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
