"""The sessions app: add ``"heron.contrib.sessions"`` to ``INSTALLED_APPS``."""

from __future__ import annotations

from heron.apps import AppConfig

__all__ = ["SessionsConfig"]


class SessionsConfig(AppConfig):
    name = "heron.contrib.sessions"
    label = "sessions"
    verbose_name = "Sessions"
