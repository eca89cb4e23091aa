"""A site whose views use ``request.session``; each view exists as ``/s/...`` (a plain
``def``, run in the thread pool) and ``/a/...`` (``async def``, which loads with ``aload``)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from heron.contrib import messages
from heron.contrib.sessions.exceptions import SessionNotLoaded
from heron.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from heron.shortcuts import render
from heron.urls import path


def _items(request: HttpRequest) -> dict[str, Any]:
    return {key: repr(value) for key, value in request.session.items()}  # type: ignore[attr-defined]


def _set(request: HttpRequest) -> dict[str, Any]:
    session: Any = request.session  # type: ignore[attr-defined]
    for key, value in request.GET.items():
        session[key] = value
    return {"items": _items(request)}


def _get(request: HttpRequest) -> dict[str, Any]:
    return {"items": _items(request)}


def _peek(request: HttpRequest) -> dict[str, Any]:
    return {"has": "a" in request.session}  # type: ignore[attr-defined]


def _expiry(request: HttpRequest) -> dict[str, Any]:
    session: Any = request.session  # type: ignore[attr-defined]
    session.set_expiry(int(request.GET["seconds"]))
    session["x"] = "1"
    return {
        "age": session.get_expiry_age(),
        "at_close": session.get_expire_at_browser_close(),
    }


def _types(request: HttpRequest) -> dict[str, Any]:
    session: Any = request.session  # type: ignore[attr-defined]
    if "when" not in session:
        session["when"] = dt.datetime(2026, 12, 7, 20, 30, tzinfo=dt.UTC)
        session["day"] = dt.date(2026, 12, 7)
        session["price"] = Decimal("9.99")
        session["id"] = uuid.UUID(int=7)
        session["pair"] = (1, "two")
        session["wait"] = dt.timedelta(minutes=5)
        session["odd"] = {"$t": "user data"}
    return {"items": _items(request)}


def _counter(request: HttpRequest) -> dict[str, Any]:
    session: Any = request.session  # type: ignore[attr-defined]
    session["n"] = session.get("n", 0) + 1
    return {"n": session["n"]}


DATA_OPS: dict[str, Callable[[HttpRequest], dict[str, Any]]] = {
    "set": _set,
    "get": _get,
    "peek": _peek,
    "expiry": _expiry,
    "types": _types,
    "counter": _counter,
}


def _sync_view(op: Callable[[HttpRequest], dict[str, Any]]) -> Callable[..., Any]:
    def view(request: HttpRequest) -> JsonResponse:
        return JsonResponse(op(request))

    return view


def _async_view(op: Callable[[HttpRequest], dict[str, Any]]) -> Callable[..., Any]:
    async def view(request: HttpRequest) -> JsonResponse:
        await request.session.aload()  # type: ignore[attr-defined]
        return JsonResponse(op(request))

    return view


def untouched(request: HttpRequest) -> HttpResponse:
    return HttpResponse("plain")


async def auntouched(request: HttpRequest) -> HttpResponse:
    return HttpResponse("plain")


def cycle(request: HttpRequest) -> JsonResponse:
    session: Any = request.session  # type: ignore[attr-defined]
    old = session.session_key
    session.cycle_key()
    return JsonResponse({"old": old, "new": session.session_key, "items": _items(request)})


async def acycle(request: HttpRequest) -> JsonResponse:
    session: Any = request.session  # type: ignore[attr-defined]
    old = session.session_key
    await session.acycle_key()
    return JsonResponse({"old": old, "new": session.session_key, "items": _items(request)})


def flush(request: HttpRequest) -> JsonResponse:
    request.session.flush()  # type: ignore[attr-defined]
    return JsonResponse({"key": request.session.session_key})  # type: ignore[attr-defined]


async def aflush(request: HttpRequest) -> JsonResponse:
    await request.session.aflush()  # type: ignore[attr-defined]
    return JsonResponse({"key": request.session.session_key})  # type: ignore[attr-defined]


def aget_value(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"a": request.session.get("a")})  # type: ignore[attr-defined]


async def aaget_value(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"a": await request.session.aget("a")})  # type: ignore[attr-defined]


def unloaded(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(request.session.get("a")))  # type: ignore[attr-defined]


async def aunloaded(request: HttpRequest) -> HttpResponse:
    try:
        request.session["a"] = "1"  # type: ignore[attr-defined]
    except SessionNotLoaded as exc:
        return HttpResponse(str(exc), status=409)
    return HttpResponse("no error")


def error(request: HttpRequest) -> HttpResponse:
    request.session["a"] = "lost"  # type: ignore[attr-defined]
    return HttpResponse("boom", status=500)


async def aerror(request: HttpRequest) -> HttpResponse:
    await request.session.aset("a", "lost")  # type: ignore[attr-defined]
    return HttpResponse("boom", status=500)


def vanish(request: HttpRequest) -> HttpResponse:
    session: Any = request.session  # type: ignore[attr-defined]
    session["a"] = "changed"
    type(session)().delete(session.session_key)  # as a sign-out in another tab would
    return HttpResponse("ok")


async def avanish(request: HttpRequest) -> HttpResponse:
    session: Any = request.session  # type: ignore[attr-defined]
    await session.aset("a", "changed")
    await type(session)().adelete(session.session_key)
    return HttpResponse("ok")


def add_message(request: HttpRequest) -> HttpResponseRedirect:
    messages.success(request, "Saved.")
    return HttpResponseRedirect("/s/show/")


async def aadd_message(request: HttpRequest) -> HttpResponseRedirect:
    messages.info(request, "From async.")
    return HttpResponseRedirect("/a/show/")


def show(request: HttpRequest) -> HttpResponse:
    return render(request, "show.html", {"messages": messages.get_messages(request)})


async def ashow(request: HttpRequest) -> HttpResponse:
    await request.session.aload()  # type: ignore[attr-defined]
    return render(request, "show.html", {"messages": messages.get_messages(request)})


urlpatterns = [
    *(path(f"s/{name}/", _sync_view(op)) for name, op in DATA_OPS.items()),
    *(path(f"a/{name}/", _async_view(op)) for name, op in DATA_OPS.items()),
    path("s/untouched/", untouched),
    path("a/untouched/", auntouched),
    path("s/cycle/", cycle),
    path("a/cycle/", acycle),
    path("s/flush/", flush),
    path("a/flush/", aflush),
    path("s/value/", aget_value),
    path("a/value/", aaget_value),
    path("s/unloaded/", unloaded),
    path("a/unloaded/", aunloaded),
    path("s/error/", error),
    path("a/error/", aerror),
    path("s/vanish/", vanish),
    path("a/vanish/", avanish),
    path("s/add/", add_message),
    path("a/add/", aadd_message),
    path("s/show/", show),
    path("a/show/", ashow),
]
