from __future__ import annotations

import threading

from heron.http import (
    BadRequest,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
    PermissionDenied,
    StreamingHttpResponse,
    SuspiciousOperation,
)
from heron.shortcuts import redirect, render
from heron.views import View, require_POST, xframe_options_exempt


def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"hello from {threading.current_thread().name}", content_type="text/plain")


async def hello_async(request: HttpRequest) -> HttpResponse:
    return HttpResponse(
        f"async hello from {threading.current_thread().name}", content_type="text/plain"
    )


async def api(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"message": "hello", "q": request.GET.getlist("q")})


def echo(request: HttpRequest) -> JsonResponse:
    files = {name: [f.name, f.size] for name, f in request.FILES.items()}
    return JsonResponse(
        {
            "method": request.method,
            "POST": {k: request.POST.getlist(k) for k in request.POST},
            "files": files,
        }
    )


def echo_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"got": request.json()}, safe=False)


def article(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    return HttpResponse(f"{year}:{slug}")


def missing(request: HttpRequest) -> HttpResponse:
    raise Http404("No such article")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("members only")


def bad(request: HttpRequest) -> HttpResponse:
    raise BadRequest("bad input")


def suspicious(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("tampered")


def crash(request: HttpRequest) -> HttpResponse:
    secret_local = "<script>alert(1)</script>"  # noqa: F841 - shown escaped on the debug page
    raise ValueError("boom <b>")


def no_response(request: HttpRequest) -> HttpResponse:
    return None  # type: ignore[return-value]


def go_home(request: HttpRequest) -> HttpResponse:
    return redirect("site:hello")


def page(request: HttpRequest) -> HttpResponse:
    return render(request, "site/page.html", {"title": "Hi <there>"})


def set_cookie(request: HttpRequest) -> HttpResponse:
    response = HttpResponse("set")
    response.set_cookie("flavour", "oat", httponly=True)
    return response


def read_cookie(request: HttpRequest) -> HttpResponse:
    return HttpResponse(request.COOKIES.get("flavour", "none"))


def stream(request: HttpRequest) -> StreamingHttpResponse:
    return StreamingHttpResponse(f"line {i}\n" for i in range(3))


async def astream(request: HttpRequest) -> StreamingHttpResponse:
    async def chunks():  # type: ignore[no-untyped-def]
        for i in range(3):
            yield f"chunk {i}\n"

    return StreamingHttpResponse(chunks())


@require_POST
def only_post(request: HttpRequest) -> HttpResponse:
    return HttpResponse("posted")


class Greeting(View):
    greeting = "hi"

    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse(self.greeting)

    def post(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("created", status=201)


class AsyncGreeting(View):
    async def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("async view class")


@xframe_options_exempt
def frameable(request: HttpRequest) -> HttpResponse:
    return HttpResponse("embed me")


@xframe_options_exempt
async def aframeable(request: HttpRequest) -> HttpResponse:
    return HttpResponse("embed me too")


def own_frame_header(request: HttpRequest) -> HttpResponse:
    return HttpResponse("mine", headers={"X-Frame-Options": "SAMEORIGIN"})
