"""Views behind the rate-limit tests; each exists as a ``def`` and an ``async def`` view."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from heron.http import HttpRequest, HttpResponse
from heron.ratelimit import UNSAFE, Ratelimited, ratelimit
from heron.urls import path


def _answer(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"limited={getattr(request, 'limited', None)}")


def _pair(**options: Any) -> tuple[Callable[..., Any], Callable[..., Any]]:
    rate = options.pop("rate", "2/m")

    def sync_view(request: HttpRequest) -> HttpResponse:
        return _answer(request)

    async def async_view(request: HttpRequest) -> HttpResponse:
        return _answer(request)

    return ratelimit(rate, **options)(sync_view), ratelimit(rate, **options)(async_view)


def api_key(request: HttpRequest) -> str:
    return request.headers.get("x-tenant") or "none"


VIEWS: dict[str, dict[str, Any]] = {
    "ip": {},
    "user": {"key": "user"},
    "header": {"key": "header:x-api-key"},
    "post": {"key": "post:username", "method": "POST"},
    "unsafe": {"method": UNSAFE},
    "callable": {"key": api_key},
    "noblock": {"block": False},
    "shared-a": {"group": "shared"},
    "shared-b": {"group": "shared"},
}

urlpatterns = []
for name, options in VIEWS.items():
    sync_view, async_view = _pair(**options)
    urlpatterns += [path(f"sync/{name}/", sync_view), path(f"async/{name}/", async_view)]


def raises(request: HttpRequest) -> HttpResponse:
    raise Ratelimited(retry_after=30)


urlpatterns.append(path("raises/", raises))


class FakeUserMiddleware:
    """Sets ``request.user`` from an ``X-User`` header (a stand-in for the auth app)."""

    def __init__(self, get_response: Callable[..., Any]) -> None:
        self.get_response = get_response

    async def __call__(self, request: HttpRequest) -> Any:
        pk = request.headers.get("x-user")
        request.user = SimpleNamespace(  # type: ignore[attr-defined]
            is_authenticated=pk is not None, pk=int(pk) if pk else None
        )
        return await self.get_response(request)
