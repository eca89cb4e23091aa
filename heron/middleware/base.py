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
from heron.core.exceptions import HeronError
from heron.core.threads import run_sync

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = [
    "AsyncHandler",
    "HookGroup",
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


class MiddlewareNotUsed(HeronError):
    """Raise from a middleware's ``__init__`` to leave it out of the chain."""


@runtime_checkable
class Middleware(Protocol):
    """What ``MIDDLEWARE`` entries build: a callable wrapping the next handler."""

    def __call__(self, request: HttpRequest) -> Any: ...


class HookMiddleware:
    """Base class for middleware written as request/view/response/exception hooks.

    A middleware whose configuration makes a hook a no-op (say, no HTTPS redirect) lists it
    in ``unused_hooks`` from ``__init__``; the chain then never calls it. One whose
    ``process_response`` only acts on some status codes (say, 404) lists them in
    ``response_statuses``; the chain then calls it only for responses with those codes.
    """

    unused_hooks: frozenset[str] = frozenset()
    response_statuses: frozenset[int] | None = None

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


RequestHook = tuple[int, Callable[..., Any], bool]  # (index in group, hook, is async)
ResponseHook = tuple[int, Callable[..., Any], bool, frozenset[int] | None]  # + statuses


class HookGroup:
    """The hooks of consecutive hook middleware, run as one layer.

    ``requests`` in MIDDLEWARE order, ``responses`` innermost first; each entry carries the
    middleware's index in the group (``size`` middleware), so that a response returned by
    a ``process_request`` hook passes only through the response hooks of that middleware
    and the ones outside it. The innermost group is run by the view handler itself (see
    ``build_chain``), one coroutine fewer per request.
    """

    def __init__(self) -> None:
        self.requests: list[RequestHook] = []
        self.responses: list[ResponseHook] = []
        self.size = 0

    def fill(self, group: Sequence[HookMiddleware]) -> None:
        """Collect the hooks of ``group`` (outermost first)."""
        for index, mw in enumerate(group):
            hook = _hook(mw, "process_request")
            if hook is not None:
                self.requests.append((index, hook, inspect.iscoroutinefunction(hook)))
            hook = _hook(mw, "process_response")
            if hook is not None:
                statuses = mw.response_statuses
                self.responses.append(
                    (
                        index,
                        hook,
                        inspect.iscoroutinefunction(hook),
                        None if statuses is None else frozenset(statuses),
                    )
                )
        self.responses.reverse()  # responses travel from the innermost middleware outwards
        self.size = len(group)


def _wrap_hook_group(
    group: list[HookMiddleware], inner: AsyncHandler, convert: ExceptionConverter
) -> AsyncHandler:
    """Run consecutive hook middleware as one layer (outermost first in ``group``).

    A response returned by a ``process_request`` hook skips the inner middleware and the
    view; it then passes through the ``process_response`` hooks of that middleware and the
    ones outside it, as if each middleware had wrapped the next.
    """
    hooks = HookGroup()
    hooks.fill(group)
    requests = hooks.requests
    responses = hooks.responses
    everyone = hooks.size

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
        for index, hook, is_async, statuses in responses:
            if index > reached or (statuses is not None and response.status_code not in statuses):
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
    make_inner: Callable[[list[ViewHook], list[Callable[..., Any]], HookGroup], AsyncHandler],
    convert: ExceptionConverter,
) -> Chain:
    """Instantiate middleware from the innermost outwards around the view handler.

    ``make_inner(view_hooks, exception_hooks, hooks)`` builds the innermost handler: run
    the request hooks of ``hooks`` (a ``HookGroup``: the hook middleware just outside the
    view, if any), resolve, run ``process_view`` hooks, call the view, run
    ``process_exception`` hooks on failure, then the response hooks of ``hooks``.
    """
    view_hooks: list[ViewHook] = []
    exception_hooks: list[Callable[..., Any]] = []
    loop_holder: list[asyncio.AbstractEventLoop] = []

    # The lists are filled below, once the middleware exist; the handler reads them per call.
    # ``view_only`` is what the innermost middleware get as ``get_response``: the view
    # without their own hooks; ``handler`` runs those hooks too.
    view_only: AsyncHandler = make_inner(view_hooks, exception_hooks, HookGroup())
    innermost = HookGroup()
    handler: AsyncHandler = make_inner(view_hooks, exception_hooks, innermost)
    innermost_open = True  # still collecting the hook middleware next to the view
    instances: list[Any] = []
    pending: list[HookMiddleware] = []  # consecutive hook middleware, innermost first
    group_inner: AsyncHandler = view_only
    for cls in reversed(classes):
        if isinstance(cls, type) and issubclass(cls, HookMiddleware):
            if not pending:
                group_inner = view_only if innermost_open else handler
            try:
                hook_mw = cls(group_inner)
            except MiddlewareNotUsed:
                continue
            pending.append(hook_mw)
            instances.append(hook_mw)
            continue
        if innermost_open:
            innermost_open = False
            innermost.fill(pending[::-1])
            pending = []
        elif pending:
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
    if innermost_open:
        innermost.fill(pending[::-1])
    elif pending:
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


def run_view_hooks(
    hooks: Sequence[ViewHook],
    request: HttpRequest,
    view: Any,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> HttpResponseBase | Awaitable[HttpResponseBase | None] | None:
    """Run ``process_view`` hooks in order; the first response returned wins.

    This runs on every request when any middleware has a ``process_view``, so plain hooks
    that let the request through cost no coroutine: the answer is a response or None, and
    an awaitable (to await for the answer) only once some hook returned one.
    """
    for index, hook in enumerate(hooks):
        result = hook(request, view, args, kwargs)
        if result is not None:
            if inspect.isawaitable(result):
                return _finish_view_hooks(result, hooks[index + 1 :], request, view, args, kwargs)
            return result  # type: ignore[no-any-return]
    return None


async def _finish_view_hooks(
    pending: Awaitable[Any],
    rest: Sequence[ViewHook],
    request: HttpRequest,
    view: Any,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
) -> HttpResponseBase | None:
    """The rest of ``run_view_hooks`` once a hook answered with an awaitable."""
    result = await pending
    for hook in rest:
        if result is not None:
            break
        result = hook(request, view, args, kwargs)
        if result is not None and inspect.isawaitable(result):
            result = await result
    return result  # type: ignore[no-any-return]


async def run_exception_hooks(
    hooks: list[Callable[..., Any]], request: HttpRequest, exc: BaseException
) -> HttpResponseBase | None:
    """Run ``process_exception`` hooks; the first response returned wins."""
    for hook in hooks:
        result = await _maybe_await(hook(request, exc))
        if result is not None:
            return result  # type: ignore[no-any-return]
    return None
