"""The ground floor: what every room may import, importing nothing else from Heron.

exceptions   the one exception tree (``HeronError`` and the errors several rooms raise)
threads      the sync/async bridge: ``run_sync``, ``to_async``, the thread pool
lifecycle    start-up and shutdown hooks (``on_startup``, ``on_shutdown``)
validators   value validators shared by model fields and form fields

Every room imports ``heron.core.exceptions``, so this package imports only that eagerly; the
thread pool (asyncio) and the hooks load on first use. Nothing here reads settings; rooms above
pass in what they read (the ASGI application sizes the thread pool from ``SYNC_VIEW_THREADS``).
See docs/architecture.md for the floors.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .exceptions import NON_FIELD_ERRORS as NON_FIELD_ERRORS
from .exceptions import HeronError as HeronError
from .exceptions import ImproperlyConfigured as ImproperlyConfigured
from .exceptions import ValidationError as ValidationError

if TYPE_CHECKING:
    from .lifecycle import on_shutdown as on_shutdown
    from .lifecycle import on_startup as on_startup
    from .threads import run_sync as run_sync
    from .threads import to_async as to_async

__all__ = [
    "NON_FIELD_ERRORS",
    "HeronError",
    "ImproperlyConfigured",
    "ValidationError",
    "on_shutdown",
    "on_startup",
    "run_sync",
    "to_async",
]

# Loaded on first use: `heron.conf` (and so every room) imports this package for its errors.
_LAZY = {
    "on_shutdown": "lifecycle",
    "on_startup": "lifecycle",
    "run_sync": "threads",
    "to_async": "threads",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'heron.core' has no attribute {name!r}")
    value = getattr(import_module(f"heron.core.{module}"), name)
    globals()[name] = value
    return value
