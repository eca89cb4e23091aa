"""Views that touch the database (sync and async), views that do not, and writers."""

from __future__ import annotations

from heron.db import connection
from heron.db.transaction import atomic
from heron.http import HttpRequest, HttpResponse
from heron.urls import path
from heron.views.decorators import csrf_exempt

READ = "SELECT n FROM fault_items WHERE id = 1"


def free(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


async def afree(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


def read(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(connection.execute(READ, fetch="one")[0]))


async def aread(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str((await connection.aexecute(READ, fetch="one"))[0]))


@csrf_exempt
def vote(request: HttpRequest) -> HttpResponse:
    connection.execute("UPDATE fault_items SET n = n + 1 WHERE id = 1", fetch="rowcount")
    return HttpResponse("voted")


@csrf_exempt
def write(request: HttpRequest) -> HttpResponse:
    # One write transaction: a row in the log and the counter, both or neither.
    with atomic():
        connection.execute("INSERT INTO fault_log (note) VALUES ('w')", fetch="none")
        connection.execute("UPDATE fault_items SET n = n + 1 WHERE id = 1", fetch="rowcount")
    return HttpResponse("written")


@csrf_exempt
def batch(request: HttpRequest) -> HttpResponse:
    # A vote and its ten log rows: all eleven writes commit together or not at all.
    with atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE fault_items SET n = n + 1 WHERE id = 1 RETURNING n")
        (n,) = cursor.fetchone()
        cursor.executemany("INSERT INTO fault_log (note) VALUES (%s)", [(str(n),)] * 10)
    return HttpResponse(str(n))


urlpatterns = [
    path("batch", batch),
    path("free", free),
    path("afree", afree),
    path("read", read),
    path("aread", aread),
    path("vote", vote),
    path("write", write),
]
