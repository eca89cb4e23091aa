"""The static files app: add ``"heron.contrib.staticfiles"`` to ``INSTALLED_APPS``."""

from __future__ import annotations

from heron.apps import AppConfig

__all__ = ["StaticFilesConfig"]


class StaticFilesConfig(AppConfig):
    name = "heron.contrib.staticfiles"
    label = "staticfiles"
    verbose_name = "Static Files"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the staticfiles.* system checks
