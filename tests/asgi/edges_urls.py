"""Views for test_server_edges: one that never finishes, one that echoes a form."""

from __future__ import annotations

import asyncio

from heron.http import HttpRequest, HttpResponse
from heron.urls import path
from heron.views.decorators import csrf_exempt

started = asyncio.Event()


async def hang(request: HttpRequest) -> HttpResponse:
    started.set()
    await asyncio.Event().wait()
    raise AssertionError("unreachable")


@csrf_exempt
def echo(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(len(request.body)))


urlpatterns = [path("hang/", hang), path("echo/", echo)]
