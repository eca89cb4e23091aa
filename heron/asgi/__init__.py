"""The ASGI application, its lifespan hooks and the sync-code thread pool."""

from .application import Application as Application
from .application import get_application as get_application
from .lifespan import on_shutdown as on_shutdown
from .lifespan import on_startup as on_startup
from .threads import run_sync as run_sync

__all__ = ["Application", "get_application", "on_shutdown", "on_startup", "run_sync"]
