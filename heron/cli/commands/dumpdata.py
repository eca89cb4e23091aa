"""``heron dumpdata [APP | APP.Model ...]``: write the database's rows as a fixture."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path

import click

from heron.cli.progress import progress_bar
from heron.cli.project import load_project
from heron.db import DatabaseError
from heron.db.fixtures import (
    FixtureError,
    count_rows,
    dump_records,
    format_for,
    select_models,
    writer_for,
)


@click.command("dumpdata")
@click.argument("labels", nargs=-1, metavar="[APP | APP.Model]...")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl"]),
    default=None,
    help="Output format  [default: from --output's extension, else json]",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write to this file instead of stdout.",
)
@click.option(
    "-e",
    "--exclude",
    multiple=True,
    metavar="APP | APP.Model",
    help="Leave out an app or a model (repeatable).",
)
@click.option("--database", "alias", default="default", show_default=True)
@click.option(
    "--natural-foreign",
    is_flag=True,
    help="Write foreign keys as natural keys where the model has natural_key().",
)
@click.option(
    "--natural-primary",
    is_flag=True,
    help="Leave out the primary key of rows that have a natural key.",
)
def command(
    labels: tuple[str, ...],
    fmt: str | None,
    output: Path | None,
    exclude: tuple[str, ...],
    alias: str,
    natural_foreign: bool,
    natural_primary: bool,
) -> None:
    """Write the rows of every installed app (or of APP / APP.Model) as JSON or JSON Lines.

    Rows are read and written in chunks, so memory does not grow with the tables.
    """
    load_project()

    try:
        chosen = fmt or format_for(output.name if output else "-", "json")
        models = select_models(labels, exclude)
        with ExitStack() as stack:
            stream = stack.enter_context(output.open("wb")) if output else sys.stdout.buffer
            total = count_rows(models, alias) if sys.stderr.isatty() else None
            advance = stack.enter_context(progress_bar("Dumping", total))
            writer = writer_for(chosen, stream)
            records = dump_records(
                models,
                using=alias,
                natural_foreign=natural_foreign,
                natural_primary=natural_primary,
            )
            for record in records:
                writer.write(record)
                if advance is not None:
                    advance(1)
            writer.close()
            stream.flush()
    except (FixtureError, DatabaseError) as exc:
        raise click.ClickException(str(exc)) from None
