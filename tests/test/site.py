"""A one-table site whose views read the database with raw SQL (sync and async)."""

from __future__ import annotations

from heron.db import connection
from heron.http import HttpRequest, JsonResponse
from heron.urls import path


def names(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM notes ORDER BY name")
        return JsonResponse({"names": [row[0] for row in cursor.fetchall()]})


async def anames(request: HttpRequest) -> JsonResponse:
    rows = await connection.aexecute("SELECT name FROM notes ORDER BY name")
    return JsonResponse({"names": [row[0] for row in rows]})


def add(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO notes (name) VALUES (%s)", [request.POST["name"]])
    return JsonResponse({"ok": True}, status=201)


urlpatterns = [path("names/", names), path("anames/", anames), path("add/", add)]
