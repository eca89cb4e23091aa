"""``heron shell``: a Python shell with the project loaded and the installed apps' models
imported (IPython or ptpython when installed, the standard shell otherwise)."""

from __future__ import annotations

import code
import importlib.util
from collections.abc import Callable
from typing import Any

import click

from heron.apps import apps
from heron.cli.project import load_project
from heron.conf import settings
from heron.db.models.registry import get_models

INTERFACES = ("ipython", "ptpython", "python")
"""Tried in this order when ``-i`` is not given; ``python`` is always available."""


def _models_namespace() -> tuple[dict[str, Any], list[str]]:
    """Each installed app's models by class name, and the import lines that describe them.

    When two apps define a model of the same name, the app listed first in INSTALLED_APPS
    wins and the other is left out (it stays reachable through ``apps``).
    """
    namespace: dict[str, Any] = {}
    lines: list[str] = []
    for config in apps.get_app_configs():
        by_module: dict[str, list[str]] = {}
        for model in get_models(config.label):
            name = model.__name__
            if name in namespace or model._meta.swapped:  # swapped: AUTH_USER_MODEL's stand-in
                continue
            namespace[name] = model
            by_module.setdefault(model.__module__, []).append(name)
        for module, names in by_module.items():
            lines.append(f"from {module} import {', '.join(sorted(names))}")
    return namespace, lines


def _namespace(with_models: bool) -> tuple[dict[str, Any], list[str]]:
    models, lines = _models_namespace() if with_models else ({}, [])
    return {"settings": settings, "apps": apps, **models}, lines


def _banner(lines: list[str], count: int) -> str:
    text = f"Heron shell: `settings`, `apps` and {count} model(s) imported automatically."
    return "\n".join([text, *(f"  {line}" for line in lines)])


def _start_ipython(namespace: dict[str, Any], banner: str) -> None:
    from IPython import start_ipython

    click.echo(banner)
    start_ipython(argv=[], user_ns=namespace)


def _start_ptpython(namespace: dict[str, Any], banner: str) -> None:
    from ptpython.repl import embed  # type: ignore[import-not-found,unused-ignore]

    click.echo(banner)
    embed(globals=namespace, locals=namespace)


def _start_python(namespace: dict[str, Any], banner: str) -> None:
    code.interact(banner=banner, local=namespace, exitmsg="")


_STARTERS: dict[str, Callable[[dict[str, Any], str], None]] = {
    "ipython": _start_ipython,
    "ptpython": _start_ptpython,
    "python": _start_python,
}
_MODULES = {"ipython": "IPython", "ptpython": "ptpython", "python": "code"}


def _installed(interface: str) -> bool:
    return importlib.util.find_spec(_MODULES[interface]) is not None


def choose_interface(requested: str | None) -> str:
    """The shell to start: ``requested`` (which must be installed) or the first installed."""
    if requested is not None:
        if not _installed(requested):
            raise click.ClickException(
                f"{requested} is not installed: pip install {requested}, or choose another "
                f"interface with -i ({', '.join(INTERFACES)})."
            )
        return requested
    return next(name for name in INTERFACES if _installed(name))


@click.command("shell")
@click.option("-c", "--command", "source", metavar="CODE", help="Run CODE and exit.")
@click.option(
    "-i",
    "--interface",
    type=click.Choice(INTERFACES),
    default=None,
    help="The shell to use  [default: ipython, else ptpython, else python]",
)
@click.option("--plain", is_flag=True, help="Use the standard Python shell (same as -i python).")
@click.option("--no-imports", is_flag=True, help="Do not import the installed apps' models.")
def command(source: str | None, interface: str | None, plain: bool, no_imports: bool) -> None:
    """Start a shell with `settings`, `apps` and the installed apps' models defined.

    -c runs CODE (with the same names defined) instead.
    """
    load_project()
    namespace, lines = _namespace(not no_imports)
    if source is not None:
        exec(compile(source, "<heron shell -c>", "exec"), namespace)
        return
    chosen = choose_interface("python" if plain else interface)
    _STARTERS[chosen](namespace, _banner(lines, len(namespace) - 2))
