"""The sync-code thread pool, kept importable from here; it lives in ``heron.core.threads``."""

from heron.core.threads import configure_executor as configure_executor
from heron.core.threads import is_async_callable as is_async_callable
from heron.core.threads import run_sync as run_sync
from heron.core.threads import shutdown_executor as shutdown_executor
from heron.core.threads import to_async as to_async

__all__ = ["configure_executor", "is_async_callable", "run_sync", "shutdown_executor", "to_async"]
