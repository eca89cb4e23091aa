"""Class-based views: ``View`` dispatches on the HTTP method; ``RedirectView`` redirects.

``View.as_view()`` returns a plain function for the URLconf. When the handlers (``get``,
``post``, ...) are ``async def``, the function is ``async def`` too, so the ASGI layer adapts
it once, at start-up; mixing sync and async handlers in one class is an error.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from heron.conf import ImproperlyConfigured
from heron.http import (
    HttpResponse,
    HttpResponseGone,
    HttpResponseNotAllowed,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from heron.urls import reverse

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = ["View", "RedirectView"]

logger = logging.getLogger("heron.request")

ViewFunction = Callable[..., Any]
"""What ``as_view()`` returns: ``view(request, *args, **kwargs)``, sync or async."""


class View:
    """Dispatch a request to the method named after its HTTP verb (``get``, ``post``, ...).

    Keyword arguments of ``as_view()`` override class attributes on each instance. ``HEAD``
    falls back to ``get``; ``OPTIONS`` answers with the ``Allow`` header; any other method
    without a handler gets 405 Method Not Allowed.
    """

    http_method_names: ClassVar[list[str]] = [
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "options",
        "trace",
    ]

    request: HttpRequest
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    _is_async: bool | None = None  # set by as_view(), so each request skips the check

    def __init__(self, **kwargs: Any) -> None:
        for key, value in kwargs.items():
            setattr(self, key, value)

    @classmethod
    def view_is_async(cls) -> bool:
        """Return whether the handlers are ``async def``; raise if sync and async are mixed."""
        handlers = [
            getattr(cls, name)
            for name in cls.http_method_names
            if name != "options" and callable(getattr(cls, name, None))
        ]
        if getattr(cls, "options", View.options) is not View.options:
            handlers.append(cls.options)
        # A dispatch marked ``_heron_adaptive`` (access mixins) follows the handlers' colour.
        if cls.dispatch is not View.dispatch and not getattr(cls.dispatch, "_heron_adaptive", 0):
            handlers.append(cls.dispatch)
        kinds = {inspect.iscoroutinefunction(handler) for handler in handlers}
        if len(kinds) > 1:
            names = sorted(
                handler.__name__ for handler in handlers if inspect.iscoroutinefunction(handler)
            )
            raise ImproperlyConfigured(
                f"{cls.__qualname__} mixes async handlers ({', '.join(names)}) with sync "
                "ones. Make every handler of one view either 'def' or 'async def'."
            )
        return kinds == {True}

    @classmethod
    def as_view(cls, **initkwargs: Any) -> ViewFunction:
        """Return the view function for the URLconf; ``initkwargs`` override class attributes."""
        for key in initkwargs:
            if key in cls.http_method_names:
                raise TypeError(
                    f"The method name {key!r} is not accepted as a keyword argument to "
                    f"{cls.__name__}.as_view()."
                )
            if not hasattr(cls, key):
                raise TypeError(
                    f"{cls.__name__}.as_view() received an invalid keyword {key!r}. as_view "
                    "only accepts arguments that are already attributes of the class."
                )

        is_async = cls.view_is_async()
        view: ViewFunction
        if is_async:

            async def async_view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                self = cls(**initkwargs)
                self._is_async = True
                self.setup(request, *args, **kwargs)
                response = self.dispatch(request, *args, **kwargs)
                if inspect.isawaitable(response):
                    response = await response
                return response

            view = async_view
        else:

            def sync_view(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                self = cls(**initkwargs)
                self._is_async = False
                self.setup(request, *args, **kwargs)
                return self.dispatch(request, *args, **kwargs)

            view = sync_view

        view.__name__ = cls.__name__
        view.__qualname__ = cls.__qualname__
        view.__module__ = cls.__module__
        view.__doc__ = cls.__doc__
        # Attributes set on dispatch by decorators (e.g. csrf_exempt) apply to the view.
        vars(view).update(getattr(cls.dispatch, "__dict__", {}))
        vars(view).update(view_class=cls, view_initkwargs=initkwargs)
        return view

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        """Store the request and the URL arguments on the instance."""
        self.request = request
        self.args = args
        self.kwargs = kwargs

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        """Call the handler for ``request.method``, or ``http_method_not_allowed``."""
        method = request.method.lower()
        handler: Callable[..., Any] | None = None
        if method in self.http_method_names:
            handler = getattr(self, method, None)
            if handler is None and method == "head":
                handler = getattr(self, "get", None)
        if handler is None:
            handler = self.http_method_not_allowed
        return handler(request, *args, **kwargs)

    def http_method_not_allowed(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        """Answer 405 with an ``Allow`` header listing the implemented methods."""
        logger.warning(
            "Method Not Allowed (%s): %s",
            request.method,
            request.path,
            extra={"status_code": 405},
        )
        return self._maybe_async(HttpResponseNotAllowed(self.allowed_methods()))

    def options(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        """Answer ``OPTIONS`` with the ``Allow`` header and an empty body."""
        response = HttpResponse()
        response["Allow"] = ", ".join(self.allowed_methods())
        response["Content-Length"] = "0"
        return self._maybe_async(response)

    def allowed_methods(self) -> list[str]:
        """Return the upper-case HTTP methods this view answers."""
        names = [m for m in self.http_method_names if hasattr(self, m)]
        if "get" in names and "head" not in names and "head" in self.http_method_names:
            names.insert(names.index("get") + 1, "head")
        return [m.upper() for m in names]

    def _maybe_async(self, response: HttpResponseBase) -> Any:
        """Return ``response``, wrapped in a coroutine when the view is async."""
        is_async = self._is_async
        if is_async is None:
            is_async = self._is_async = type(self).view_is_async()
        if not is_async:
            return response

        async def immediate() -> HttpResponseBase:
            return response

        return immediate()


class RedirectView(View):
    """Redirect to ``url`` (``%(name)s`` placeholders take URL kwargs) or ``pattern_name``.

    ``permanent`` chooses 308/301-style permanent redirects; ``query_string`` appends the
    request's query string. With no target the answer is 410 Gone.
    """

    url: str | None = None
    pattern_name: str | None = None
    permanent: bool = False
    query_string: bool = False

    def get_redirect_url(self, *args: Any, **kwargs: Any) -> str | None:
        """Return the URL to redirect to, or None for 410 Gone."""
        if self.url:
            url = self.url % kwargs
        elif self.pattern_name:
            url = reverse(self.pattern_name, args=args or None, kwargs=kwargs or None)
        else:
            return None
        query = _query_string(self.request)
        if self.query_string and query:
            url = f"{url}{'&' if '?' in url else '?'}{query}"
        return url

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """Redirect, or answer 410 Gone when there is no target."""
        url = self.get_redirect_url(*args, **kwargs)
        if url is None:
            logger.warning("Gone: %s", request.path, extra={"status_code": 410})
            return HttpResponseGone()
        if self.permanent:
            return HttpResponsePermanentRedirect(url)
        return HttpResponseRedirect(url)

    def head(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.get(request, *args, **kwargs)

    def options(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.get(request, *args, **kwargs)

    def delete(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.get(request, *args, **kwargs)

    def put(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.get(request, *args, **kwargs)

    def patch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        return self.get(request, *args, **kwargs)


def _query_string(request: HttpRequest) -> str:
    raw = request.scope.get("query_string", b"")
    return raw.decode("latin-1") if isinstance(raw, bytes) else str(raw)
