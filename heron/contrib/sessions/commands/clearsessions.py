"""``heron clearsessions``: delete expired sessions from the configured store.

Run it from cron (daily is plenty) with the ``db`` or ``cached_db`` backend; the cache and
signed-cookie backends expire sessions by themselves, so for them it does nothing.
"""

from __future__ import annotations

import click

from heron.cli.project import load_project

from ..middleware import load_engine

__all__ = ["command"]


@click.command("clearsessions")
def command() -> None:
    """Delete expired sessions (SESSION_ENGINE's store)."""
    load_project()
    store = load_engine()
    store.clear_expired()
    click.echo(f"Expired sessions cleared ({store.__module__}).")
