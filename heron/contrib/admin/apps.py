"""The admin app: add ``"heron.contrib.admin"`` to ``INSTALLED_APPS`` (after the apps whose
models it shows is not required: discovery runs once every app is ready)."""

from __future__ import annotations

from heron.apps import AppConfig, apps

__all__ = ["AdminConfig"]


class AdminConfig(AppConfig):
    name = "heron.contrib.admin"
    label = "admin"
    verbose_name = "Administration"

    def ready(self) -> None:
        # Imported here: sites imports the admin's models, which load once apps are registered.
        from . import checks  # noqa: F401 - registers the admin.* system checks
        from .sites import autodiscover

        autodiscover(apps.get_app_configs())
