"""Fixed-window counters in the cache: the part every rate limit shares.

``hit(key, rate)`` counts one request for ``key`` in the current window and says whether it
is allowed; ``ahit`` is the async twin. Each key's windows are ``rate.period`` seconds long,
numbered from the epoch and shifted by a per-key offset (so all clients do not reset at the
same instant); the counter's cache key carries the window number, so a new window starts a
new counter and old ones expire on their own.

Counting is atomic where the cache is: an ``incr`` (Redis ``INCRBY``; a compare-and-set on
the database cache; a lock in local memory), and ``add`` when the window's first request
creates the counter. Processes sharing Redis or a database share the counts. When the cache
is unreachable (Redis down) every request is allowed: a rate limit never takes a site down.
"""

from __future__ import annotations

import hashlib
import math
import time
from collections.abc import Generator
from dataclasses import dataclass
from typing import Any

from heron.cache import BaseCache, caches
from heron.conf import settings

from .rates import Rate, parse_rate

__all__ = ["Hit", "ahit", "areset", "hit", "reset"]


@dataclass(frozen=True, slots=True)
class Hit:
    """The outcome of counting one request."""

    allowed: bool
    count: int  # requests counted in this window, this one included (when counted)
    limit: int
    retry_after: int  # seconds until the window ends (and the count starts again)


class _Incr:
    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key


class _Add:
    __slots__ = ("key", "timeout")

    def __init__(self, key: str, timeout: int) -> None:
        self.key = key
        self.timeout = timeout


class _Get:
    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key


class _Delete:
    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key


Flow = Generator[Any, Any, Any]


def _window(key: str, rate: Rate, now: float) -> tuple[str, float]:
    """The cache key of the current window of ``key``, and when that window ends."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    offset = int(digest[:8], 16) % rate.period
    number = int((now + offset) // rate.period)
    ends = (number + 1) * rate.period - offset
    prefix = settings.RATELIMIT_KEY_PREFIX
    return f"{prefix}:{rate.limit}/{rate.period}:{digest[:32]}:{number}", ends


def _count(key: str, rate: str | Rate, increment: bool) -> Flow:
    parsed = parse_rate(rate)
    now = time.time()
    cache_key, ends = _window(key, parsed, now)
    retry_after = max(1, math.ceil(ends - now))
    if increment:
        count = yield _Incr(cache_key)
        if count is None:  # the window's first request: create the counter
            # Kept a second past the window's end, so a late incr never finds it gone.
            added = yield _Add(cache_key, retry_after + 1)
            count = 1 if added else (yield _Incr(cache_key)) or 1
        return Hit(count <= parsed.limit, count, parsed.limit, retry_after)
    count = yield _Get(cache_key)
    return Hit(count < parsed.limit, count, parsed.limit, retry_after)


def _reset(key: str, rate: str | Rate) -> Flow:
    cache_key, _ = _window(key, parse_rate(rate), time.time())
    yield _Delete(cache_key)


def _cache(cache: str | None) -> BaseCache:
    return caches[cache if cache is not None else settings.RATELIMIT_CACHE]


def _run(flow: Flow, backend: BaseCache) -> Any:
    try:
        effect = next(flow)
        while True:
            if isinstance(effect, _Incr):
                try:
                    result: Any = backend.incr(effect.key)
                except ValueError:
                    result = None
            elif isinstance(effect, _Add):
                result = backend.add(effect.key, 1, effect.timeout)
            elif isinstance(effect, _Get):
                result = backend.get(effect.key, 0)
            else:
                result = backend.delete(effect.key)
            effect = flow.send(result)
    except StopIteration as stop:
        return stop.value


async def _arun(flow: Flow, backend: BaseCache) -> Any:
    try:
        effect = next(flow)
        while True:
            if isinstance(effect, _Incr):
                try:
                    result: Any = await backend.aincr(effect.key)
                except ValueError:
                    result = None
            elif isinstance(effect, _Add):
                result = await backend.aadd(effect.key, 1, effect.timeout)
            elif isinstance(effect, _Get):
                result = await backend.aget(effect.key, 0)
            else:
                result = await backend.adelete(effect.key)
            effect = flow.send(result)
    except StopIteration as stop:
        return stop.value


def hit(key: str, rate: str | Rate, *, increment: bool = True, cache: str | None = None) -> Hit:
    """Count a request for ``key`` (any string) against ``rate``; see ``Hit``.

    ``increment=False`` only looks: the count so far, and whether one more would be allowed
    is ``hit.count < hit.limit``. ``cache`` names the alias (default ``RATELIMIT_CACHE``).
    """
    result: Hit = _run(_count(key, rate, increment), _cache(cache))
    return result


async def ahit(
    key: str, rate: str | Rate, *, increment: bool = True, cache: str | None = None
) -> Hit:
    """The async twin of ``hit``."""
    result: Hit = await _arun(_count(key, rate, increment), _cache(cache))
    return result


def reset(key: str, rate: str | Rate, *, cache: str | None = None) -> None:
    """Forget the current window's count for ``key`` (e.g. after a successful sign-in)."""
    _run(_reset(key, rate), _cache(cache))


async def areset(key: str, rate: str | Rate, *, cache: str | None = None) -> None:
    """The async twin of ``reset``."""
    await _arun(_reset(key, rate), _cache(cache))
