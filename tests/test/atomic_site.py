"""Views for the ATOMIC_REQUESTS tests: they write a row, then maybe fail."""

from __future__ import annotations

from heron.db import connection
from heron.db.state import current_state
from heron.db.transaction import non_atomic_requests
from heron.http import HttpRequest, JsonResponse
from heron.urls import path


def _depth() -> int:
    state = current_state("default")
    return 0 if state is None else state.real_depth


def write(request: HttpRequest, name: str) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO notes (name) VALUES (%s)", [name])
    if request.GET.get("fail"):
        raise RuntimeError("boom")
    return JsonResponse({"depth": _depth()})


async def awrite(request: HttpRequest, name: str) -> JsonResponse:
    await connection.aexecute(_insert_sql(), [name], fetch="none")
    if request.GET.get("fail"):
        raise RuntimeError("boom")
    return JsonResponse({"depth": _depth()})


def _insert_sql() -> str:
    sql = "INSERT INTO notes (name) VALUES (%s)"
    return sql.replace("%s", "?") if connection.paramstyle == "qmark" else sql


@non_atomic_requests
def free_write(request: HttpRequest, name: str) -> JsonResponse:
    return write(request, name)


@non_atomic_requests(using="other")
def other_exempt_write(request: HttpRequest, name: str) -> JsonResponse:
    return write(request, name)


@non_atomic_requests
async def afree_write(request: HttpRequest, name: str) -> JsonResponse:
    return await awrite(request, name)


urlpatterns = [
    path("write/<str:name>/", write),
    path("awrite/<str:name>/", awrite),
    path("free/<str:name>/", free_write),
    path("other-exempt/<str:name>/", other_exempt_write),
    path("afree/<str:name>/", afree_write),
]
