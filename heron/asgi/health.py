"""Built-in probes for load balancers and orchestrators: ``/health`` and ``/ready``.

``/health`` (``HEALTH_CHECK_PATH``) answers ``200 {"status": "ok"}`` while the process can
answer at all; it touches nothing (no database, no cache, no middleware), so a liveness
probe never restarts a process because a database is down.

``/ready`` (``READY_CHECK_PATH``) checks every database alias in ``DATABASES`` (and every
cache in ``CACHES``) with ``SELECT 1`` / a cache read, all
at once, each bounded by ``READY_CHECK_TIMEOUT`` seconds. It answers 200 when all answer,
else 503 naming what is down::

    {"status": "unavailable", "checks": {"databases": {"default": "unavailable"}}}

Both are answered before the middleware (a probe's Host header is often a bare pod IP that
``ALLOWED_HOSTS`` would refuse, and probes need no sessions or CSRF), with ``Cache-Control:
no-store`` and the security headers that do not depend on settings. Setting a path to None
turns its probe off.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from .types import Receive, Scope, Send

__all__ = ["probes"]

logger = logging.getLogger("heron.health")

Probe = Callable[[Scope, Receive, Send], Awaitable[None]]

_HEADERS = [
    (b"content-type", b"application/json"),
    (b"cache-control", b"no-store"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
]


def probes(current: Any) -> dict[str, Probe] | None:
    """The probes to answer, by path, from settings (None when both are off)."""
    found: dict[str, Probe] = {}
    health_path = getattr(current, "HEALTH_CHECK_PATH", None)
    ready_path = getattr(current, "READY_CHECK_PATH", None)
    if health_path:
        found[str(health_path)] = health
    if ready_path:
        timeout = float(getattr(current, "READY_CHECK_TIMEOUT", 2.0))

        async def ready_probe(scope: Scope, receive: Receive, send: Send) -> None:
            await ready(scope, send, timeout)

        found[str(ready_path)] = ready_probe
    return found or None


async def _answer(scope: Scope, send: Send, status: int, body: bytes) -> None:
    headers = [*_HEADERS, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send(
        {"type": "http.response.body", "body": b"" if scope.get("method") == "HEAD" else body}
    )


async def health(scope: Scope, receive: Receive, send: Send) -> None:
    """Answer the liveness probe: the process is up."""
    await _answer(scope, send, 200, b'{"status":"ok"}')


async def ready(scope: Scope, send: Send, timeout: float) -> None:
    """Answer the readiness probe: every database (and cache) answers within ``timeout``."""
    checks: dict[str, dict[str, str]] = {}
    names: list[tuple[str, str]] = []
    jobs: list[Awaitable[None]] = []
    for kind, alias, job in _checks():
        names.append((kind, alias))
        jobs.append(asyncio.wait_for(job, timeout))
    results = await asyncio.gather(*jobs, return_exceptions=True)
    down = False
    for (kind, alias), result in zip(names, results, strict=True):
        if isinstance(result, BaseException):
            down = True
            state = "timeout" if isinstance(result, TimeoutError) else "unavailable"
            logger.warning("Readiness check: %s %r is %s: %r", kind[:-1], alias, state, result)
        else:
            state = "ok"
        checks.setdefault(kind, {})[alias] = state
    body = {"status": "unavailable" if down else "ready", "checks": checks}
    await _answer(scope, send, 503 if down else 200, json.dumps(body).encode())


def _checks() -> list[tuple[str, str, Awaitable[None]]]:
    # Imported when a probe runs, never with heron.asgi: a site without a database or a
    # cache never loads heron.db or heron.cache.
    from heron.conf import settings

    jobs: list[tuple[str, str, Awaitable[None]]] = []
    databases = getattr(settings, "DATABASES", None) or {}
    if databases:
        from heron.db import connections  # lazy: only sites with a database load heron.db

        for alias in databases:
            jobs.append(("databases", alias, _check_database(connections[alias])))
    caches = getattr(settings, "CACHES", None) or {}
    if caches:
        from heron.cache import caches as cache_handler  # lazy: only sites with a cache

        for alias in caches:
            jobs.append(("caches", alias, _check_cache(cache_handler[alias])))
    return jobs


async def _check_database(wrapper: Any) -> None:
    await wrapper.aexecute("SELECT 1", fetch="one")


async def _check_cache(cache: Any) -> None:
    await cache.aget("heron:ready-check")
