"""Print system-check messages the way every command shows them."""

from __future__ import annotations

from collections.abc import Sequence

import click

from heron.checks import ERROR, WARNING, CheckMessage

__all__ = ["print_messages"]


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
