"""The ground floor: what every room may import, importing nothing else from Heron.

exceptions   the one exception tree (``HeronError`` and the errors several rooms raise)
threads      the sync/async bridge: ``run_sync``, ``to_async``, the thread pool
lifecycle    start-up and shutdown hooks (``on_startup``, ``on_shutdown``)
validators   value validators shared by model fields and form fields

Nothing here reads settings; rooms above pass in what they read (the ASGI application sizes
the thread pool from ``SYNC_VIEW_THREADS``). See docs/architecture.md for the floors.
"""

from .exceptions import NON_FIELD_ERRORS as NON_FIELD_ERRORS
from .exceptions import HeronError as HeronError
from .exceptions import ImproperlyConfigured as ImproperlyConfigured
from .exceptions import ValidationError as ValidationError
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
