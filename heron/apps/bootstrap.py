"""``heron.setup()``: load settings and apps once per process.

It lives on the apps floor because it is the one step that needs both settings and the app
registry; ``heron.setup`` re-exports it lazily so that ``import heron`` stays cheap. Rooms
above (the ASGI application, the CLI, the test plugin) call it; nothing below ``apps`` may.
"""

from __future__ import annotations

import logging.config
import threading
from types import ModuleType
from typing import Any

from heron.conf.locate import locate_settings_module
from heron.conf.settings import Settings, settings
from heron.core.exceptions import ImproperlyConfigured

from .registry import apps

__all__ = ["setup"]

_lock = threading.Lock()


def setup(
    settings_module: str | ModuleType | None = None, *, force: bool = False, **overrides: Any
) -> Settings:
    """Load settings and import the installed apps; later calls return the same settings.

    ``settings_module`` defaults to ``HERON_SETTINGS_MODULE`` or ``[tool.heron] settings`` in
    the nearest ``pyproject.toml``. Keyword ``overrides`` (upper-case names) win over the
    module, which lets a script run with no settings module at all. ``force=True`` reloads.
    """
    with _lock:
        current = settings._wrapped
        if current is not None and apps.ready and not force and settings_module is None:
            existing: Settings = current
            return existing
        module: str | ModuleType | None = settings_module
        if module is None and (current is None or force):
            module = locate_settings_module()
            if module is None and not overrides:
                raise ImproperlyConfigured(
                    "No settings module found. Run Heron inside a project (a pyproject.toml "
                    'with [tool.heron] settings = "mysite.settings"), set '
                    "HERON_SETTINGS_MODULE, or pass --settings."
                )
        if current is None or force or module is not None or overrides:
            new = Settings(module, **overrides)
            apps.reset()
            settings._install(new)
        configured: Settings = settings._setup_required()
        if configured.LOGGING:
            logging.config.dictConfig(configured.LOGGING)
        apps.populate(configured.INSTALLED_APPS)
        return configured
