"""Whole-page caching, I/O-free: which responses may be cached, under which key, and how.

``fetch(request, ...)`` and ``store(request, response, ...)`` are generators that yield
``Get``/``Set`` effects; ``run``/``arun`` drive them with a cache's sync or async methods,
so ``cache_page`` on a ``def`` view and on an ``async def`` view, and the two middleware,
share every rule:

* only GET and HEAD requests are answered from the cache, and only GET responses stored
  (a HEAD is answered from the GET entry); requests with an ``Authorization`` header are
  never cached (the page is somebody's);
* the response to a request that sent cookies is stored only if it says ``Vary: Cookie``
  (then it is stored per cookie): otherwise it could hold something of that visitor's, such
  as a session value or a CSRF token masked from their secret, whichever middleware runs
  in which order;
* only 200 responses with the whole body in memory are stored, never ones that set a cookie,
  say ``Cache-Control: private``, ``no-store`` or ``no-cache``, or ``Vary: *``;
* the key is the full URL (scheme, host, path, query) plus the request's values of the
  headers the response names in ``Vary``: the names are remembered per URL (one more key),
  as a browser would;
* a stored response gets ``Expires`` and ``Cache-Control: max-age`` for the time it is cached
  (none when the timeout is None: kept until evicted), and a response's own ``max-age``
  (shorter or longer) wins over the configured timeout.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Generator
from email.utils import formatdate
from typing import Any

from heron.http import HttpRequest, HttpResponse, HttpResponseBase

from .backends.base import BaseCache

__all__ = [
    "Get",
    "Set",
    "arun",
    "cache_control",
    "fetch",
    "patch_response_headers",
    "patch_vary_headers",
    "run",
    "store",
]

_NEVER = frozenset({"private", "no-store", "no-cache"})


class Get:
    __slots__ = ("key",)

    def __init__(self, key: str) -> None:
        self.key = key


class Set:
    __slots__ = ("key", "timeout", "value")

    def __init__(self, key: str, value: Any, timeout: float | None) -> None:
        self.key = key
        self.value = value
        self.timeout = timeout


Flow = Generator[Get | Set, Any, Any]


def cache_control(response: HttpResponseBase) -> dict[str, str | None]:
    """Parse ``Cache-Control`` into ``{directive: value or None}`` (names lower-cased)."""
    directives: dict[str, str | None] = {}
    for part in (response.headers.get("Cache-Control") or "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            directives[name.lower()] = value.strip('"') or None
    return directives


def _vary(response: HttpResponseBase) -> list[str]:
    value = response.headers.get("Vary") or ""
    return [name.strip().lower() for name in value.split(",") if name.strip()]


def patch_vary_headers(response: HttpResponseBase, names: list[str]) -> None:
    """Add ``names`` to the response's ``Vary`` header (keeping what is there)."""
    present = response.headers.get("Vary")
    have = {name.lower() for name in _vary(response)}
    extra = [name for name in names if name.lower() not in have]
    if extra:
        response.headers["Vary"] = ", ".join([present, *extra] if present else extra)


def patch_response_headers(response: HttpResponseBase, timeout: float) -> None:
    """Set ``Expires`` and ``Cache-Control: max-age`` (unless set) for ``timeout`` seconds."""
    seconds = max(0, int(timeout))
    if "Expires" not in response.headers:
        response.headers["Expires"] = formatdate(time.time() + seconds, usegmt=True)
    directives = cache_control(response)
    if "max-age" not in directives:
        present = response.headers.get("Cache-Control")
        max_age = f"max-age={seconds}"
        response.headers["Cache-Control"] = f"{present}, {max_age}" if present else max_age


def _url_hash(request: HttpRequest) -> str:
    return hashlib.sha256(request.build_absolute_uri().encode()).hexdigest()


def _headers_key(request: HttpRequest, key_prefix: str) -> str:
    return f"heron.cache_page.{key_prefix}.vary.{_url_hash(request)}"


def _page_key(request: HttpRequest, key_prefix: str, vary: list[str]) -> str:
    digest = hashlib.sha256()
    for name in vary:
        digest.update(name.encode() + b"\x00")
        digest.update((request.headers.get(name) or "").encode() + b"\x00")
    return f"heron.cache_page.{key_prefix}.page.{_url_hash(request)}.{digest.hexdigest()}"


def _eligible_request(request: HttpRequest) -> bool:
    return request.method in ("GET", "HEAD") and "authorization" not in request.headers


def _timeout_for(response: HttpResponseBase, timeout: float | None) -> tuple[bool, float | None]:
    """(whether ``response`` may be cached, seconds to keep it: None for no expiry)."""
    if response.status_code != 200 or not isinstance(response, HttpResponse):
        return False, None
    if response.cookies or "set-cookie" in response.headers or "*" in _vary(response):
        return False, None
    directives = cache_control(response)
    if _NEVER & directives.keys():
        return False, None
    max_age = directives.get("max-age")
    if max_age is not None:
        try:
            timeout = int(max_age)
        except ValueError:
            return False, None
    if timeout is not None and timeout <= 0:
        return False, None
    return True, timeout


def fetch(request: HttpRequest, key_prefix: str) -> Flow:
    """Return the cached response for ``request``, or None (a generator: see ``run``)."""
    if not _eligible_request(request):
        return None
    vary = yield Get(_headers_key(request, key_prefix))
    if vary is None:
        return None
    entry = yield Get(_page_key(request, key_prefix, vary))
    if entry is None:
        return None
    status, headers, content = entry
    return HttpResponse(content, status=status, headers=headers)


def store(
    request: HttpRequest, response: HttpResponseBase, timeout: float | None, key_prefix: str
) -> Flow:
    """Store ``response`` if it may be cached, and set its caching headers."""
    if request.method != "GET" or "authorization" in request.headers:
        return None
    if "cookie" in request.headers and "cookie" not in _vary(response):
        # The page may hold something of this visitor's (a session value, a CSRF token
        # masked from their secret) that no one else may be served.
        return None
    cacheable, seconds = _timeout_for(response, timeout)
    if not cacheable:
        return None
    if seconds is not None:
        patch_response_headers(response, seconds)
    assert isinstance(response, HttpResponse)
    vary = _vary(response)
    entry = (response.status_code, list(response.headers.items()), response.content)
    yield Set(_headers_key(request, key_prefix), vary, seconds)
    yield Set(_page_key(request, key_prefix, vary), entry, seconds)
    return None


def run(flow: Flow, cache: BaseCache) -> Any:
    """Drive ``fetch``/``store`` with the cache's sync methods."""
    try:
        effect = next(flow)
        while True:
            if isinstance(effect, Get):
                effect = flow.send(cache.get(effect.key))
            else:
                cache.set(effect.key, effect.value, effect.timeout)
                effect = flow.send(None)
    except StopIteration as stop:
        return stop.value


async def arun(flow: Flow, cache: BaseCache) -> Any:
    """Drive ``fetch``/``store`` with the cache's async methods."""
    try:
        effect = next(flow)
        while True:
            if isinstance(effect, Get):
                effect = flow.send(await cache.aget(effect.key))
            else:
                await cache.aset(effect.key, effect.value, effect.timeout)
                effect = flow.send(None)
    except StopIteration as stop:
        return stop.value
