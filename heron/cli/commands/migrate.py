"""``heron migrate [APP] [TARGET]``: bring the database's schema to the migrations' state."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any

import click

from heron.apps import apps
from heron.cli.checkreport import warn_missing_migrations
from heron.cli.project import load_project
from heron.conf import ImproperlyConfigured
from heron.db import ConnectionDoesNotExist, DatabaseError, connections
from heron.db.migrations.exceptions import AmbiguityError, MigrationError
from heron.db.migrations.executor import MigrationExecutor

if TYPE_CHECKING:
    from heron.db.migrations.executor import MigrationExecutor, Plan
    from heron.db.migrations.loader import MigrationLoader
    from heron.db.migrations.migration import Migration

LOCK_NOTICE_AFTER = 2.0
"""Seconds to wait for another run's migration lock before saying so."""


@contextmanager
def database_errors(*, end_line: bool | Callable[[], bool] = False) -> Iterator[None]:
    """Report migration, settings and database errors as a CLI error (``end_line``: after
    ending a half-written "Applying ..." line; a callable says whether one is open); close
    the connections in any case."""
    try:
        yield
    except (MigrationError, ImproperlyConfigured, ConnectionDoesNotExist, DatabaseError) as exc:
        if end_line() if callable(end_line) else end_line:
            click.echo("")
        raise click.ClickException(str(exc)) from None
    finally:
        connections.close_all()


def find_migration(loader: MigrationLoader, app_label: str, name: str) -> Migration:
    """The migration of ``app_label`` whose name starts with ``name``, or a CLI error."""
    try:
        return loader.get_migration_by_prefix(app_label, name)
    except AmbiguityError as exc:
        raise click.ClickException(str(exc)) from None
    except KeyError:
        raise click.ClickException(
            f"Cannot find a migration matching {name!r} from app {app_label!r}."
        ) from None


def _targets(
    executor: MigrationExecutor, app_label: str | None, name: str | None
) -> tuple[list[tuple[str, str | None]], str]:
    """The executor's targets and the line describing them."""
    loader = executor.loader
    if app_label is not None and app_label not in loader.migrated_apps:
        try:
            apps.get_app_config(app_label)
        except LookupError as exc:
            raise click.ClickException(str(exc)) from None
        raise click.ClickException(f"App {app_label!r} does not have migrations.")
    if app_label is not None and name is not None:
        if name == "zero":
            return [(app_label, None)], f"Unapply all migrations: {app_label}"
        migration = find_migration(loader, app_label, name)
        return [migration.key], f"Target specific migration: {migration.name}, from {app_label}"
    if app_label is not None:
        return list(loader.graph.leaf_nodes(app_label)), f"Apply all migrations: {app_label}"
    labels = ", ".join(sorted(loader.migrated_apps)) or "(none)"
    return list(loader.graph.leaf_nodes()), f"Apply all migrations: {labels}"


def _print_plan(plan: Plan) -> None:
    click.echo("Planned operations:")
    if not plan:
        click.echo("  No planned migration operations.")
    for migration, backwards in plan:
        click.echo(f"{migration}")
        for operation in migration.operations:
            text = operation.describe()
            if backwards:
                text = f"Undo {text}"
                if not operation.reversible:
                    text += " -> IRREVERSIBLE"
            click.echo(f"    {text}")


class _Reporter:
    """Prints one line per migration, and progress bars for long data migrations."""

    def __init__(self) -> None:
        self.interrupted = False  # a progress bar broke the "Applying x..." line
        self.line_open = False  # "Applying x..." printed, its result not yet

    def progress(self, event: str, migration: Migration | None = None, **info: Any) -> None:
        if event in ("apply_start", "unapply_start"):
            verb = "Applying" if event == "apply_start" else "Unapplying"
            self.interrupted = False
            self.line_open = True
            click.echo(f"  {verb} {migration}...", nl=False)
        elif event in ("apply_success", "unapply_success"):
            self.line_open = False
            word = "FAKED" if info.get("fake") else "OK"
            lead = f"  {migration}" if self.interrupted else ""
            click.echo(f"{lead} {word} ({info.get('elapsed', 0.0):.3f}s)")

    def bar(
        self, iterable: Iterable[Any], length: int | None, label: str
    ) -> AbstractContextManager[Iterable[Any]]:
        if not self.interrupted:
            click.echo("")
            self.interrupted = True
        return click.progressbar(iterable, length=length, label=f"    {label}".rstrip())


@click.command("migrate")
@click.argument("app_label", required=False)
@click.argument("migration_name", required=False, metavar="[TARGET]")
@click.option("--database", "alias", default="default", show_default=True, help="Alias to use.")
@click.option("--plan", "show_plan", is_flag=True, help="Show what would run; change nothing.")
@click.option("--fake", is_flag=True, help="Mark the migrations (un)applied without running them.")
@click.option(
    "--fake-initial",
    is_flag=True,
    help="Skip initial migrations whose tables already exist (mark them applied).",
)
@click.option(
    "--lock-timeout",
    type=click.FloatRange(min=0),
    default=None,
    metavar="SECONDS",
    help="Give up when another migrate holds the lock longer (default: wait).",
)
def command(
    app_label: str | None,
    migration_name: str | None,
    alias: str,
    show_plan: bool,
    fake: bool,
    fake_initial: bool,
    lock_timeout: float | None,
) -> None:
    """Apply the migrations (of APP, up to TARGET; TARGET "zero" unapplies them all)."""
    load_project()

    if not show_plan:
        warn_missing_migrations()
    reporter = _Reporter()
    with database_errors(end_line=lambda: reporter.line_open):
        wrapper = connections[alias]
        executor = MigrationExecutor(wrapper, reporter.progress, reporter.bar)
        executor.loader.check_consistent_history()
        targets, description = _targets(executor, app_label, migration_name)
        if show_plan:
            _print_plan(executor.migration_plan(targets))
            return
        if not executor.loader.migrated_apps:
            click.echo("No app has migrations yet: the database is up to date.")
            return
        click.echo("Operations to perform:")
        click.echo(f"  {description}")
        with executor.lock(timeout=lock_timeout, notice_after=LOCK_NOTICE_AFTER, on_wait=_waiting):
            # Planned under the lock: another run may just have applied some migrations
            # (which also decides whether a squashed migration stands for its originals).
            executor.loader.check_consistent_history()
            targets, _ = _targets(executor, app_label, migration_name)
            plan = executor.migration_plan(targets)
            click.echo("Running migrations:")
            if not plan:
                click.echo("  No migrations to apply.")
            else:
                executor.migrate(plan=plan, fake=fake, fake_initial=fake_initial)


def _waiting() -> None:
    click.echo("  Waiting for another migrate to finish…")
