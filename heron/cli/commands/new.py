"""``heron new NAME [DIRECTORY]``: create a project that runs as it is."""

from __future__ import annotations

import secrets
from pathlib import Path

import click

from heron import __version__
from heron.cli.scaffold import InvalidName, check_target_directory, render_tree, validate_name


@click.command("new")
@click.argument("name")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
def command(name: str, directory: Path | None) -> None:
    """Create the project NAME in DIRECTORY (default: ./NAME)."""
    target = (directory if directory is not None else Path(name)).resolve()
    try:
        validate_name(name, "project", ignore=[Path.cwd(), target, target.parent])
        check_target_directory(target)
    except (InvalidName, FileExistsError) as exc:
        raise click.ClickException(str(exc)) from None
    context = {
        "project_name": name,
        "heron_version": __version__,
        "dev_secret_key": "dev-insecure-" + secrets.token_urlsafe(40),
    }
    render_tree("project", target, context)
    shown = _relative(target)
    click.echo(f"Created the project {name!r} in {shown}.")
    click.echo("Next:")
    if shown != ".":
        click.echo(f"  cd {shown}")
    click.echo("  heron run          # then open http://127.0.0.1:8000/")
    click.echo("  heron startapp polls")


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd())) or "."
    except ValueError:
        return str(path)
