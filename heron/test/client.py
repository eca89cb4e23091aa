"""In-process test clients: ``AsyncClient`` awaits the ASGI app directly; ``Client`` wraps it.

No sockets and no server: a request is an ASGI call in the test's own context, so it sees
the test's settings overrides (and, with the ORM, the test's open transaction).
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from heron.conf import settings
from heron.core.exceptions import HeronError
from heron.http import HttpRequest
from heron.http.config import RequestConfig

from .cookies import CookieJar
from .requests import DataArg, build_request
from .response import ClientResponse
from .signin import SignInMixin

if TYPE_CHECKING:
    from heron.asgi.types import ASGIApp, Message

__all__ = ["AsyncClient", "Client", "RequestFactory"]

_REDIRECTS = (301, 302, 303, 307, 308)
_MAX_REDIRECTS = 20

# Templates rendered during the current request (set by the client around each call).
_captures: contextvars.ContextVar[list[tuple[str, dict[str, Any]]] | None] = contextvars.ContextVar(
    "heron_test_captures", default=None
)
_listening = False


def _capture(template_name: str, context: Mapping[str, Any]) -> None:
    captured = _captures.get()
    if captured is not None:
        captured.append((template_name, dict(context)))


def _listen_for_templates() -> None:
    global _listening
    if not _listening:
        # lazy: heron.test loads with the pytest plugin in every run; this loads on first use
        from heron.templates import signals

        signals.connect(_capture)
        _listening = True


_default_application: ASGIApp | None = None


def _default_app() -> ASGIApp:
    # One application per process: it rebuilds itself whenever settings change.
    global _default_application
    if _default_application is None:
        # lazy: heron.test loads with the pytest plugin in every run; this loads on first use
        from heron.asgi import get_application

        _default_application = get_application()
    return _default_application


class _BaseClient(SignInMixin):
    def __init__(
        self,
        app: ASGIApp | None = None,
        *,
        enforce_csrf_checks: bool = False,
        headers: Mapping[str, str] | None = None,
        raise_request_exception: bool = False,
        secure: bool = False,
        host: str = "testserver",
    ) -> None:
        self._app = app
        self.enforce_csrf_checks = enforce_csrf_checks
        self.default_headers = dict(headers or {})
        self.raise_request_exception = raise_request_exception
        self.secure = secure
        self.host = host
        self.cookies = CookieJar()

    @property
    def app(self) -> ASGIApp:
        if self._app is None:
            self._app = _default_app()
        return self._app

    @property
    def session(self) -> Any:
        """The session of this client's session cookie (the sessions app's ``SESSION_ENGINE``).

        Change it and call ``save()`` (``await asave()`` in async tests); the cookie jar then
        holds its key, so the next request sees the change. Without a cookie it is a new
        session, which gets its key when saved.
        """
        import importlib

        # By name from the setting: the test client must not depend on a contrib app.
        store: Any = importlib.import_module(settings.SESSION_ENGINE).SessionStore
        jar = self.cookies
        name = str(settings.SESSION_COOKIE_NAME)

        class ClientSession(store):  # type: ignore[misc]
            def save(self, must_create: bool = False) -> None:
                super().save(must_create)
                jar[name] = self.session_key

            async def asave(self, must_create: bool = False) -> None:
                await super().asave(must_create)
                jar[name] = self.session_key

        return ClientSession(jar.get(name))

    def _spec(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {**self.default_headers, **(kwargs.pop("headers", None) or {})}
        spec = build_request(
            method,
            path,
            headers=headers,
            cookies=dict(self.cookies),
            secure=kwargs.pop("secure", self.secure),
            host=self.host,
            **kwargs,
        )
        spec.scope["heron.test_client"] = True
        if not self.enforce_csrf_checks:
            spec.scope["heron.skip_csrf"] = True
        return spec

    async def _call(self, method: str, path: str, **kwargs: Any) -> ClientResponse:
        _listen_for_templates()
        spec = self._spec(method, path, **kwargs)
        captured: list[tuple[str, dict[str, Any]]] = []
        token = _captures.set(captured)
        status = 500
        raw_headers: list[tuple[bytes, bytes]] = []
        chunks: list[bytes] = []
        sent_body = False
        finished = asyncio.Event()

        async def receive() -> Message:
            nonlocal sent_body
            if not sent_body:
                sent_body = True
                return {"type": "http.request", "body": spec.body, "more_body": False}
            await finished.wait()  # like a browser, stay connected until the response ends
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            nonlocal status, raw_headers
            if message["type"] == "http.response.start":
                status = message["status"]
                raw_headers = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False):
                    finished.set()

        try:
            await self.app(spec.scope, receive, send)
        finally:
            _captures.reset(token)
        response = ClientResponse(status, raw_headers, b"".join(chunks), spec.scope)
        response.templates = [name for name, _ in captured]
        response.contexts = [context for _, context in captured]
        self.cookies.update_from(response.headers.getlist("set-cookie"))
        return response

    async def _request(
        self, method: str, path: str, *, follow: bool = False, **kwargs: Any
    ) -> ClientResponse:
        response = await self._call(method, path, **kwargs)
        if not follow:
            return response
        chain: list[tuple[str, int]] = []
        current = path
        while response.status_code in _REDIRECTS and response.url:
            target = urljoin(current, response.url)
            chain.append((response.url, response.status_code))
            if len(chain) > _MAX_REDIRECTS or (target, response.status_code) in chain[:-1]:
                raise RedirectCycleError("The redirects loop or exceed 20 hops.", chain)
            parts = urlsplit(target)
            relative = parts.path + (f"?{parts.query}" if parts.query else "")
            if response.status_code in (307, 308):
                response = await self._call(method, relative, **kwargs)
            else:
                headers = kwargs.get("headers")
                response = await self._call("GET", relative, headers=headers)
            current = target
        response.redirect_chain = chain
        return response


class RedirectCycleError(HeronError):
    """Following redirects went round in a circle or too far."""

    def __init__(self, message: str, chain: list[tuple[str, int]]) -> None:
        super().__init__(message)
        self.redirect_chain = chain


class AsyncClient(_BaseClient):
    """Await requests against the application: ``response = await client.get("/")``."""

    async def get(self, path: str, data: DataArg = None, **kwargs: Any) -> ClientResponse:
        return await self._request("GET", path, data=data, **kwargs)

    async def head(self, path: str, data: DataArg = None, **kwargs: Any) -> ClientResponse:
        return await self._request("HEAD", path, data=data, **kwargs)

    async def options(self, path: str, data: DataArg = None, **kwargs: Any) -> ClientResponse:
        return await self._request("OPTIONS", path, data=data, **kwargs)

    async def post(self, path: str, data: DataArg = None, **kwargs: Any) -> ClientResponse:
        return await self._request("POST", path, data=data, **kwargs)

    async def put(self, path: str, data: DataArg = None, **kwargs: Any) -> ClientResponse:
        return await self._request("PUT", path, data=data, **kwargs)

    async def patch(self, path: str, data: DataArg = None, **kwargs: Any) -> ClientResponse:
        return await self._request("PATCH", path, data=data, **kwargs)

    async def delete(self, path: str, data: DataArg = None, **kwargs: Any) -> ClientResponse:
        return await self._request("DELETE", path, data=data, **kwargs)

    async def generic(self, method: str, path: str, **kwargs: Any) -> ClientResponse:
        return await self._request(method, path, **kwargs)


_runner_var: contextvars.ContextVar[asyncio.Runner | None] = contextvars.ContextVar(
    "heron_test_runner", default=None
)
_shared_runner: asyncio.Runner | None = None


def run_in_loop(factory: Callable[[], Awaitable[Any]]) -> Any:
    """Run a coroutine on the test clients' shared event loop, in the caller's context."""
    global _shared_runner
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        pass
    else:
        raise RuntimeError(
            "The sync test Client was used inside a running event loop (an async test?). "
            "Use AsyncClient there and await its methods."
        )
    if _shared_runner is None:
        _shared_runner = asyncio.Runner()
    context = contextvars.copy_context()
    return _shared_runner.run(factory(), context=context)  # type: ignore[arg-type]


def close_shared_loop() -> None:
    """Close the event loop shared by sync clients (the pytest plugin calls this at exit)."""
    global _shared_runner
    if _shared_runner is not None:
        import sys

        if "heron.db.handler" in sys.modules:  # async pools live on this loop: close them
            # lazy: heron.test loads with the pytest plugin in every run; this loads on first use
            from heron.db import connections

            _shared_runner.run(connections.aclose_async_pools())
        if "heron.cache.handler" in sys.modules:  # so do async cache clients (Redis)
            # only when a test loaded the cache room: never load it here
            from heron.cache import caches

            _shared_runner.run(caches.aclose_all())
        _shared_runner.close()
        _shared_runner = None


class Client(_BaseClient):
    """Make requests from plain test code: ``response = client.get("/")``."""

    def _run(self, method: str, path: str, **kwargs: Any) -> ClientResponse:
        result: ClientResponse = run_in_loop(lambda: self._request(method, path, **kwargs))
        return result

    def get(self, path: str, data: DataArg = None, **kwargs: Any) -> ClientResponse:
        return self._run("GET", path, data=data, **kwargs)

    def head(self, path: str, data: DataArg = None, **kwargs: Any) -> ClientResponse:
        return self._run("HEAD", path, data=data, **kwargs)

    def options(self, path: str, data: DataArg = None, **kwargs: Any) -> ClientResponse:
        return self._run("OPTIONS", path, data=data, **kwargs)

    def post(self, path: str, data: DataArg = None, **kwargs: Any) -> ClientResponse:
        return self._run("POST", path, data=data, **kwargs)

    def put(self, path: str, data: DataArg = None, **kwargs: Any) -> ClientResponse:
        return self._run("PUT", path, data=data, **kwargs)

    def patch(self, path: str, data: DataArg = None, **kwargs: Any) -> ClientResponse:
        return self._run("PATCH", path, data=data, **kwargs)

    def delete(self, path: str, data: DataArg = None, **kwargs: Any) -> ClientResponse:
        return self._run("DELETE", path, data=data, **kwargs)

    def generic(self, method: str, path: str, **kwargs: Any) -> ClientResponse:
        return self._run(method, path, **kwargs)


class RequestFactory:
    """Build ``HttpRequest`` objects to call views directly, without URL routing or middleware."""

    def __init__(self, *, headers: Mapping[str, str] | None = None) -> None:
        self.default_headers = dict(headers or {})

    def generic(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {**self.default_headers, **(kwargs.pop("headers", None) or {})}
        spec = build_request(method, path, headers=headers, **kwargs)
        spec.scope["heron.skip_csrf"] = True
        spec.scope["heron.test_client"] = True
        config = RequestConfig.from_settings(settings._setup_required())
        return HttpRequest(spec.scope, spec.body, config)

    def get(self, path: str, data: DataArg = None, **kwargs: Any) -> Any:
        return self.generic("GET", path, data=data, **kwargs)

    def head(self, path: str, data: DataArg = None, **kwargs: Any) -> Any:
        return self.generic("HEAD", path, data=data, **kwargs)

    def options(self, path: str, data: DataArg = None, **kwargs: Any) -> Any:
        return self.generic("OPTIONS", path, data=data, **kwargs)

    def post(self, path: str, data: DataArg = None, **kwargs: Any) -> Any:
        return self.generic("POST", path, data=data, **kwargs)

    def put(self, path: str, data: DataArg = None, **kwargs: Any) -> Any:
        return self.generic("PUT", path, data=data, **kwargs)

    def patch(self, path: str, data: DataArg = None, **kwargs: Any) -> Any:
        return self.generic("PATCH", path, data=data, **kwargs)

    def delete(self, path: str, data: DataArg = None, **kwargs: Any) -> Any:
        return self.generic("DELETE", path, data=data, **kwargs)
