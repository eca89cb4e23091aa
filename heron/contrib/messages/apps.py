"""The messages app: add ``"heron.contrib.messages"`` to ``INSTALLED_APPS``."""

from __future__ import annotations

from heron.apps import AppConfig

__all__ = ["MessagesConfig"]


class MessagesConfig(AppConfig):
    name = "heron.contrib.messages"
    label = "messages"
    verbose_name = "Messages"
