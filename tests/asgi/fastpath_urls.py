"""Views and middleware for test_fast_paths: responses that customise sending and closing."""

from __future__ import annotations

from typing import Any

from heron.http import HttpRequest, HttpResponse, HttpResponseBase
from heron.http.response import Send
from heron.middleware import HookMiddleware
from heron.urls import path

closed: list[str] = []
seen_statuses: list[int] = []


class ClosingResponse(HttpResponse):
    """A response that releases something in its own close(), with no ``closing`` entries."""

    def close(self) -> None:
        closed.append("custom close")
        super().close()


class CloseMixin:
    """Closing behaviour that comes from a mixin rather than the class itself."""

    def close(self) -> None:
        closed.append("mixin close")
        super().close()  # type: ignore[misc]


class MixedInResponse(CloseMixin, HttpResponse):
    pass


class ChunkedResponse(HttpResponse):
    """A response that sends its body in two messages."""

    async def send_asgi(self, send: Send, request: HttpRequest | None = None) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"part 1, ", "more_body": True})
        await send({"type": "http.response.body", "body": b"part 2"})


async def closing(request: HttpRequest) -> HttpResponse:
    return ClosingResponse("closing")


async def mixed_in(request: HttpRequest) -> HttpResponse:
    return MixedInResponse("mixed in")


async def chunked(request: HttpRequest) -> HttpResponse:
    return ChunkedResponse()


async def with_extras(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    return HttpResponse(",".join(f"{k}={v}" for k, v in sorted(kwargs.items())))


async def plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse("plain", content_type="text/plain")


async def missing(request: HttpRequest) -> HttpResponse:
    return HttpResponse("gone", content_type="text/plain", status=404)


class NotFoundWatcher(HookMiddleware):
    """Only interested in 404s: the chain skips its process_response for other statuses."""

    response_statuses = frozenset({404})

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        seen_statuses.append(response.status_code)
        response.headers["X-Watched"] = "yes"
        return response


urlpatterns = [
    path("closing/", closing),
    path("mixed-in/", mixed_in),
    path("chunked/", chunked),
    path("extras/", with_extras, {"colour": "blue", "size": 3}),
    path("plain/", plain),
    path("missing/", missing),
]
