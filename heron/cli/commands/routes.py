"""``heron routes``: list every URL route with its name and view."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

import click

from heron.cli.project import load_project
from heron.conf import ImproperlyConfigured
from heron.urls import get_resolver

_HEADERS = ("Route", "Name", "View")


def _rows() -> list[tuple[str, str, str]]:
    try:
        records = list(get_resolver().iter_routes())
    except ImproperlyConfigured as exc:
        raise click.ClickException(str(exc)) from None
    return [_row(record) for record in records]


def _row(record: Any) -> tuple[str, str, str]:
    route = str(getattr(record, "route", ""))
    name = getattr(record, "name", None) or ""
    view = str(getattr(record, "view", "") or "")
    kind = getattr(record, "kind", None)
    if kind and kind not in ("path", "function"):
        view = f"{view} ({kind})"
    return "/" + route.lstrip("/"), str(name), view


def _plain(rows: list[tuple[str, str, str]]) -> None:
    widths = [max(len(row[i]) for row in [_HEADERS, *rows]) for i in range(len(_HEADERS))]
    for row in [_HEADERS, tuple("-" * w for w in widths), *rows]:
        click.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


def _rich(rows: list[tuple[str, str, str]]) -> None:
    # Imported by name: rich is optional, and absent from the type-checking environment.
    console: Any = importlib.import_module("rich.console")
    table: Any = importlib.import_module("rich.table").Table(
        *_HEADERS, box=None, header_style="bold"
    )
    for row in rows:
        table.add_row(*row)
    console.Console().print(table)


@click.command("routes")
@click.option("--plain", is_flag=True, help="Plain text even when rich is installed.")
def command(plain: bool) -> None:
    """List the URL routes: route, name and view."""
    load_project()
    rows = _rows()
    if not rows:
        click.echo("No routes: ROOT_URLCONF's urlpatterns is empty.")
        return
    if not plain and importlib.util.find_spec("rich") is not None:
        _rich(rows)
    else:
        _plain(rows)
