"""Views for the auth tests: sign in/out through the API, sync and async."""

from __future__ import annotations

from heron.contrib.auth import aauthenticate, alogin, alogout, authenticate, login, logout
from heron.contrib.auth.decorators import login_not_required
from heron.http import HttpRequest, HttpResponse, JsonResponse
from heron.urls import include, path


@login_not_required
def signin(request: HttpRequest) -> HttpResponse:
    user = authenticate(
        request, username=request.POST.get("username"), password=request.POST.get("password")
    )
    if user is None:
        return HttpResponse("refused", status=401)
    login(request, user)
    return HttpResponse(f"hello {user.get_username()}")


@login_not_required
async def asignin(request: HttpRequest) -> HttpResponse:
    user = await aauthenticate(
        request, username=request.POST.get("username"), password=request.POST.get("password")
    )
    if user is None:
        return HttpResponse("refused", status=401)
    await alogin(request, user)
    return HttpResponse(f"hello {user.get_username()}")


def signout(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponse("bye")


async def asignout(request: HttpRequest) -> HttpResponse:
    await alogout(request)
    return HttpResponse("bye")


def whoami(request: HttpRequest) -> JsonResponse:
    user = request.user  # type: ignore[attr-defined]
    return JsonResponse({"user": user.get_username(), "authenticated": user.is_authenticated})


async def awhoami(request: HttpRequest) -> JsonResponse:
    user = await request.auser()  # type: ignore[attr-defined]
    return JsonResponse({"user": user.get_username(), "authenticated": user.is_authenticated})


def untouched(request: HttpRequest) -> HttpResponse:
    return HttpResponse("no user read")


urlpatterns = [
    path("signin/", signin),
    path("asignin/", asignin),
    path("signout/", signout),
    path("asignout/", asignout),
    path("whoami/", whoami),
    path("awhoami/", awhoami),
    path("untouched/", untouched),
    path("views/", include("tests.contrib.auth.viewsite")),
    path("accounts/", include("heron.contrib.auth.urls")),
]
