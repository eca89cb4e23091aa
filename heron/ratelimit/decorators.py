"""``@ratelimit`` for views, and ``is_ratelimited`` / ``ais_ratelimited`` for any code."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from heron.conf import settings
from heron.http import HttpRequest

from .counter import Hit, ahit, hit
from .exceptions import Ratelimited
from .keys import Key, check_key, key_value
from .rates import Rate, parse_rate

__all__ = ["ALL", "UNSAFE", "ais_ratelimited", "is_ratelimited", "ratelimit"]

_F = TypeVar("_F", bound=Callable[..., Any])

#: ``method=ALL`` (the default) counts every request; ``UNSAFE`` only the ones that change.
ALL: tuple[str, ...] = ()
UNSAFE: tuple[str, ...] = ("POST", "PUT", "PATCH", "DELETE")

Methods = str | Iterable[str]


def _methods(method: Methods) -> frozenset[str]:
    if isinstance(method, str):
        return frozenset({method.upper()})
    return frozenset(m.upper() for m in method)


def _applies(request: HttpRequest, methods: frozenset[str]) -> bool:
    return settings.RATELIMIT_ENABLE and (not methods or request.method in methods)


def _counter_key(group: str, request: HttpRequest, key: Key) -> str:
    return f"{group}:{key_value(request, key)}"


async def _load_user(request: HttpRequest, key: Key) -> None:
    # Async views read the user through request.auser() (no blocking lazy load), when the
    # authentication middleware provides it.
    if key == "user":
        auser = getattr(request, "auser", None)
        if auser is not None:
            await auser()


def is_ratelimited(
    request: HttpRequest,
    group: str,
    key: Key,
    rate: str | Rate,
    *,
    method: Methods = ALL,
    increment: bool = True,
) -> bool:
    """Count this request in ``group`` by ``key`` and return whether it is over ``rate``.

    ``increment=False`` only checks whether the next request would be over the limit.
    """
    return _limited(request, group, key, rate, method, increment) is not None


async def ais_ratelimited(
    request: HttpRequest,
    group: str,
    key: Key,
    rate: str | Rate,
    *,
    method: Methods = ALL,
    increment: bool = True,
) -> bool:
    """The async twin of ``is_ratelimited``."""
    return await _alimited(request, group, key, rate, method, increment) is not None


def _limited(
    request: HttpRequest, group: str, key: Key, rate: str | Rate, method: Methods, increment: bool
) -> Hit | None:
    if not _applies(request, _methods(method)):
        return None
    result = hit(_counter_key(group, request, key), rate, increment=increment)
    return None if result.allowed else result


async def _alimited(
    request: HttpRequest, group: str, key: Key, rate: str | Rate, method: Methods, increment: bool
) -> Hit | None:
    if not _applies(request, _methods(method)):
        return None
    await _load_user(request, key)
    result = await ahit(_counter_key(group, request, key), rate, increment=increment)
    return None if result.allowed else result


def ratelimit(
    rate: str | Rate,
    *,
    key: Key = "ip",
    method: Methods = ALL,
    group: str | None = None,
    block: bool = True,
) -> Callable[[_F], _F]:
    """Limit a view (``def`` or ``async def``) to ``rate`` requests per client.

    ``key`` says what a client is (see ``heron.ratelimit.keys``); ``method`` which requests
    count (default all; e.g. ``"POST"`` or ``UNSAFE``); ``group`` which views share a
    counter (default: this view alone). Over the limit the view is not called and
    ``Ratelimited`` becomes a 429 answer with ``Retry-After``; with ``block=False`` the view
    runs with ``request.limited = True`` and decides itself.
    """
    parsed = parse_rate(rate)  # a bad rate fails at import time, not on a request
    check_key(key)
    methods = _methods(method)

    def decorator(view: _F) -> _F:
        name = group or f"{view.__module__}.{view.__qualname__}"

        def over(request: HttpRequest, limited: Hit | None) -> None:
            request.limited = limited is not None or getattr(  # type: ignore[attr-defined]
                request, "limited", False
            )
            if limited is not None and block:
                raise Ratelimited(retry_after=limited.retry_after)

        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_inner(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                over(request, await _alimited(request, name, key, parsed, methods, True))
                return await view(request, *args, **kwargs)

            return async_inner  # type: ignore[return-value]

        @functools.wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            over(request, _limited(request, name, key, parsed, methods, True))
            return view(request, *args, **kwargs)

        return inner  # type: ignore[return-value]

    return decorator
