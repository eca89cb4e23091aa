"""The start-up and shutdown hooks, kept importable from here; see ``heron.core.lifecycle``."""

from heron.core.lifecycle import on_shutdown as on_shutdown
from heron.core.lifecycle import on_startup as on_startup
from heron.core.lifecycle import run_hooks as run_hooks
from heron.core.lifecycle import shutdown_hooks as shutdown_hooks
from heron.core.lifecycle import startup_hooks as startup_hooks

__all__ = ["on_shutdown", "on_startup", "run_hooks", "shutdown_hooks", "startup_hooks"]
