"""``heron findstatic PATH...``: which file each static path resolves to (an app command of
``heron.contrib.staticfiles``, available when it is installed)."""

from __future__ import annotations

import click

from heron.contrib.staticfiles.finders import find_all


@click.command("findstatic")
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--first", is_flag=True, help="Only the file that is served (the first found).")
def command(paths: tuple[str, ...], first: bool) -> None:
    """Print the file each static PATH (e.g. css/site.css) resolves to through the finders
    (STATICFILES_DIRS, then each app's static/). The first file listed is the one served."""
    missing = False
    for path in paths:
        found = find_all(path.lstrip("/"))
        if not found:
            click.echo(f"No static file found for {path!r}.", err=True)
            missing = True
            continue
        click.echo(f"Found {path!r} here:")
        for file in found[:1] if first else found:
            click.echo(f"  {file}")
    if missing:
        raise SystemExit(1)
