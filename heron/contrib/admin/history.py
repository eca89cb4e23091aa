"""Writing ``LogEntry`` rows: what the admin records for each add, change and delete."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .models import DELETION, LogEntry

__all__ = ["change_message", "log_action", "log_deletions"]


def _user_fields(request: Any) -> dict[str, str]:
    user = request.user
    return {"user_id": str(user.pk), "user_repr": str(user.get_username())[:255]}


def log_action(request: Any, obj: Any, flag: int, message: list[Any] | None = None) -> LogEntry:
    """Record that ``request.user`` added (``ADDITION``) or changed (``CHANGE``) ``obj``."""
    opts = obj._meta
    return LogEntry.objects.create(
        **_user_fields(request),
        app_label=opts.app_label,
        model_name=opts.model_name,
        object_id=str(obj.pk),
        object_repr=str(obj)[:200],
        action_flag=flag,
        change_message=json.dumps(message or []),
    )


def log_deletions(request: Any, objs: Sequence[tuple[Any, str]]) -> None:
    """Record deletions: ``objs`` holds ``(obj, pk as text)`` taken before the delete."""
    if not objs:
        return
    user = _user_fields(request)
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                **user,
                app_label=obj._meta.app_label,
                model_name=obj._meta.model_name,
                object_id=pk,
                object_repr=str(obj)[:200],
                action_flag=DELETION,
                change_message="[]",
            )
            for obj, pk in objs
        ]
    )


def change_message(form: Any, formsets: Sequence[Any], add: bool) -> list[Any]:
    """The structured message of a save: changed fields, inline rows added/changed/deleted."""
    if add:
        return [{"added": {}}]
    message: list[Any] = []
    if form.changed_data:
        labels = [str(form.fields[name].label or name) for name in form.changed_data]
        message.append({"changed": {"fields": labels}})
    for formset in formsets:
        name = str(formset.model._meta.verbose_name)
        for obj in getattr(formset, "new_objects", []):
            message.append({"added": {"name": name, "object": str(obj)}})
        for obj, fields in getattr(formset, "changed_objects", []):
            labels = [
                str(formset.form.base_fields[f].label or f)
                for f in fields
                if f in formset.form.base_fields
            ]
            message.append({"changed": {"name": name, "object": str(obj), "fields": labels}})
        for obj in getattr(formset, "deleted_objects", []):
            message.append({"deleted": {"name": name, "object": str(obj)}})
    return message
