"""A small site that adds messages and shows them, plus a dict-backed test session."""

from __future__ import annotations

import uuid
from typing import Any

from markupsafe import Markup

from heron.contrib import messages
from heron.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from heron.middleware.base import HookMiddleware
from heron.shortcuts import render
from heron.urls import path

SESSIONS: dict[str, dict[str, Any]] = {}


class DictSessionMiddleware(HookMiddleware):
    """Sessions for the tests: a dict per ``sid`` cookie, kept in this module."""

    def process_request(self, request: HttpRequest) -> None:
        sid = request.COOKIES.get("sid") or uuid.uuid4().hex
        request.session = SESSIONS.setdefault(sid, {})  # type: ignore[attr-defined]
        request.sid = sid  # type: ignore[attr-defined]

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> Any:
        response.set_cookie("sid", request.sid)  # type: ignore[attr-defined]
        return response


def show(request: HttpRequest) -> HttpResponse:
    return render(request, "show.html", {"messages": messages.get_messages(request)})


def show_global(request: HttpRequest) -> HttpResponse:
    """Uses the ``messages`` template global (the app is installed)."""
    return render(request, "global.html")


def peek(request: HttpRequest) -> HttpResponse:
    return render(request, "peek.html")


def add(request: HttpRequest) -> HttpResponseRedirect:
    level = request.GET.get("level", "success")
    for text in request.GET.getlist("text") or ["Saved."]:
        getattr(messages, level)(request, text, extra_tags=request.GET.get("tags", ""))
    return HttpResponseRedirect("/show/")


async def aadd(request: HttpRequest) -> HttpResponseRedirect:
    messages.info(request, "From async.")
    return HttpResponseRedirect("/show/")


def add_html(request: HttpRequest) -> HttpResponseRedirect:
    messages.info(request, Markup("<b>Bold</b>"))
    messages.info(request, "<i>plain</i>")
    return HttpResponseRedirect("/show/")


def count(request: HttpRequest) -> HttpResponse:
    """Looks at how many messages wait, without showing them."""
    return HttpResponse(str(len(messages.get_messages(request))))


def level(request: HttpRequest) -> HttpResponseRedirect:
    messages.set_level(request, messages.DEBUG)
    messages.debug(request, "Debugging.")
    return HttpResponseRedirect("/show/")


urlpatterns = [
    path("show/", show),
    path("global/", show_global),
    path("peek/", peek),
    path("add/", add),
    path("aadd/", aadd),
    path("html/", add_html),
    path("count/", count),
    path("level/", level),
]
