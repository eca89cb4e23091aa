"""Views of the middleware test site; every view has a sync and an async twin."""

from __future__ import annotations

from typing import Any

from heron.http import HttpRequest, HttpResponse
from heron.middleware.csrf import get_token, rotate_token
from heron.shortcuts import render
from heron.views import (
    csrf_exempt,
    csrf_protect,
    ensure_csrf_cookie,
    requires_csrf_token,
)


def _posted(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"posted {request.POST.get('name', '')}")


def form(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "form.html")
    return _posted(request)


async def aform(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "form.html")
    return _posted(request)


def plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse("no form here")


@csrf_exempt
def exempt(request: HttpRequest) -> HttpResponse:
    return _posted(request)


@csrf_exempt
async def aexempt(request: HttpRequest) -> HttpResponse:
    return _posted(request)


@csrf_protect
def protect(request: HttpRequest) -> HttpResponse:
    return form(request)


@csrf_protect
async def aprotect(request: HttpRequest) -> HttpResponse:
    return await aform(request)


@requires_csrf_token
@csrf_protect
def nested(request: HttpRequest) -> HttpResponse:
    return form(request)


@ensure_csrf_cookie
def ensure(request: HttpRequest) -> HttpResponse:
    return HttpResponse("cookie please")


@ensure_csrf_cookie
async def aensure(request: HttpRequest) -> HttpResponse:
    return HttpResponse("cookie please")


@requires_csrf_token
def requires(request: HttpRequest) -> HttpResponse:
    return render(request, "form.html")


@requires_csrf_token
async def arequires(request: HttpRequest) -> HttpResponse:
    return render(request, "form.html")


def token(request: HttpRequest) -> HttpResponse:
    return HttpResponse(get_token(request))


def rotate(request: HttpRequest) -> HttpResponse:
    rotate_token(request)
    return HttpResponse(get_token(request))


async def arotate(request: HttpRequest) -> HttpResponse:
    rotate_token(request)
    return HttpResponse(get_token(request))


def nonce(request: HttpRequest) -> HttpResponse:
    return render(request, "nonce.html")


async def anonce(request: HttpRequest) -> HttpResponse:
    return render(request, "nonce.html")


def boom(request: HttpRequest) -> Any:
    raise RuntimeError("boom")
