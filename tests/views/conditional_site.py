"""Views behind the conditional-request and method decorators (for the test client)."""

from __future__ import annotations

import datetime as dt

from heron.http import HttpRequest, HttpResponse
from heron.urls import path
from heron.views import (
    condition,
    etag,
    last_modified,
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

STATE = {"version": "v1", "modified": dt.datetime(2026, 1, 2, 3, 4, 5, 678, tzinfo=dt.UTC)}


def current_etag(request: HttpRequest, name: str = "") -> str | None:
    return None if name == "missing" else str(STATE["version"])


def current_modified(request: HttpRequest, name: str = "") -> dt.datetime | None:
    return None if name == "missing" else STATE["modified"]  # type: ignore[return-value]


async def acurrent_etag(request: HttpRequest, name: str = "") -> str | None:
    return current_etag(request, name)


@condition(etag_func=current_etag, last_modified_func=current_modified)
@require_http_methods(["GET", "HEAD", "PUT", "DELETE"])
def doc(request: HttpRequest, name: str) -> HttpResponse:
    if request.method == "PUT":
        STATE["version"] = request.body.decode()
        return HttpResponse("saved")
    return HttpResponse(f"doc {name}")


@etag(acurrent_etag)
async def adoc(request: HttpRequest, name: str) -> HttpResponse:
    return HttpResponse(f"async doc {name}")


@last_modified(current_modified)
def dated(request: HttpRequest) -> HttpResponse:
    return HttpResponse("dated")


@etag(lambda request: 'W/"weak"')
def weak(request: HttpRequest) -> HttpResponse:
    return HttpResponse("weak")


@require_GET
def only_get(request: HttpRequest) -> HttpResponse:
    return HttpResponse("got")


@require_POST
async def only_post(request: HttpRequest) -> HttpResponse:
    return HttpResponse("posted")


@require_safe
def safe(request: HttpRequest) -> HttpResponse:
    return HttpResponse("safe")


urlpatterns = [
    path("doc/<str:name>/", doc),
    path("adoc/<str:name>/", adoc),
    path("dated/", dated),
    path("weak/", weak),
    path("get/", only_get),
    path("post/", only_post),
    path("safe/", safe),
]
