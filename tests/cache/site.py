"""Views behind the page-cache tests: each kind exists as a ``def`` and an ``async def`` view."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from heron.cache import cache_page
from heron.http import HttpRequest, HttpResponse
from heron.middleware.csrf import get_token
from heron.urls import path

COUNTER = itertools.count()


def _response(request: HttpRequest, kind: str) -> HttpResponse:
    response = HttpResponse(f"{kind} {next(COUNTER)}", content_type="text/plain")
    if kind == "vary":
        response["Vary"] = "Accept-Language"
        response.content = f"{request.headers.get('accept-language')} {next(COUNTER)}".encode()
    elif kind == "vary-cookie":
        response["Vary"] = "Cookie"
        response.content = f"{request.COOKIES.get('who')} {next(COUNTER)}".encode()
    elif kind == "vary-star":
        response["Vary"] = "*"
    elif kind == "cookie":
        response.set_cookie("flavour", "oat")
    elif kind == "private":
        response["Cache-Control"] = "private"
    elif kind == "no-store":
        response["Cache-Control"] = "no-store"
    elif kind == "max-age":
        response["Cache-Control"] = "public, max-age=5"
    elif kind == "max-age-zero":
        response["Cache-Control"] = "max-age=0"
    elif kind == "not-found":
        response.status_code = 404
    return response


def _views(kind: str) -> tuple[Callable[..., Any], Callable[..., Any]]:
    def sync_view(request: HttpRequest) -> HttpResponse:
        return _response(request, kind)

    async def async_view(request: HttpRequest) -> HttpResponse:
        return _response(request, kind)

    return sync_view, async_view


KINDS = [
    "plain",
    "vary",
    "vary-star",
    "vary-cookie",
    "cookie",
    "private",
    "no-store",
    "max-age",
    "max-age-zero",
    "not-found",
]

urlpatterns = []
for _kind in KINDS:
    _sync, _async = _views(_kind)
    urlpatterns += [
        path(f"sync/{_kind}/", cache_page(60)(_sync)),
        path(f"async/{_kind}/", cache_page(60)(_async)),
        path(f"bare/sync/{_kind}/", _sync),
        path(f"bare/async/{_kind}/", _async),
    ]
_sync, _async = _views("plain")
urlpatterns += [
    path("sync/prefixed/", cache_page(60, key_prefix="other")(_sync)),
    path("async/prefixed/", cache_page(60, key_prefix="other")(_async)),
    path("sync/forever/", cache_page(None, cache="second")(_sync)),
    path("async/forever/", cache_page(None, cache="second")(_async)),
]


def form(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"token={get_token(request)}", content_type="text/plain")


def accept(request: HttpRequest) -> HttpResponse:
    return HttpResponse("accepted", content_type="text/plain")


urlpatterns += [path("form/", form), path("accept/", accept)]
