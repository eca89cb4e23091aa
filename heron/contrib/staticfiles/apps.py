"""The static files app: add ``"heron.contrib.staticfiles"`` to ``INSTALLED_APPS``."""

from __future__ import annotations

from heron.apps import AppConfig
from heron.core.extensions import asgi_mounts, template_globals

from .handler import handler_for_settings
from .storage import static_url

__all__ = ["StaticFilesConfig"]


class StaticFilesConfig(AppConfig):
    name = "heron.contrib.staticfiles"
    label = "staticfiles"
    verbose_name = "Static Files"

    def ready(self) -> None:
        from . import checks  # noqa: F401 - registers the staticfiles.* system checks

        # Plug into the core rooms, which never name this app: the ASGI application mounts
        # the file handler at STATIC_URL; templates' static() asks the configured storage.
        asgi_mounts.register(handler_for_settings)
        template_globals["static"] = static_url
