"""The ASGI application; the lifespan hooks and ``run_sync`` are re-exported from ``heron.core``."""

from heron.core.lifecycle import on_shutdown as on_shutdown
from heron.core.lifecycle import on_startup as on_startup
from heron.core.threads import run_sync as run_sync

from .application import Application as Application
from .application import get_application as get_application

__all__ = ["Application", "get_application", "on_shutdown", "on_startup", "run_sync"]
