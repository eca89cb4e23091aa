"""Middleware used by the request-cycle tests, one of each style."""

from __future__ import annotations

import threading
from typing import Any

from heron.http import HttpRequest, HttpResponse, HttpResponseBase
from heron.middleware import HookMiddleware


def _tag(response: HttpResponseBase, name: str) -> None:
    current = response.headers.get("X-Order")
    response.headers["X-Order"] = f"{current}, {name}" if current else name


class AsyncTag:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    async def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response: HttpResponseBase = await self.get_response(request)
        _tag(response, "async")
        return response


class SyncTag:
    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response: HttpResponseBase = self.get_response(request)
        _tag(response, "sync")
        response.headers["X-Sync-Thread"] = threading.current_thread().name
        return response


class HookTag(HookMiddleware):
    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        _tag(response, "hook")
        return response


class Gate(HookMiddleware):
    def process_request(self, request: HttpRequest) -> HttpResponseBase | None:
        if request.headers.get("X-Block"):
            return HttpResponse("blocked", status=418)
        return None

    async def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> None:
        request.viewed = view.__name__

    def process_exception(self, request: HttpRequest, exc: BaseException) -> HttpResponseBase:
        return HttpResponse(f"handled {type(exc).__name__}", status=503)

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        viewed = getattr(request, "viewed", None)
        if viewed:
            response.headers["X-Viewed"] = viewed
        return response
