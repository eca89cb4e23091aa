"""Start-up and shutdown hooks: a registry on the ground floor, run by the ASGI lifespan.

Any room may register a hook (the database handler closes its pools at shutdown) without
importing the ASGI application; apps register theirs from ``AppConfig.ready()``::

    from heron.core import on_startup, on_shutdown      # also importable from heron.asgi

    @on_startup
    async def warm_cache() -> None: ...

Hooks may be plain functions or coroutine functions. Shutdown hooks run in reverse order.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, TypeVar

__all__ = ["on_shutdown", "on_startup", "run_hooks", "shutdown_hooks", "startup_hooks"]

_F = TypeVar("_F", bound=Callable[..., Any])

startup_hooks: list[Callable[[], Any]] = []
shutdown_hooks: list[Callable[[], Any]] = []


def on_startup(func: _F) -> _F:
    """Register ``func`` to run once when the server starts (before the first request)."""
    if func not in startup_hooks:
        startup_hooks.append(func)
    return func


def on_shutdown(func: _F) -> _F:
    """Register ``func`` to run once when the server shuts down."""
    if func not in shutdown_hooks:
        shutdown_hooks.append(func)
    return func


async def run_hooks(hooks: list[Callable[[], Any]]) -> None:
    """Call each hook in order, awaiting the ones that return an awaitable."""
    for hook in hooks:
        result = hook()
        if inspect.isawaitable(result):
            await result
