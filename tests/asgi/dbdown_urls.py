"""Views for test_database_errors: each queries the ``down`` alias (nothing listens there)."""

from __future__ import annotations

from heron.db import StatementTimeout, connections
from heron.http import HttpRequest, HttpResponse
from heron.urls import path


def read(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(connections["down"].execute("SELECT 1", fetch="one")))


async def aread(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(await connections["down"].aexecute("SELECT 1", fetch="one")))


def slow(request: HttpRequest) -> HttpResponse:
    raise StatementTimeout("canceling statement due to statement timeout")


urlpatterns = [path("read/", read), path("aread/", aread), path("slow/", slow)]
