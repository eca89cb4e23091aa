"""Print system-check messages the way every command shows them."""

from __future__ import annotations

from collections.abc import Sequence

import click

from heron.checks import ERROR, WARNING, CheckMessage
from heron.db.migrations.checks import check_missing_migrations

__all__ = ["print_messages", "warn_missing_migrations"]


def _colour(message: CheckMessage) -> str | None:
    if message.level >= ERROR:
        return "red"
    if message.level >= WARNING:
        return "yellow"
    return None


def print_messages(messages: Sequence[CheckMessage], *, fail_level: int = ERROR) -> bool:
    """Print ``messages`` and a summary; return True if any is at or above ``fail_level``."""
    ordered = sorted(messages, key=lambda m: (-m.level, m.id or "", str(m.obj)))
    for message in ordered:
        click.secho(str(message), fg=_colour(message), err=message.level >= ERROR)
    if messages:
        click.echo(f"System check identified {len(messages)} issue(s).")
    else:
        click.echo("System check identified no issues.")
    return any(message.is_serious(fail_level) for message in messages)


def warn_missing_migrations() -> bool:
    """Print a warning for each app whose models differ from its migration files (or that
    has models and no migration yet), naming the ``heron makemigrations <app>`` to run.

    Returns True if anything was printed. Used up front by ``heron test``, ``run`` (through
    the system checks) and ``migrate``, so a missing migration is reported before it shows up
    as a missing table.
    """
    # migrations.E001 (a broken migration file) is left to the command, which fails on it.
    messages = [m for m in check_missing_migrations() if m.id == "migrations.W001"]
    for message in messages:
        click.secho(str(message), fg=_colour(message), err=True)
    return bool(messages)
