"""Run plain ``def`` code in a thread pool without losing the request's context.

The sync/async bridge lives on the ground floor so that every room (the database wrapper,
template responses, middleware, generic views) can use it without importing ``heron.asgi``.

Sync views and sync middleware run in one process-wide pool sized by ``SYNC_VIEW_THREADS``.
Each call runs inside a copy of the caller's ``contextvars`` context, so the current
database connection, transaction and test overrides follow the request into the thread.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import inspect
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ParamSpec, TypeVar

__all__ = [
    "configure_executor",
    "is_async_callable",
    "run_sync",
    "shutdown_executor",
    "to_async",
]

_P = ParamSpec("_P")
_R = TypeVar("_R")

_executor: ThreadPoolExecutor | None = None
_max_workers = 40


def configure_executor(max_workers: int) -> None:
    """Set the pool size used from now on (the pool is created on first use)."""
    global _max_workers
    _max_workers = max(1, max_workers)


def _get_executor() -> ThreadPoolExecutor:
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=_max_workers, thread_name_prefix="heron-sync")
    return _executor


def shutdown_executor() -> None:
    """Stop the pool (lifespan shutdown); a later call to ``run_sync`` starts a new one."""
    global _executor
    if _executor is not None:
        _executor.shutdown(wait=True, cancel_futures=True)
        _executor = None


async def run_sync(func: Callable[_P, _R], /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
    """Call ``func`` in the thread pool and await its result."""
    loop = asyncio.get_running_loop()
    context = contextvars.copy_context()
    call = functools.partial(context.run, func, *args, **kwargs)
    return await loop.run_in_executor(_get_executor(), call)


def is_async_callable(obj: Any) -> bool:
    """Return True for coroutine functions, partials of them and objects with async ``__call__``."""
    while isinstance(obj, functools.partial):
        obj = obj.func
    if inspect.iscoroutinefunction(obj):
        return True
    call = getattr(obj, "__call__", None)  # noqa: B004
    return inspect.iscoroutinefunction(call)


def to_async(func: Callable[..., Any]) -> Callable[..., Awaitable[Any]]:
    """Return ``func`` itself if it is async, else a coroutine function running it in the pool.

    Called once per view when the URL patterns load, never per request.
    """
    if is_async_callable(func):
        return func

    @functools.wraps(func)
    async def run_in_thread(*args: Any, **kwargs: Any) -> Any:
        return await run_sync(func, *args, **kwargs)

    return run_in_thread
