"""The middleware protocol and the chain built once from ``MIDDLEWARE``.

A middleware is a class constructed with the next handler, ``get_response``, and called with
the request. Three styles are accepted:

``async def __call__(self, request)``
    Awaits ``self.get_response(request)``; runs on the event loop.
``def __call__(self, request)``
    A sync middleware; it runs in the thread pool, and ``self.get_response(request)`` inside it
    is a plain blocking call that hops back to the loop for the rest of the chain.
``HookMiddleware`` subclasses
    Define any of ``process_request``, ``process_view``, ``process_exception`` and
    ``process_response`` (plain or ``async def``). Plain hooks run inline on the event loop, so
    they must not block; this is the fastest style and the one the built-in middleware use.

Exceptions raised inside the chain become responses at the layer where they happen, so an
outer middleware always sees a response.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from heron._internal.imports import import_string
from heron.conf.exceptions import ImproperlyConfigured

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = [
    "AsyncHandler",
    "HookMiddleware",
    "Middleware",
    "MiddlewareNotUsed",
    "ViewHook",
    "build_chain",
    "load_middleware",
]

AsyncHandler = Callable[["HttpRequest"], Awaitable["HttpResponseBase"]]
ViewHook = Callable[..., Any]
ExceptionConverter = Callable[["HttpRequest", BaseException], Awaitable["HttpResponseBase"]]


class MiddlewareNotUsed(Exception):
    """Raise from a middleware's ``__init__`` to leave it out of the chain."""


@runtime_checkable
class Middleware(Protocol):
    """What ``MIDDLEWARE`` entries build: a callable wrapping the next handler."""

    def __call__(self, request: HttpRequest) -> Any: ...


class HookMiddleware:
    """Base class for middleware written as request/view/response/exception hooks.

    A middleware whose configuration makes a hook a no-op (say, no HTTPS redirect) lists it
    in ``unused_hooks`` from ``__init__``; the chain then never calls it.
    """

    unused_hooks: frozenset[str] = frozenset()

    def __init__(self, get_response: AsyncHandler) -> None:
        self.get_response = get_response


def _hook(mw: object, name: str) -> Callable[..., Any] | None:
    if name in getattr(mw, "unused_hooks", ()):
        return None
    method = getattr(mw, name, None)
    return method if callable(method) else None


async def _maybe_await(value: Any) -> Any:
    if inspect.isawaitable(value):
        return await value
    return value


def _wrap_hook_group(
    group: list[HookMiddleware], inner: AsyncHandler, convert: ExceptionConverter
) -> AsyncHandler:
    """Run consecutive hook middleware as one layer (outermost first in ``group``).

    A response returned by a ``process_request`` hook skips the inner middleware and the
    view; it then passes through the ``process_response`` hooks of that middleware and the
    ones outside it, as if each middleware had wrapped the next.
    """
    requests: list[tuple[int, Callable[..., Any], bool]] = []
    responses: list[tuple[int, Callable[..., Any], bool]] = []
    for index, mw in enumerate(group):
        hook = _hook(mw, "process_request")
        if hook is not None:
            requests.append((index, hook, inspect.iscoroutinefunction(hook)))
        hook = _hook(mw, "process_response")
        if hook is not None:
            responses.append((index, hook, inspect.iscoroutinefunction(hook)))
    responses.reverse()  # responses travel from the innermost middleware outwards
    everyone = len(group)

    async def layer(request: HttpRequest) -> HttpResponseBase:
        response: HttpResponseBase | None = None
        reached = everyone
        for index, hook, is_async in requests:
            try:
                response = await hook(request) if is_async else hook(request)
            except Exception as exc:
                response = await convert(request, exc)
            if response is not None:
                reached = index
                break
        if response is None:
            response = await inner(request)
        for index, hook, is_async in responses:
            if index > reached:
                continue
            try:
                response = await hook(request, response) if is_async else hook(request, response)
            except Exception as exc:
                response = await convert(request, exc)
        assert response is not None
        return response

    return layer


def _wrap_callable(mw: Any, convert: ExceptionConverter) -> AsyncHandler:
    call = mw.__call__
    if inspect.iscoroutinefunction(call):

        async def async_layer(request: HttpRequest) -> HttpResponseBase:
            try:
                response: HttpResponseBase = await mw(request)
            except Exception as exc:
                return await convert(request, exc)
            return response

        return async_layer

    from heron.asgi.threads import run_sync  # here: heron.asgi imports this module

    async def sync_layer(request: HttpRequest) -> HttpResponseBase:
        try:
            response: HttpResponseBase = await run_sync(mw, request)
        except Exception as exc:
            return await convert(request, exc)
        return response

    return sync_layer


def _sync_bridge(handler: AsyncHandler, loop_holder: list[asyncio.AbstractEventLoop]) -> Any:
    """Give a sync middleware a blocking ``get_response`` that runs the rest on the loop."""

    async def call(request: HttpRequest) -> HttpResponseBase:
        return await handler(request)

    def get_response(request: HttpRequest) -> HttpResponseBase:
        loop = loop_holder[0]
        return asyncio.run_coroutine_threadsafe(call(request), loop).result()

    return get_response


def load_middleware(paths: Sequence[str]) -> list[type[Any]]:
    """Import each ``MIDDLEWARE`` entry, with errors that name the entry."""
    classes: list[type[Any]] = []
    for path in paths:
        try:
            cls = import_string(path, setting="MIDDLEWARE")
        except ImportError as exc:
            raise ImproperlyConfigured(
                f"MIDDLEWARE entry {path!r} could not be imported: {exc}"
            ) from exc
        if not callable(cls):
            raise ImproperlyConfigured(f"MIDDLEWARE entry {path!r} is not a class or factory.")
        classes.append(cls)
    return classes


class Chain:
    """The built chain: the outermost handler, plus the view hooks the innermost layer runs."""

    def __init__(
        self,
        handler: AsyncHandler,
        view_hooks: list[ViewHook],
        exception_hooks: list[Callable[..., Any]],
    ) -> None:
        self.handler = handler
        self.view_hooks = view_hooks
        self.exception_hooks = exception_hooks


def build_chain(
    classes: Sequence[type[Any]],
    make_inner: Callable[[list[ViewHook], list[Callable[..., Any]]], AsyncHandler],
    convert: ExceptionConverter,
) -> Chain:
    """Instantiate middleware from the innermost outwards around the view handler.

    ``make_inner(view_hooks, exception_hooks)`` builds the innermost handler (resolve, run
    ``process_view`` hooks, call the view, run ``process_exception`` hooks on failure).
    """
    view_hooks: list[ViewHook] = []
    exception_hooks: list[Callable[..., Any]] = []
    loop_holder: list[asyncio.AbstractEventLoop] = []

    # The lists are filled below, once the middleware exist; the handler reads them per call.
    handler: AsyncHandler = make_inner(view_hooks, exception_hooks)
    instances: list[Any] = []
    pending: list[HookMiddleware] = []  # consecutive hook middleware, innermost first
    group_inner: AsyncHandler = handler
    for cls in reversed(classes):
        if isinstance(cls, type) and issubclass(cls, HookMiddleware):
            if not pending:
                group_inner = handler
            try:
                hook_mw = cls(group_inner)
            except MiddlewareNotUsed:
                continue
            pending.append(hook_mw)
            instances.append(hook_mw)
            continue
        if pending:
            handler = _wrap_hook_group(pending[::-1], group_inner, convert)
            pending = []
        is_sync_call = (
            isinstance(cls, type)
            and "__call__" in _own_attrs(cls)
            and not inspect.iscoroutinefunction(cls.__call__)
        )
        next_handler: Any = _sync_bridge(handler, loop_holder) if is_sync_call else handler
        try:
            mw = cls(next_handler)
        except MiddlewareNotUsed:
            continue
        instances.append(mw)
        handler = _wrap_callable(mw, convert)
    if pending:
        handler = _wrap_hook_group(pending[::-1], group_inner, convert)
    # Hooks run in MIDDLEWARE order for views, reverse order for exceptions.
    for mw in reversed(instances):
        hook = _hook(mw, "process_view")
        if hook is not None:
            view_hooks.append(hook)
    for mw in instances:
        hook = _hook(mw, "process_exception")
        if hook is not None:
            exception_hooks.append(hook)
    outer = handler

    if any(
        not isinstance(mw, HookMiddleware) and not inspect.iscoroutinefunction(mw.__call__)
        for mw in instances
    ):

        async def remember_loop(request: HttpRequest) -> HttpResponseBase:
            if not loop_holder:
                loop_holder.append(asyncio.get_running_loop())
            else:
                loop_holder[0] = asyncio.get_running_loop()
            return await outer(request)

        return Chain(remember_loop, view_hooks, exception_hooks)
    return Chain(outer, view_hooks, exception_hooks)


def _own_attrs(cls: type) -> set[str]:
    names: set[str] = set()
    for klass in cls.__mro__:
        if klass is object:
            continue
        names.update(vars(klass))
    return names


async def run_view_hooks(
    hooks: list[ViewHook],
    request: HttpRequest,
    view: Any,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> HttpResponseBase | None:
    """Run ``process_view`` hooks in order; the first response returned wins."""
    for hook in hooks:
        result = await _maybe_await(hook(request, view, args, kwargs))
        if result is not None:
            return result  # type: ignore[no-any-return]
    return None


async def run_exception_hooks(
    hooks: list[Callable[..., Any]], request: HttpRequest, exc: BaseException
) -> HttpResponseBase | None:
    """Run ``process_exception`` hooks; the first response returned wins."""
    for hook in hooks:
        result = await _maybe_await(hook(request, exc))
        if result is not None:
            return result  # type: ignore[no-any-return]
    return None
