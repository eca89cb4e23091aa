"""``heron shell``: a Python shell (IPython when installed) with the project loaded."""

from __future__ import annotations

import code
from typing import Any

import click

from heron.cli.project import load_project


def _namespace() -> dict[str, Any]:
    from heron.apps import apps
    from heron.conf import settings

    return {"settings": settings, "apps": apps}


@click.command("shell")
@click.option("-c", "--command", "source", metavar="CODE", help="Run CODE and exit.")
@click.option("--plain", is_flag=True, help="Use the standard shell even if IPython is installed.")
def command(source: str | None, plain: bool) -> None:
    """Start a shell with `settings` and `apps` defined; -c runs code instead."""
    load_project()
    namespace = _namespace()
    if source is not None:
        exec(compile(source, "<heron shell -c>", "exec"), namespace)
        return
    banner = "Heron shell: `settings` and `apps` are defined."
    if not plain:
        try:
            from IPython import start_ipython
        except ImportError:
            pass
        else:
            click.echo(banner)
            start_ipython(argv=[], user_ns=namespace)
            return
    code.interact(banner=banner, local=namespace, exitmsg="")
