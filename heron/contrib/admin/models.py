"""``LogEntry``: one row per add, change or delete made through the admin.

The entry names the user and the object by value (primary key and a text snapshot), not
by foreign key: history outlives deleted users and objects, and the table does not depend
on which user model the project swaps in.
"""

from __future__ import annotations

import json
from typing import Any

from heron import timezone
from heron.db import models

__all__ = ["ADDITION", "CHANGE", "DELETION", "LogEntry"]

ADDITION = 1
CHANGE = 2
DELETION = 3

_VERBS = {ADDITION: "Added", CHANGE: "Changed", DELETION: "Deleted"}


class LogEntry(models.Model):
    """What one staff user did to one object, and when."""

    action_time = models.DateTimeField(default=timezone.now, db_index=True)
    user_id = models.CharField(max_length=255, db_index=True)
    user_repr = models.CharField(max_length=255)
    app_label = models.CharField(max_length=100)
    model_name = models.CharField(max_length=100)
    object_id = models.CharField(max_length=255)
    object_repr = models.CharField(max_length=200)
    action_flag = models.SmallIntegerField(
        choices=[(ADDITION, "Addition"), (CHANGE, "Change"), (DELETION, "Deletion")]
    )
    change_message = models.TextField(blank=True, default="")

    class Meta:
        db_table = "heron_admin_log"
        verbose_name = "log entry"
        verbose_name_plural = "log entries"
        ordering = ["-action_time", "-id"]
        indexes = [
            models.Index(
                fields=["app_label", "model_name", "object_id"], name="heron_admin_log_object"
            )
        ]

    def __str__(self) -> str:
        return f"{_VERBS.get(self.action_flag, 'Changed')} “{self.object_repr}”."

    @property
    def is_addition(self) -> bool:
        return self.action_flag == ADDITION

    @property
    def is_change(self) -> bool:
        return self.action_flag == CHANGE

    @property
    def is_deletion(self) -> bool:
        return self.action_flag == DELETION

    def get_change_message(self) -> str:
        """The message as a sentence: ``Changed question text and pub date.``"""
        try:
            parts: Any = json.loads(self.change_message) if self.change_message else []
        except ValueError:
            return self.change_message
        if not isinstance(parts, list):
            return self.change_message
        sentences = []
        for part in parts:
            if "added" in part:
                sentences.append(f"Added {_describe(part['added'])}.")
            elif "changed" in part:
                fields = " and ".join(part["changed"].get("fields", []))
                target = part["changed"].get("name")
                where = f" for {_describe(part['changed'])}" if target else ""
                sentences.append(f"Changed {fields}{where}.")
            elif "deleted" in part:
                sentences.append(f"Deleted {_describe(part['deleted'])}.")
        return " ".join(sentences) or "No fields changed."


def _describe(part: dict[str, Any]) -> str:
    if part.get("name"):
        return f"{part['name']} “{part.get('object', '')}”"
    return "this object" if not part.get("object") else f"“{part['object']}”"
