"""Views guarded by the decorators and mixins, each in a sync and an async version."""

from __future__ import annotations

from typing import Any

from heron.contrib.auth.decorators import (
    login_not_required,
    login_required,
    permission_required,
    user_passes_test,
)
from heron.contrib.auth.mixins import (
    LoginRequiredMixin,
    PermissionRequiredMixin,
    UserPassesTestMixin,
)
from heron.http import HttpRequest, HttpResponse
from heron.urls import path
from heron.views import View


def _name(request: HttpRequest) -> str:
    return str(request.user.get_username())  # type: ignore[attr-defined]


@login_required
def private(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"private for {_name(request)}")


@login_required
async def aprivate(request: HttpRequest) -> HttpResponse:
    user = await request.auser()  # type: ignore[attr-defined]
    return HttpResponse(f"private for {user.get_username()}")


@login_required(login_url="/elsewhere/", redirect_field_name="back")
def custom(request: HttpRequest) -> HttpResponse:
    return HttpResponse("custom")


@permission_required("testapp.change_article")
def edit(request: HttpRequest) -> HttpResponse:
    return HttpResponse("editing")


@permission_required("testapp.change_article")
async def aedit(request: HttpRequest) -> HttpResponse:
    return HttpResponse("editing")


@permission_required(["testapp.change_article", "testapp.publish_article"], raise_exception=True)
def publish(request: HttpRequest) -> HttpResponse:
    return HttpResponse("publishing")


@permission_required(["testapp.change_article", "testapp.publish_article"], raise_exception=True)
async def apublish(request: HttpRequest) -> HttpResponse:
    return HttpResponse("publishing")


def _is_staff(user: Any) -> bool:
    return bool(user.is_staff)


async def _ais_staff(user: Any) -> bool:
    return bool(user.is_staff)


@user_passes_test(_is_staff)
def staff(request: HttpRequest) -> HttpResponse:
    return HttpResponse("staff only")


@user_passes_test(_ais_staff)
async def astaff(request: HttpRequest) -> HttpResponse:
    return HttpResponse("staff only")


@login_not_required
def public(request: HttpRequest) -> HttpResponse:
    return HttpResponse("public")


def plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse("plain")


class PrivateView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse(f"private for {_name(request)}")


class APrivateView(LoginRequiredMixin, View):
    async def get(self, request: HttpRequest) -> HttpResponse:
        user = await request.auser()  # type: ignore[attr-defined]
        return HttpResponse(f"private for {user.get_username()}")


class EditView(PermissionRequiredMixin, View):
    permission_required = "testapp.change_article"

    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("editing")


class AEditView(PermissionRequiredMixin, View):
    permission_required = "testapp.change_article"

    async def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("editing")


class StaffView(UserPassesTestMixin, View):
    def test_func(self) -> bool:
        return bool(self.request.user.is_staff)  # type: ignore[attr-defined]

    def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("staff only")


class AStaffView(UserPassesTestMixin, View):
    async def test_func(self) -> bool:
        user = await self.request.auser()  # type: ignore[attr-defined]
        return bool(user.is_staff)

    async def get(self, request: HttpRequest) -> HttpResponse:
        return HttpResponse("staff only")


urlpatterns = [
    path("private/", private),
    path("aprivate/", aprivate),
    path("custom/", custom),
    path("edit/", edit),
    path("aedit/", aedit),
    path("publish/", publish),
    path("apublish/", apublish),
    path("staff/", staff),
    path("astaff/", astaff),
    path("public/", public),
    path("plain/", plain),
    path("cprivate/", PrivateView.as_view()),
    path("acprivate/", APrivateView.as_view()),
    path("cedit/", EditView.as_view()),
    path("acedit/", AEditView.as_view()),
    path("cstaff/", StaffView.as_view()),
    path("acstaff/", AStaffView.as_view()),
]
