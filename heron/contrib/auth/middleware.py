"""``AuthenticationMiddleware`` (``request.user``, ``request.auser()``) and
``LoginRequiredMiddleware`` (every view needs a signed-in user unless marked
``@login_not_required``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from heron.conf import ImproperlyConfigured, settings
from heron.middleware.base import HookMiddleware
from heron.shortcuts import resolve_url

from .lazyuser import LazyUser, auser_for
from .redirects import redirect_to_login

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = ["AuthenticationMiddleware", "LoginRequiredMiddleware"]


class AuthenticationMiddleware(HookMiddleware):
    """Give each request ``request.user`` (loaded on first read: no query for a page that
    never looks) and ``await request.auser()`` for async views. Needs the sessions
    middleware before it."""

    def process_request(self, request: HttpRequest) -> None:
        if not hasattr(request, "session"):
            raise ImproperlyConfigured(
                "AuthenticationMiddleware needs request.session: put "
                "'heron.contrib.sessions.middleware.SessionMiddleware' before "
                "'heron.contrib.auth.middleware.AuthenticationMiddleware' in MIDDLEWARE."
            )
        request.user = LazyUser(request)  # type: ignore[attr-defined]
        request.auser = auser_for(request)  # type: ignore[attr-defined]


class LoginRequiredMiddleware(HookMiddleware):
    """Send anonymous visitors to ``LOGIN_URL`` for every view, except those decorated
    with ``@login_not_required`` or class-based views with ``login_required = False`` (the
    sign-in and password reset views are). Put it after
    ``AuthenticationMiddleware``."""

    redirect_field_name = "next"

    async def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        if not getattr(view_func, "login_required", True):
            return None
        view_class = getattr(view_func, "view_class", None)
        if view_class is not None and not getattr(view_class, "login_required", True):
            return None
        auser = getattr(request, "auser", None)
        if auser is None:
            raise ImproperlyConfigured(
                "LoginRequiredMiddleware needs AuthenticationMiddleware before it in MIDDLEWARE."
            )
        user = await auser()
        if user.is_authenticated:
            return None
        login_url = resolve_url(getattr(view_func, "login_url", None) or settings.LOGIN_URL)
        if request.path == login_url:
            return None
        field = getattr(view_func, "redirect_field_name", self.redirect_field_name)
        return redirect_to_login(request.get_full_path(), login_url, field)
