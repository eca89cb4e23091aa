"""View decorators: restrict HTTP methods, answer conditional requests, mark views exempt
from CSRF checks. (``condition``, ``etag`` and ``last_modified`` live in ``.conditional``.)

Each decorator works on ``def`` and ``async def`` views alike and keeps the colour: the
wrapper of a coroutine function is itself a coroutine function, so the ASGI layer still
sees an async view.
"""

from __future__ import annotations

import functools
import inspect
import logging
from collections.abc import Callable, Coroutine, Iterable
from typing import Any, Concatenate, ParamSpec, TypeVar, cast, overload

from heron.http import HttpRequest, HttpResponseNotAllowed

from .conditional import condition as condition
from .conditional import etag as etag
from .conditional import last_modified as last_modified

__all__ = [
    "condition",
    "csrf_exempt",
    "etag",
    "last_modified",
    "require_GET",
    "require_POST",
    "require_http_methods",
    "require_safe",
]

logger = logging.getLogger("heron.request")

_P = ParamSpec("_P")
_R = TypeVar("_R")
_Req = TypeVar("_Req", bound=HttpRequest)
_F = TypeVar("_F", bound=Callable[..., Any])


class require_http_methods:
    """Answer 405 (with ``Allow``) unless the request method is one of ``methods``.

    ``@require_http_methods(["GET", "POST"])`` above a view; method names are matched
    case-insensitively.
    """

    def __init__(self, methods: Iterable[str]) -> None:
        if isinstance(methods, str):
            raise TypeError(
                "require_http_methods() takes a list of methods, e.g. "
                f"require_http_methods([{methods!r}])."
            )
        self.methods: tuple[str, ...] = tuple(m.upper() for m in methods)

    # @require_http_methods([...]) on an ``async def`` view.
    @overload
    def __call__(
        self, view: Callable[Concatenate[_Req, _P], Coroutine[Any, Any, _R]]
    ) -> Callable[Concatenate[_Req, _P], Coroutine[Any, Any, _R | HttpResponseNotAllowed]]: ...
    # @require_http_methods([...]) on a plain ``def`` view.
    @overload
    def __call__(
        self, view: Callable[Concatenate[_Req, _P], _R]
    ) -> Callable[Concatenate[_Req, _P], _R | HttpResponseNotAllowed]: ...
    def __call__(self, view: Callable[..., Any]) -> Callable[..., Any]:
        methods = self.methods

        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_inner(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                if request.method not in methods:
                    return _not_allowed(request, methods)
                return await view(request, *args, **kwargs)

            return async_inner

        @functools.wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if request.method not in methods:
                return _not_allowed(request, methods)
            return view(request, *args, **kwargs)

        return inner

    def __repr__(self) -> str:
        return f"require_http_methods({list(self.methods)!r})"


def _not_allowed(request: HttpRequest, methods: tuple[str, ...]) -> HttpResponseNotAllowed:
    logger.warning(
        "Method Not Allowed (%s): %s", request.method, request.path, extra={"status_code": 405}
    )
    return HttpResponseNotAllowed(methods)


require_GET = require_http_methods(["GET"])
"""Allow only GET."""

require_POST = require_http_methods(["POST"])
"""Allow only POST."""

require_safe = require_http_methods(["GET", "HEAD"])
"""Allow only the safe methods GET and HEAD."""


def csrf_exempt(view: _F) -> _F:
    """Mark ``view`` as exempt from the CSRF check (sets ``view.csrf_exempt = True``)."""
    view.csrf_exempt = True  # type: ignore[attr-defined]
    return view


def xframe_options_exempt(view: _F) -> _F:
    """Let this view's pages be shown in frames on other sites (no ``X-Frame-Options``).

    The view keeps its colour: a coroutine function stays one.
    """
    if inspect.iscoroutinefunction(view):

        @functools.wraps(view)
        async def async_exempt(*args: Any, **kwargs: Any) -> Any:
            response = await view(*args, **kwargs)
            response.xframe_options_exempt = True
            return response

        return cast(_F, async_exempt)

    @functools.wraps(view)
    def exempt(*args: Any, **kwargs: Any) -> Any:
        response = view(*args, **kwargs)
        response.xframe_options_exempt = True
        return response

    return cast(_F, exempt)
