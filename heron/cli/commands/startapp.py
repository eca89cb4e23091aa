"""``heron startapp NAME``: create an app in the current project."""

from __future__ import annotations

from pathlib import Path

import click

from heron.cli.project import project_root
from heron.cli.scaffold import InvalidName, check_target_directory, render_tree, validate_name
from heron.conf import ImproperlyConfigured
from heron.conf.locate import locate_settings_module


@click.command("startapp")
@click.argument("name")
def command(name: str) -> None:
    """Create the app NAME at the root of the current project."""
    root = project_root()
    if root is None:
        raise click.ClickException(
            "No Heron project found here or above: run startapp inside a project "
            "(a directory with a pyproject.toml containing [tool.heron]), "
            "or create one with `heron new NAME`."
        )
    target = root / name
    try:
        validate_name(name, "app", ignore=[Path.cwd(), root])
        check_target_directory(target)
    except (InvalidName, FileExistsError) as exc:
        raise click.ClickException(str(exc)) from None
    class_name = "".join(part.capitalize() for part in name.split("_") if part) or name
    render_tree("app", target, {"app_name": name, "class_name": class_name})
    for folder in ("templates", "static"):
        (target / folder / name).mkdir(parents=True, exist_ok=True)
    click.echo(f"Created the app {name!r} in {target}.")
    click.echo(f"To use it, add it to INSTALLED_APPS in {_settings_file(root)}:")
    click.echo(f'    INSTALLED_APPS = [..., "{name}"]')
    click.echo("and include its routes in your project's urls.py:")
    click.echo(f'    path("{name}/", include("{name}.urls")),')


def _settings_file(root: Path) -> str:
    try:
        module = locate_settings_module(start=root)
    except ImproperlyConfigured:
        module = None
    if not module:
        return "your settings"
    return module.replace(".", "/") + ".py"
