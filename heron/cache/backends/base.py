"""The contract every cache backend fulfils, and the logic they all share.

Each public operation is written once, as a generator (an *op*) that yields the I/O it needs
as effects and returns its result. ``BaseCache`` drives an op synchronously (``get``) or
asynchronously (``aget``) with one line each, so the two colours cannot drift apart:

* backends without I/O of their own (local memory) never yield: both shells run the op inline;
* blocking backends (files) run the whole sync shell in a worker thread for the async twin;
* network backends (database, Redis) yield effects that ``_perform`` runs with the sync
  driver and ``_aperform`` awaits with the async one.

A backend implements the primitive ops (``_get``, ``_set``, ``_add``, ``_delete``,
``_touch``, ``_incr``, ``_clear``) on already-made keys; key making and validation,
timeouts, versioning, ``get_or_set`` and the ``*_many`` fallbacks live here.
"""

from __future__ import annotations

import asyncio
import inspect
import pickle
import re
import time
from collections.abc import Callable, Generator, Iterable, Mapping
from typing import Any, TypeVar

from heron._internal.imports import import_string
from heron.conf.exceptions import ImproperlyConfigured
from heron.core.exceptions import HeronError

__all__ = [
    "DEFAULT_TIMEOUT",
    "MISSING",
    "BaseCache",
    "Compute",
    "InvalidCacheKey",
    "Op",
    "default_key_func",
    "dumps",
    "loads",
]

T = TypeVar("T")

#: What a cache operation is: a generator of effects returning the result.
Op = Generator[Any, Any, T]


class _Sentinel:
    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


#: The ``timeout`` argument's default: the cache's ``TIMEOUT`` setting.
DEFAULT_TIMEOUT: Any = _Sentinel("DEFAULT_TIMEOUT")
#: What primitive ops return for an absent (or expired) key; cached ``None`` is a hit.
MISSING: Any = _Sentinel("MISSING")

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class InvalidCacheKey(HeronError, ValueError):
    """A cache key is not a string, or contains a control character."""


class Compute:
    """The effect of calling user code (``get_or_set``'s default); awaited in async shells."""

    __slots__ = ("func",)

    def __init__(self, func: Callable[[], Any]) -> None:
        self.func = func


def default_key_func(key: str, key_prefix: str, version: int) -> str:
    """``<KEY_PREFIX>:<VERSION>:<key>``: the key stored in the backend."""
    return f"{key_prefix}:{version}:{key}"


def dumps(value: Any) -> bytes:
    """Serialize a value; plain ints stay decimal digits so backends can add to them."""
    if type(value) is int:
        return str(value).encode()
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def loads(data: bytes) -> Any:
    """Read what ``dumps`` wrote (pickles never start with a digit or a minus sign)."""
    if data[:1].isdigit() or data[:1] == b"-":
        return int(data)
    return pickle.loads(data)


def _key_function(value: Any) -> Callable[[str, str, int], str]:
    if value is None:
        return default_key_func
    if isinstance(value, str):
        func: Callable[[str, str, int], str] = import_string(value)
        return func
    if callable(value):
        return value  # type: ignore[no-any-return]
    raise ImproperlyConfigured(
        f"CACHES KEY_FUNCTION must be a callable or its dotted path, not {value!r}."
    )


def _step(op: Op[Any], value: Any, error: BaseException | None) -> tuple[bool, Any]:
    """Resume ``op``: (True, result) when it finished, else (False, its next effect)."""
    try:
        if error is not None:
            return False, op.throw(error)
        return False, op.send(value)
    except StopIteration as stop:  # a StopIteration must not cross into a Future
        return True, stop.value


class BaseCache:
    """A cache: the settings of one ``CACHES`` entry and the operations every backend offers.

    ``timeout`` arguments are seconds: ``None`` keeps the value until it is evicted or
    deleted, ``0`` (or less) does not store it (and removes what was there).
    """

    #: True for backends whose primitives block (files): async twins run them in a thread.
    blocking = False

    def __init__(self, location: str, params: Mapping[str, Any]) -> None:
        self.location = location
        timeout = params.get("TIMEOUT", 300)
        if timeout is not None and (
            isinstance(timeout, bool) or not isinstance(timeout, int | float)
        ):
            raise ImproperlyConfigured(
                f"CACHES TIMEOUT must be a number of seconds or None (forever), not {timeout!r}."
            )
        self.default_timeout: float | None = timeout
        options = dict(params.get("OPTIONS") or {})
        self.options = options
        self.max_entries = int(options.get("MAX_ENTRIES", params.get("MAX_ENTRIES", 300)))
        self.cull_frequency = int(options.get("CULL_FREQUENCY", 3)) or 1
        self.key_prefix = str(params.get("KEY_PREFIX", ""))
        if _CONTROL.search(self.key_prefix):
            raise ImproperlyConfigured(
                f"CACHES KEY_PREFIX {self.key_prefix!r} contains a control character."
            )
        self.version = int(params.get("VERSION", 1))
        self.key_func = _key_function(params.get("KEY_FUNCTION"))

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.location!r}>"

    # -- keys and timeouts ----------------------------------------------------------------

    def make_key(self, key: str, version: int | None = None) -> str:
        """Validate ``key``, then return the backend key (prefix and version added)."""
        self.validate_key(key)
        return self.key_func(key, self.key_prefix, self.version if version is None else version)

    def validate_key(self, key: Any) -> None:
        """Raise ``InvalidCacheKey`` unless ``key`` is a string without control characters."""
        if not isinstance(key, str):
            raise InvalidCacheKey(f"Cache keys must be strings, not {type(key).__name__}.")
        if key.isprintable():  # the common case, without the regular expression
            return
        bad = _CONTROL.search(key)
        if bad is not None:
            raise InvalidCacheKey(
                f"Cache key {key!r} contains the control character {bad.group()!r} at "
                f"position {bad.start()}. Keys must be printable text: hash untrusted input "
                "into a key (e.g. hashlib.sha256(value.encode()).hexdigest())."
            )

    def get_backend_timeout(self, timeout: float | None = DEFAULT_TIMEOUT) -> float | None:
        """Return ``timeout`` in seconds (``None`` forever; ``<= 0`` means do not store)."""
        if timeout is DEFAULT_TIMEOUT:
            return self.default_timeout
        if timeout is not None and (
            isinstance(timeout, bool) or not isinstance(timeout, int | float)
        ):
            raise TypeError(f"Cache timeouts are seconds or None, not {timeout!r}.")
        return timeout

    @staticmethod
    def expiry(timeout: float | None) -> float | None:
        """The wall-clock time a value set now with ``timeout`` expires (None: never)."""
        return None if timeout is None else time.time() + timeout

    @staticmethod
    def expired(expiry: float | None) -> bool:
        return expiry is not None and expiry <= time.time()

    # -- primitive ops (backends implement these on made keys) ----------------------------

    def _get(self, key: str) -> Op[Any]:
        raise NotImplementedError  # abstract: every backend implements it

    def _set(self, key: str, value: Any, timeout: float | None) -> Op[None]:
        raise NotImplementedError  # abstract: every backend implements it

    def _add(self, key: str, value: Any, timeout: float | None) -> Op[bool]:
        raise NotImplementedError  # abstract: every backend implements it

    def _delete(self, key: str) -> Op[bool]:
        raise NotImplementedError  # abstract: every backend implements it

    def _touch(self, key: str, timeout: float | None) -> Op[bool]:
        raise NotImplementedError  # abstract: every backend implements it

    def _incr(self, key: str, delta: int) -> Op[int]:
        """Add ``delta`` to the stored int; raise ``ValueError`` when the key is absent."""
        raise NotImplementedError  # abstract: every backend implements it

    def _clear(self) -> Op[None]:
        raise NotImplementedError  # abstract: every backend implements it

    def _get_many(self, keys: list[str]) -> Op[dict[str, Any]]:
        found: dict[str, Any] = {}
        for key in keys:
            value = yield from self._get(key)
            if value is not MISSING:
                found[key] = value
        return found

    def _set_many(self, items: dict[str, Any], timeout: float | None) -> Op[list[str]]:
        for key, value in items.items():
            yield from self._set(key, value, timeout)
        return []

    def _delete_many(self, keys: list[str]) -> Op[None]:
        for key in keys:
            yield from self._delete(key)

    def _has_key(self, key: str) -> Op[bool]:
        value = yield from self._get(key)
        return value is not MISSING

    # -- the shared logic of the public operations ----------------------------------------

    def _op_get(self, key: str, default: Any, version: int | None) -> Op[Any]:
        value = yield from self._get(self.make_key(key, version))
        return default if value is MISSING else value

    def _op_set(self, key: str, value: Any, timeout: Any, version: int | None) -> Op[None]:
        made = self.make_key(key, version)
        seconds = self.get_backend_timeout(timeout)
        if seconds is not None and seconds <= 0:
            yield from self._delete(made)
        else:
            yield from self._set(made, value, seconds)

    def _op_add(self, key: str, value: Any, timeout: Any, version: int | None) -> Op[bool]:
        made = self.make_key(key, version)
        seconds = self.get_backend_timeout(timeout)
        if seconds is not None and seconds <= 0:
            return False
        added = yield from self._add(made, value, seconds)
        return added

    def _op_delete(self, key: str, version: int | None) -> Op[bool]:
        deleted = yield from self._delete(self.make_key(key, version))
        return deleted

    def _op_touch(self, key: str, timeout: Any, version: int | None) -> Op[bool]:
        made = self.make_key(key, version)
        seconds = self.get_backend_timeout(timeout)
        if seconds is not None and seconds <= 0:
            deleted = yield from self._delete(made)
            return deleted
        touched = yield from self._touch(made, seconds)
        return touched

    def _op_incr(self, key: str, delta: int, version: int | None) -> Op[int]:
        if isinstance(delta, bool) or not isinstance(delta, int):
            raise TypeError(f"incr()/decr() take an int delta, not {delta!r}.")
        value = yield from self._incr(self.make_key(key, version), delta)
        return value

    def _op_get_many(self, keys: Iterable[str], version: int | None) -> Op[dict[str, Any]]:
        made = {self.make_key(key, version): key for key in keys}
        if not made:
            return {}
        found = yield from self._get_many(list(made))
        return {made[key]: value for key, value in found.items()}

    def _op_set_many(
        self, data: Mapping[str, Any], timeout: Any, version: int | None
    ) -> Op[list[str]]:
        made = {self.make_key(key, version): key for key in data}
        if not made:
            return []
        seconds = self.get_backend_timeout(timeout)
        if seconds is not None and seconds <= 0:
            yield from self._delete_many(list(made))
            return []
        items = {key: data[original] for key, original in made.items()}
        failed = yield from self._set_many(items, seconds)
        return [made[key] for key in failed]

    def _op_delete_many(self, keys: Iterable[str], version: int | None) -> Op[None]:
        made = [self.make_key(key, version) for key in keys]
        if made:
            yield from self._delete_many(made)

    def _op_has_key(self, key: str, version: int | None) -> Op[bool]:
        found = yield from self._has_key(self.make_key(key, version))
        return found

    def _op_get_or_set(self, key: str, default: Any, timeout: Any, version: int | None) -> Op[Any]:
        made = self.make_key(key, version)
        value = yield from self._get(made)
        if value is not MISSING:
            return value
        if callable(default):
            default = yield Compute(default)
        added = yield from self._op_add(key, default, timeout, version)
        if added:
            return default
        # Someone else stored a value first (or the cache refused it): theirs wins.
        value = yield from self._get(made)
        return default if value is MISSING else value

    def _op_incr_version(self, key: str, delta: int, version: int | None) -> Op[int]:
        old = self.version if version is None else version
        old_key = self.make_key(key, old)
        value = yield from self._get(old_key)
        if value is MISSING:
            raise ValueError(f"Key {key!r} is not in the cache (version {old}).")
        yield from self._set(self.make_key(key, old + delta), value, self.default_timeout)
        yield from self._delete(old_key)
        return old + delta

    def _op_clear(self) -> Op[None]:
        yield from self._clear()

    # -- drivers --------------------------------------------------------------------------

    def _perform(self, effect: Any) -> Any:
        """Run one effect of an op (sync)."""
        if isinstance(effect, Compute):
            value = effect.func()
            if inspect.isawaitable(value):
                close = getattr(value, "close", None)
                if close is not None:
                    close()
                raise TypeError(
                    "get_or_set() got an async default in sync code: use aget_or_set()."
                )
            return value
        raise NotImplementedError(f"{type(self).__name__} cannot perform {effect!r}")

    async def _aperform(self, effect: Any) -> Any:
        """Run one effect of an op (async)."""
        if isinstance(effect, Compute):
            value = effect.func()
            if inspect.isawaitable(value):
                value = await value
            return value
        raise NotImplementedError(f"{type(self).__name__} cannot perform {effect!r}")

    def _drive(self, op: Op[T]) -> T:
        perform = self._perform
        try:
            effect = next(op)
            while True:
                try:
                    result = perform(effect)
                except Exception as exc:
                    effect = op.throw(exc)
                else:
                    effect = op.send(result)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]

    async def _adrive(self, op: Op[T]) -> T:
        if self.blocking:
            return await self._adrive_in_thread(op)
        perform = self._aperform
        try:
            effect = next(op)
            while True:
                try:
                    result = await perform(effect)
                except Exception as exc:
                    effect = op.throw(exc)
                else:
                    effect = op.send(result)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]

    async def _adrive_in_thread(self, op: Op[T]) -> T:
        """Advance a blocking op in a worker thread; its effects run on the event loop."""
        done, value = await asyncio.to_thread(_step, op, None, None)
        while not done:
            try:
                result, error = await self._aperform(value), None
            except Exception as exc:
                result, error = None, exc
            done, value = await asyncio.to_thread(_step, op, result, error)
        return value  # type: ignore[no-any-return]

    # -- the public API: each sync method and its async twin drive the same op ------------

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        """Return the value cached under ``key``, or ``default``."""
        return self._drive(self._op_get(key, default, version))

    async def aget(self, key: str, default: Any = None, version: int | None = None) -> Any:
        return await self._adrive(self._op_get(key, default, version))

    def set(
        self,
        key: str,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        """Store ``value`` under ``key`` (replacing what was there)."""
        self._drive(self._op_set(key, value, timeout, version))

    async def aset(
        self,
        key: str,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> None:
        await self._adrive(self._op_set(key, value, timeout, version))

    def add(
        self,
        key: str,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        """Store ``value`` only if ``key`` is absent; return whether it was stored."""
        return self._drive(self._op_add(key, value, timeout, version))

    async def aadd(
        self,
        key: str,
        value: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> bool:
        return await self._adrive(self._op_add(key, value, timeout, version))

    def delete(self, key: str, version: int | None = None) -> bool:
        """Remove ``key``; return whether it was there."""
        return self._drive(self._op_delete(key, version))

    async def adelete(self, key: str, version: int | None = None) -> bool:
        return await self._adrive(self._op_delete(key, version))

    def get_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        """Return ``{key: value}`` for the ``keys`` that are cached."""
        return self._drive(self._op_get_many(keys, version))

    async def aget_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        return await self._adrive(self._op_get_many(keys, version))

    def set_many(
        self,
        data: Mapping[str, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[str]:
        """Store every item of ``data``; return the keys that could not be stored."""
        return self._drive(self._op_set_many(data, timeout, version))

    async def aset_many(
        self,
        data: Mapping[str, Any],
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> list[str]:
        return await self._adrive(self._op_set_many(data, timeout, version))

    def delete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        """Remove every key of ``keys``."""
        self._drive(self._op_delete_many(keys, version))

    async def adelete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        await self._adrive(self._op_delete_many(keys, version))

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        """Add ``delta`` to the int under ``key`` and return it; ``ValueError`` if absent."""
        return self._drive(self._op_incr(key, delta, version))

    async def aincr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        return await self._adrive(self._op_incr(key, delta, version))

    def decr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        """Subtract ``delta`` from the int under ``key`` and return it."""
        return self._drive(self._op_incr(key, -delta, version))

    async def adecr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        return await self._adrive(self._op_incr(key, -delta, version))

    def touch(
        self, key: str, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        """Give ``key`` a new timeout; return whether it was there."""
        return self._drive(self._op_touch(key, timeout, version))

    async def atouch(
        self, key: str, timeout: float | None = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return await self._adrive(self._op_touch(key, timeout, version))

    def has_key(self, key: str, version: int | None = None) -> bool:
        """Return whether ``key`` is cached."""
        return self._drive(self._op_has_key(key, version))

    async def ahas_key(self, key: str, version: int | None = None) -> bool:
        return await self._adrive(self._op_has_key(key, version))

    def get_or_set(
        self,
        key: str,
        default: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> Any:
        """Return the cached value, or store and return ``default`` (called if callable)."""
        return self._drive(self._op_get_or_set(key, default, timeout, version))

    async def aget_or_set(
        self,
        key: str,
        default: Any,
        timeout: float | None = DEFAULT_TIMEOUT,
        version: int | None = None,
    ) -> Any:
        """Like ``get_or_set``; ``default`` may also be an ``async def`` function."""
        return await self._adrive(self._op_get_or_set(key, default, timeout, version))

    def incr_version(self, key: str, delta: int = 1, version: int | None = None) -> int:
        """Move ``key`` to version ``version + delta``; return the new version."""
        return self._drive(self._op_incr_version(key, delta, version))

    async def aincr_version(self, key: str, delta: int = 1, version: int | None = None) -> int:
        return await self._adrive(self._op_incr_version(key, delta, version))

    def decr_version(self, key: str, delta: int = 1, version: int | None = None) -> int:
        """Move ``key`` to version ``version - delta``; return the new version."""
        return self._drive(self._op_incr_version(key, -delta, version))

    async def adecr_version(self, key: str, delta: int = 1, version: int | None = None) -> int:
        return await self._adrive(self._op_incr_version(key, -delta, version))

    def clear(self) -> None:
        """Remove everything from the cache (for Redis: the whole database of LOCATION)."""
        self._drive(self._op_clear())

    async def aclear(self) -> None:
        await self._adrive(self._op_clear())

    def __contains__(self, key: str) -> bool:
        return self.has_key(key)

    def close(self) -> None:
        """Release the backend's connections (sync pools)."""

    async def aclose(self) -> None:
        """Release the connections of the running event loop, then the sync ones."""
        self.close()
