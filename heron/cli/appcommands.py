"""Commands that installed apps add: ``<app>/commands/<name>.py`` defining ``command``."""

from __future__ import annotations

import importlib

import click

from heron.apps import apps

from .project import has_settings_module, load_project

__all__ = ["app_command_names", "find_app_command"]


def find_app_command(name: str) -> click.Command | None:
    """Return the app command called ``name``, or None if no installed app provides one."""
    if not name.isidentifier() or not has_settings_module():
        return None
    load_project()

    for config in apps.get_app_configs():
        if not (config.path / "commands" / f"{name}.py").is_file():
            continue
        module_name = f"{config.name}.commands.{name}"
        module = importlib.import_module(module_name)
        command = getattr(module, "command", None)
        if not isinstance(command, click.Command):
            raise click.ClickException(
                f"{module_name} must define a click command named 'command' "
                "(decorate a function with @click.command() and call it command)."
            )
        return command
    return None


def app_command_names() -> list[str]:
    """Return the names of all app commands, or [] when no project can be loaded."""
    if not has_settings_module():
        return []
    try:
        load_project()
    except click.ClickException:
        return []

    names: set[str] = set()
    for config in apps.get_app_configs():
        folder = config.path / "commands"
        if folder.is_dir():
            names.update(p.stem for p in folder.glob("*.py") if p.stem.isidentifier())
    names.discard("__init__")
    return sorted(names)
