"""``heron loaddata FIXTURE ...``: install fixtures in one transaction."""

from __future__ import annotations

import sys

import click

from heron.cli.progress import progress_bar
from heron.cli.project import load_project
from heron.db import DatabaseError, connections
from heron.db.fixtures import FixtureError, load_fixtures


@click.command("loaddata")
@click.argument("fixtures", nargs=-1, required=True, metavar="FIXTURE...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl"]),
    default=None,
    help="Format of FIXTURE '-' (stdin), or of files with another extension.",
)
@click.option(
    "-e",
    "--exclude",
    multiple=True,
    metavar="APP | APP.Model",
    help="Leave out the records of an app or a model (repeatable).",
)
@click.option("--database", "alias", default="default", show_default=True)
def command(
    fixtures: tuple[str, ...], fmt: str | None, exclude: tuple[str, ...], alias: str
) -> None:
    """Install FIXTURE files (paths, or names found in each app's fixtures/ directory and in
    FIXTURE_DIRS; '-' reads stdin) in one transaction: a bad record keeps nothing.
    """
    load_project()

    names = [name for name in fixtures if name != "-"]
    stream = sys.stdin.buffer if "-" in fixtures else None
    try:
        with progress_bar("Loading", None) as advance:
            result = load_fixtures(
                names, using=alias, exclude=exclude, stream=stream, fmt=fmt, progress=advance
            )
    except (FixtureError, DatabaseError) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        connections.close_all()
    click.echo(f"Installed {result.objects} object(s) from {result.fixtures} fixture(s).")
