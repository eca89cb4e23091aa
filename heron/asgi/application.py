"""The ASGI application: lifespan, then request -> middleware -> resolver -> view -> response.

Everything that can be decided at start-up is decided in ``Application.build()``: the request
limits, the URL resolver (with each view adapted once to a coroutine), and the middleware
chain. A request to a plain view does no settings lookups and no thread hop for async views.
When settings change (``override_settings`` in tests) the application rebuilds itself before
the next request.
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import weakref
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote_to_bytes

from heron.apps.bootstrap import setup
from heron.conf.settings import on_change, settings
from heron.core import lifecycle
from heron.core.extensions import asgi_mounts
from heron.core.threads import configure_executor, is_async_callable, shutdown_executor, to_async
from heron.http import HttpRequest, HttpResponse, HttpResponseBase
from heron.http.body import read_body
from heron.http.config import RequestConfig
from heron.http.exceptions import BadRequest, ClientDisconnected, HttpError
from heron.middleware.base import (
    AsyncHandler,
    HookGroup,
    ViewHook,
    build_chain,
    load_middleware,
    run_exception_hooks,
    run_view_hooks,
)
from heron.urls import get_resolver

from .errors import response_for_exception
from .health import probes
from .types import Receive, Scope, Send

__all__ = ["Application", "get_application"]

logger = logging.getLogger("heron.asgi")

_new_object = object.__new__


def _view_adapter(current: Any) -> Callable[[Callable[..., Any]], Any]:
    """``to_async``, wrapping views in ``atomic()`` for aliases with ``ATOMIC_REQUESTS``."""
    databases = getattr(current, "DATABASES", None) or {}
    aliases = [alias for alias, conf in databases.items() if conf.get("ATOMIC_REQUESTS")]
    if not aliases:
        return to_async
    # Here, not at the top: only sites with ATOMIC_REQUESTS load the ORM with the app.
    from heron.db.transaction import atomic_request_aliases, make_atomic_view

    def adapt(view: Callable[..., Any]) -> Any:
        chosen = atomic_request_aliases(view, aliases)
        if chosen and is_async_callable(view) and not inspect.iscoroutinefunction(view):
            original = view

            async def view(*args: Any, **kwargs: Any) -> Any:  # a partial or an async __call__
                return await original(*args, **kwargs)

        return to_async(make_atomic_view(view, chosen))

    return adapt


class Application:
    """A Heron site as an ASGI 3 callable."""

    def __init__(self) -> None:
        self._stale = True
        self.debug = False
        self._config: RequestConfig | None = None
        self._handler: AsyncHandler | None = None
        self.build()
        ref = weakref.ref(self)

        def mark_stale(names: set[str]) -> None:
            app = ref()
            if app is not None:
                app._stale = True

        on_change(mark_stale)

    def build(self) -> None:
        """(Re)build the resolver, middleware chain and request limits from settings."""
        current = settings._setup_required()
        self.debug = bool(current.DEBUG)
        configure_executor(int(current.SYNC_VIEW_THREADS))
        self._config = RequestConfig.from_settings(current)
        resolver = get_resolver()
        resolver.adapt_views(_view_adapter(current))
        classes = load_middleware(current.MIDDLEWARE)
        chain = build_chain(classes, self._make_inner, self._convert)
        self._handler = chain.handler
        # Prefix handlers that installed apps mount in front of everything (static files).
        self._mounts = tuple(m for m in (f(current) for f in asgi_mounts) if m is not None)
        self._probes = probes(current)
        self._stale = False

    def _make_inner(
        self,
        view_hooks: list[ViewHook],
        exception_hooks: list[Callable[..., Any]],
        hooks: HookGroup,
    ) -> AsyncHandler:
        resolver = get_resolver()
        static_handler = resolver.static_handlers.get
        convert = self._convert
        # Filled by build_chain() once the middleware exist: the hook middleware next to the
        # view, run here rather than in a layer of their own (one coroutine fewer).
        requests = hooks.requests
        responses = hooks.responses

        async def handle_view(request: HttpRequest) -> HttpResponseBase:
            # The request hooks, as in heron.middleware.base._wrap_hook_group.
            response: HttpResponseBase | None = None
            reached = hooks.size
            for index, hook, is_async in requests:
                try:
                    response = await hook(request) if is_async else hook(request)
                except Exception as exc:
                    response = await convert(request, exc)
                if response is not None:
                    reached = index
                    break
            if response is None:
                try:
                    early_error = request._early_error
                    if early_error is not None:  # a malformed path or body, found earlier
                        raise early_error
                    found = static_handler(request.path_info)
                    if found is None:
                        match = resolver.resolve(request.path_info)
                        handler = match.handler
                    else:
                        match, handler = found
                    request.resolver_match = match
                    if view_hooks:
                        answer = run_view_hooks(
                            view_hooks, request, match.func, match.args, match.kwargs
                        )
                        if answer is None or isinstance(answer, HttpResponseBase):
                            response = answer
                        else:
                            response = await answer
                    if response is None:
                        if found is None:
                            result = await handler(request, *match.args, **match.kwargs)
                        else:
                            # A static route: no captured arguments (``kwargs`` holds the
                            # path() extras, if any).
                            kwargs = match.kwargs
                            result = await (
                                handler(request, **kwargs) if kwargs else handler(request)
                            )
                        if not isinstance(result, HttpResponseBase):
                            view = getattr(match.func, "__qualname__", repr(match.func))
                            module = getattr(match.func, "__module__", "")
                            raise TypeError(
                                f"The view {module}.{view} did not return an HttpResponse; it "
                                f"returned {type(result).__name__}. Return a response, e.g. "
                                "HttpResponse(...) or render(request, ...)."
                            )
                        if not result._is_rendered:
                            # A TemplateResponse: render it now, before the middleware's
                            # response hooks, in the thread pool for a sync view (its
                            # template may query).
                            finish = result.render_after_view  # type: ignore[attr-defined]
                            result = await finish(is_async_callable(match.func))
                        response = result
                except Exception as exc:
                    if exception_hooks:
                        response = await run_exception_hooks(exception_hooks, request, exc)
                    if response is None:
                        response = await convert(request, exc)
            # The response hooks, innermost first, only of the middleware the request reached.
            for index, hook, is_async, statuses in responses:
                if index > reached or (
                    statuses is not None and response.status_code not in statuses
                ):
                    continue
                try:
                    response = (
                        await hook(request, response) if is_async else hook(request, response)
                    )
                except Exception as exc:
                    response = await convert(request, exc)
            return response

        return handle_view

    async def _convert(self, request: HttpRequest, exc: BaseException) -> HttpResponseBase:
        return response_for_exception(request, exc, debug=self.debug)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._other_scope(scope, receive, send)
            return
        if self._stale:
            self.build()
        for mount in self._mounts:
            if scope["path"].startswith(mount.prefix):
                await mount(scope, receive, send)
                return
        probes = self._probes
        if probes is not None:
            probe = probes.get(scope["path"])
            if probe is not None:
                await probe(scope, receive, send)
                return
        config = self._config
        handler = self._handler
        assert config is not None and handler is not None
        # One pass over the headers: does a body follow (most GETs: no, skip reading), and
        # the Host header. ASGI servers lower-case header names, so plain comparisons do.
        raw_host: bytes | None = None
        announces_body = False
        for name, value in scope["headers"]:
            if name == b"host":
                raw_host = value if raw_host is None else b""  # repeated: get_host() decides
            elif name == b"content-length" or name == b"transfer-encoding":
                announces_body = True
        if announces_body:
            try:
                body = await read_body(scope, receive, config)
            except ClientDisconnected:
                return
            except HttpError as exc:
                # Answered through the middleware like any error (security headers etc.).
                request = HttpRequest(scope, b"", config)
                request._early_error = exc
            else:
                request = HttpRequest(scope, body, config)
        else:
            # HttpRequest(scope, b"", config), minus the cost of calling a class.
            request = _new_object(HttpRequest)
            request.__init__(scope, b"", config)  # type: ignore[misc]
        if raw_host and not config.trusted_proxies:
            # A Host already validated by an earlier request: what get_host() would return.
            request._host = config.allowed_host_cache.get(raw_host)
        raw_path = scope.get("raw_path")
        try:
            try:
                # find(), not ``in``: bytes.__contains__ first tries the operand as an int,
                # raising and discarding a TypeError on every request.
                if raw_path and raw_path.find(b"%") >= 0:
                    _check_path_encoding(raw_path)
            except BadRequest as exc:
                request._early_error = exc
            try:
                response = await handler(request)
            except asyncio.CancelledError:
                # The server gave up waiting (its graceful-shutdown timeout passed): tell the
                # client to come back, instead of a 500 and a CancelledError traceback.
                response = _shutdown_response()
            if response._plain_asgi:
                # An HttpResponse that neither sends nor closes in its own way: its
                # send_asgi() without the coroutine, and close() only if there is work.
                try:
                    start, body_message = response._asgi_messages(request)  # type: ignore[attr-defined]
                    await send(start)
                    await send(body_message)
                finally:
                    if response.closing:
                        response.close()
            else:
                try:
                    await response.send_asgi(send, request)
                finally:
                    response.close()
        finally:
            if request._body.__class__ is not bytes or "FILES" in request.__dict__:
                request.close()  # uploads or a spooled body to release

    async def _other_scope(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind == "lifespan":
            await self.handle_lifespan(scope, receive, send)
        elif kind == "websocket":
            await send({"type": "websocket.close", "code": 1000})
        else:
            raise ValueError(f"Heron cannot handle ASGI scope type {kind!r}.")

    async def handle_lifespan(self, scope: Scope, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                try:
                    await lifecycle.run_hooks(lifecycle.startup_hooks)
                except Exception as exc:
                    logger.exception("A start-up hook failed")
                    await send({"type": "lifespan.startup.failed", "message": repr(exc)})
                    return
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                try:
                    await lifecycle.run_hooks(list(reversed(lifecycle.shutdown_hooks)))
                    shutdown_executor()
                except Exception as exc:
                    logger.exception("A shutdown hook failed")
                    await send({"type": "lifespan.shutdown.failed", "message": repr(exc)})
                    return
                await send({"type": "lifespan.shutdown.complete"})
                return


def _shutdown_response() -> HttpResponseBase:
    task = asyncio.current_task()
    if task is not None:
        task.uncancel()
    response = HttpResponse(
        b"The server is restarting. Please try again in a moment.",
        status=503,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = "1"
    response["Connection"] = "close"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _check_path_encoding(raw_path: bytes) -> None:
    """Reject paths with malformed percent-escapes or escapes that are not UTF-8."""
    index = raw_path.find(b"%")
    while index != -1:
        escape = raw_path[index + 1 : index + 3]
        if len(escape) != 2 or not all(c in b"0123456789abcdefABCDEF" for c in escape):
            raise BadRequest(
                f"The URL path has a malformed percent-escape near {raw_path[index : index + 3]!r}."
            )
        index = raw_path.find(b"%", index + 3)
    try:
        unquote_to_bytes(raw_path).decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest("The URL path is not valid UTF-8 once percent-decoded.") from None


def get_application(settings_module: str | None = None) -> Application:
    """Set Heron up (settings, apps) and return the ASGI application.

    Use it in ``asgi.py`` (``application = get_application()``) or as a uvicorn factory
    (``uvicorn heron.asgi:get_application --factory``).
    """
    setup(settings_module)
    return Application()
