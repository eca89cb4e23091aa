"""The system check that warns when models have changes no migration describes.

migrations.W001   an app's models differ from the state its migration files build
migrations.E001   the migration files could not be loaded (the message says why)
"""

from __future__ import annotations

from typing import Any

from heron.apps import apps
from heron.checks.messages import CheckMessage, Error, Warning
from heron.checks.registry import Tags, register

from .exceptions import MigrationError
from .making import pending_changes

__all__ = ["check_missing_migrations"]


@register(Tags.database)
def check_missing_migrations(**kwargs: Any) -> list[CheckMessage]:
    if not apps.ready:
        return []

    try:
        changes = pending_changes()
    except (MigrationError, ImportError, SyntaxError, ValueError, LookupError) as exc:
        return [
            Error(
                f"The migration files could not be loaded: {exc}",
                hint="Fix the migration file named in the message.",
                id="migrations.E001",
            )
        ]
    return [
        Warning(
            f"The models of app {app_label!r} have changes that are not in a migration "
            f"({_summary([op.describe() for m in migrations for op in m.operations])}).",
            hint=f"Run 'heron makemigrations {app_label}', then 'heron migrate'.",
            obj=app_label,
            id="migrations.W001",
        )
        for app_label, migrations in sorted(changes.items())
    ]


def _summary(changes: list[str], shown: int = 3) -> str:
    if len(changes) <= shown:
        return ", ".join(changes)
    return f"{', '.join(changes[:shown])} and {len(changes) - shown} more"
