"""Checks of settings that cannot be verified when they are read.

settings.E001   a MIDDLEWARE entry does not import
settings.W001   a TEMPLATES_DIRS entry is not an existing directory
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from heron._internal.imports import import_string
from heron.checks.messages import CheckMessage, Error, Warning
from heron.checks.registry import Tags, register
from heron.conf import settings


@register(Tags.settings)
def check_middleware_imports(**kwargs: Any) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    for entry in settings.MIDDLEWARE:
        try:
            import_string(entry, setting="MIDDLEWARE")
        except Exception as exc:  # any import-time failure makes the entry unusable
            messages.append(
                Error(
                    f"The middleware {entry!r} could not be imported: {exc}",
                    hint="Fix the dotted path in MIDDLEWARE, or remove the entry.",
                    obj="MIDDLEWARE",
                    id="settings.E001",
                )
            )
    return messages


@register(Tags.settings, Tags.templates)
def check_templates_dirs(**kwargs: Any) -> list[CheckMessage]:
    messages: list[CheckMessage] = []
    for entry in settings.TEMPLATES_DIRS:
        if not Path(entry).is_dir():
            messages.append(
                Warning(
                    f"The template directory {str(entry)!r} does not exist.",
                    hint="Create the directory, or remove it from TEMPLATES_DIRS.",
                    obj="TEMPLATES_DIRS",
                    id="settings.W001",
                )
            )
    return messages
