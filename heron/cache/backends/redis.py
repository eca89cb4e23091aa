"""A cache in Redis (``LOCATION`` is a ``redis://`` or ``rediss://`` URL), with redis-py.

The sync client and its connection pool are made once per process (a forked worker makes
its own); the async client (``redis.asyncio``) once per event loop. Plain ints are stored as
decimal digits, so ``incr`` is Redis's own atomic ``INCRBY`` (inside a script that refuses
absent keys), and counters are shared by every process that uses the same Redis.

**Outages.** When Redis cannot be reached (refused, reset, timed out), a read is a miss and a
write does nothing, with a warning on the ``heron.cache`` logger (at most one per
``WARN_INTERVAL`` seconds, default 10): a cached page renders uncached, never as a 500.
``incr`` counts from zero (returns ``delta``), so rate limits fail open. Set
``OPTIONS["IGNORE_EXCEPTIONS"] = False`` to raise the connection error instead. Other
errors (a wrong password, a value that is not a number for ``incr``) always raise.

``clear()`` empties the whole Redis database of ``LOCATION`` (FLUSHDB): give the cache a
database number of its own.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import os
import threading
import time
import weakref
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from heron.conf.exceptions import ImproperlyConfigured

from .base import MISSING, BaseCache, Op, dumps, loads

if TYPE_CHECKING:
    import redis as redis_sync
    import redis.asyncio as redis_async

__all__ = ["RedisCache"]

logger = logging.getLogger("heron.cache")

# Add to a counter only if it exists (Django's incr contract), in one atomic step.
_INCR_SCRIPT = """
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
return redis.call('INCRBY', KEYS[1], ARGV[1])
"""
_DEGRADED: Any = object()


class Call:
    """Effect: call one client method; ``fallback`` is the result while Redis is down."""

    __slots__ = ("args", "fallback", "kwargs", "name")

    def __init__(self, name: str, *args: Any, fallback: Any = None, **kwargs: Any) -> None:
        self.name = name
        self.args = args
        self.kwargs = kwargs
        self.fallback = fallback


class Pipelined:
    """Effect: run several calls in one round trip (no MULTI); returns their results."""

    __slots__ = ("calls", "fallback")

    def __init__(self, calls: list[Call], fallback: Any) -> None:
        self.calls = calls
        self.fallback = fallback


def _import(module: str) -> Any:
    # redis is an optional extra: imported when a Redis cache is configured, not before.
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImproperlyConfigured(
            "The Redis cache needs the 'redis' package, which is not installed. "
            "Run: pip install 'heron[redis]'"
        ) from exc


async def _aclose_client(client: redis_async.Redis) -> None:
    await client.aclose()
    await client.connection_pool.disconnect()


def _ms(timeout: float) -> int:
    return max(1, int(timeout * 1000))


class RedisCache(BaseCache):
    """``heron.cache.backends.redis.RedisCache``."""

    def __init__(self, location: str, params: Mapping[str, Any]) -> None:
        super().__init__(location, params)
        if not location:
            raise ImproperlyConfigured(
                "RedisCache needs LOCATION: a URL such as redis://127.0.0.1:6379/0."
            )
        self._redis = _import("redis")
        self._redis_async = _import("redis.asyncio")
        options = self.options
        self.ignore_exceptions = bool(options.get("IGNORE_EXCEPTIONS", True))
        self.warn_interval = float(options.get("WARN_INTERVAL", 10))
        self._pool_kwargs: dict[str, Any] = {
            "socket_timeout": float(options.get("SOCKET_TIMEOUT", 1.0)),
            "socket_connect_timeout": float(options.get("SOCKET_CONNECT_TIMEOUT", 1.0)),
            **dict(options.get("CONNECTION_POOL_KWARGS") or {}),
        }
        errors = self._redis.exceptions
        self._outage_errors: tuple[type[BaseException], ...] = (
            errors.ConnectionError,
            errors.TimeoutError,
            OSError,
        )
        self._lock = threading.Lock()
        self._pid = 0
        self._client: redis_sync.Redis | None = None
        self._async_clients: weakref.WeakKeyDictionary[
            asyncio.AbstractEventLoop, redis_async.Redis
        ] = weakref.WeakKeyDictionary()
        self._last_warning = 0.0
        self._suppressed = 0

    # -- clients --------------------------------------------------------------------------

    @property
    def client(self) -> redis_sync.Redis:
        """The sync client of this process (its pool is made on first use)."""
        client = self._client
        if client is None or self._pid != os.getpid():
            with self._lock:
                if self._client is None or self._pid != os.getpid():
                    pool = self._redis.ConnectionPool.from_url(self.location, **self._pool_kwargs)
                    self._client = self._redis.Redis(connection_pool=pool)
                    self._pid = os.getpid()
                client = self._client
        return client

    def async_client(self) -> redis_async.Redis:
        """The async client of the running event loop (its pool is made on first use)."""
        loop = asyncio.get_running_loop()
        client = self._async_clients.get(loop)
        if client is None:
            pool = self._redis_async.ConnectionPool.from_url(self.location, **self._pool_kwargs)
            client = self._async_clients[loop] = self._redis_async.Redis(connection_pool=pool)
        return client

    def close(self) -> None:
        """Close the sync pool, and the async pools of event loops that are not running."""
        client, self._client = self._client, None
        if client is not None:
            client.connection_pool.disconnect()
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            in_a_loop = False
        else:
            in_a_loop = True  # another loop cannot be run from here
        for loop, async_client in list(self._async_clients.items()):
            if loop.is_closed():
                self._async_clients.pop(loop, None)
            elif not loop.is_running() and not in_a_loop:
                # e.g. the test client's loop, between requests
                self._async_clients.pop(loop, None)
                loop.run_until_complete(_aclose_client(async_client))

    async def aclose(self) -> None:
        """Close the running event loop's async pool, then what ``close`` closes."""
        client = self._async_clients.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await _aclose_client(client)
        self.close()

    # -- effects --------------------------------------------------------------------------

    def _degrade(self, exc: BaseException, fallback: Any) -> Any:
        if not self.ignore_exceptions:
            raise exc
        now = time.monotonic()
        if now - self._last_warning >= self.warn_interval:
            suppressed = (
                f" ({self._suppressed} more since the last warning)" if self._suppressed else ""
            )
            logger.warning(
                "Redis cache at %s is unreachable (%s: %s): reads miss and writes are "
                "skipped until it is back%s.",
                self.location,
                type(exc).__name__,
                exc,
                suppressed,
            )
            self._last_warning = now
            self._suppressed = 0
        else:
            self._suppressed += 1
        return fallback

    def _perform(self, effect: Any) -> Any:
        if isinstance(effect, Call):
            try:
                return getattr(self.client, effect.name)(*effect.args, **effect.kwargs)
            except self._outage_errors as exc:
                return self._degrade(exc, effect.fallback)
        if isinstance(effect, Pipelined):
            try:
                pipe = self.client.pipeline(transaction=False)
                for call in effect.calls:
                    getattr(pipe, call.name)(*call.args, **call.kwargs)
                return pipe.execute()
            except self._outage_errors as exc:
                return self._degrade(exc, effect.fallback)
        return super()._perform(effect)

    async def _aperform(self, effect: Any) -> Any:
        if isinstance(effect, Call):
            try:
                return await getattr(self.async_client(), effect.name)(
                    *effect.args, **effect.kwargs
                )
            except self._outage_errors as exc:
                return self._degrade(exc, effect.fallback)
        if isinstance(effect, Pipelined):
            try:
                pipe = self.async_client().pipeline(transaction=False)
                for call in effect.calls:
                    getattr(pipe, call.name)(*call.args, **call.kwargs)
                return await pipe.execute()
            except self._outage_errors as exc:
                return self._degrade(exc, effect.fallback)
        return await super()._aperform(effect)

    # -- primitive ops --------------------------------------------------------------------

    def _get(self, key: str) -> Op[Any]:
        data = yield Call("get", key)
        return MISSING if data is None else loads(data)

    def _get_many(self, keys: list[str]) -> Op[dict[str, Any]]:
        values = yield Call("mget", keys, fallback=[None] * len(keys))
        return {
            key: loads(data) for key, data in zip(keys, values, strict=True) if data is not None
        }

    @staticmethod
    def _set_call(key: str, value: Any, timeout: float | None, **extra: Any) -> Call:
        if timeout is None:
            return Call("set", key, dumps(value), fallback=None, **extra)
        return Call("set", key, dumps(value), px=_ms(timeout), fallback=None, **extra)

    def _set(self, key: str, value: Any, timeout: float | None) -> Op[None]:
        yield self._set_call(key, value, timeout)

    def _set_many(self, items: dict[str, Any], timeout: float | None) -> Op[list[str]]:
        calls = [self._set_call(key, value, timeout) for key, value in items.items()]
        result = yield Pipelined(calls, fallback=_DEGRADED)
        return list(items) if result is _DEGRADED else []

    def _add(self, key: str, value: Any, timeout: float | None) -> Op[bool]:
        added = yield self._set_call(key, value, timeout, nx=True)
        return bool(added)

    def _delete(self, key: str) -> Op[bool]:
        deleted = yield Call("delete", key, fallback=0)
        return bool(deleted)

    def _delete_many(self, keys: list[str]) -> Op[None]:
        yield Call("delete", *keys, fallback=0)

    def _touch(self, key: str, timeout: float | None) -> Op[bool]:
        if timeout is None:
            results = yield Pipelined([Call("persist", key), Call("exists", key)], fallback=[0, 0])
            return bool(results[1])
        touched = yield Call("pexpire", key, _ms(timeout), fallback=False)
        return bool(touched)

    def _incr(self, key: str, delta: int) -> Op[int]:
        try:
            value = yield Call("eval", _INCR_SCRIPT, 1, key, delta, fallback=_DEGRADED)
        except self._redis.exceptions.ResponseError as exc:
            raise TypeError(f"The value of {key!r} is not an integer: {exc}") from exc
        if value is _DEGRADED:
            return delta
        if value is None:
            raise ValueError(f"Key {key!r} is not in the cache.")
        return int(value)

    def _has_key(self, key: str) -> Op[bool]:
        found = yield Call("exists", key, fallback=0)
        return bool(found)

    def _clear(self) -> Op[None]:
        yield Call("flushdb")
