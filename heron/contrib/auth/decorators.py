"""View decorators: ``login_required``, ``permission_required``, ``user_passes_test``,
``login_not_required``.

Each works on ``def`` and ``async def`` views and keeps the colour: on an async view the
check awaits ``request.auser()`` (and ``ahas_perms``), so no blocking query runs on the
event loop. A refused anonymous visitor is redirected to ``LOGIN_URL`` with ``?next=``.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Iterable
from typing import Any, TypeVar, overload
from urllib.parse import urlsplit

from heron.conf import settings
from heron.http import HttpRequest
from heron.http.exceptions import PermissionDenied
from heron.shortcuts import resolve_url

from .redirects import redirect_to_login

__all__ = ["login_not_required", "login_required", "permission_required", "user_passes_test"]

_F = TypeVar("_F", bound=Callable[..., Any])
Test = Callable[[Any], "bool | Awaitable[bool]"]


def _login_redirect(
    request: HttpRequest, login_url: str | None, redirect_field_name: str | None
) -> Any:
    """Redirect to the sign-in page, coming back to this page (a relative ``next`` when the
    sign-in page is on this site)."""
    target = resolve_url(login_url or settings.LOGIN_URL)
    here = request.build_absolute_uri()
    login_parts, here_parts = urlsplit(target), urlsplit(here)
    same_site = (not login_parts.scheme or login_parts.scheme == here_parts.scheme) and (
        not login_parts.netloc or login_parts.netloc == here_parts.netloc
    )
    next_url = request.get_full_path() if same_site else here
    return redirect_to_login(next_url, target, redirect_field_name or "")


def user_passes_test(
    test_func: Test, login_url: str | None = None, redirect_field_name: str | None = "next"
) -> Callable[[_F], _F]:
    """Let the view run when ``test_func(user)`` is true; otherwise redirect to sign in.

    On an async view ``test_func`` may be ``async def``."""

    def decorator(view: _F) -> _F:
        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_inner(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                user = await request.auser()  # type: ignore[attr-defined]
                passed = test_func(user)
                if inspect.isawaitable(passed):
                    passed = await passed
                if passed:
                    return await view(request, *args, **kwargs)
                return _login_redirect(request, login_url, redirect_field_name)

            return async_inner  # type: ignore[return-value]

        @functools.wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            if test_func(request.user):  # type: ignore[attr-defined]
                return view(request, *args, **kwargs)
            return _login_redirect(request, login_url, redirect_field_name)

        return inner  # type: ignore[return-value]

    return decorator


def _is_authenticated(user: Any) -> bool:
    return bool(user.is_authenticated)


# @login_required (bare)
@overload
def login_required(function: _F, /) -> _F: ...
# @login_required(login_url=..., redirect_field_name=...)
@overload
def login_required(
    function: None = None, /, *, redirect_field_name: str = "next", login_url: str | None = None
) -> Callable[[_F], _F]: ...
def login_required(
    function: Any = None,
    /,
    *,
    redirect_field_name: str = "next",
    login_url: str | None = None,
) -> Any:
    """Send anonymous visitors to the sign-in page; signed-in users see the view."""
    decorator = user_passes_test(
        _is_authenticated, login_url=login_url, redirect_field_name=redirect_field_name
    )
    return decorator(function) if function is not None else decorator


def login_not_required(view: _F) -> _F:
    """Open this view to anonymous visitors under ``LoginRequiredMiddleware``."""
    view.login_required = False  # type: ignore[attr-defined]
    return view


def permission_required(
    perm: str | Iterable[str], login_url: str | None = None, raise_exception: bool = False
) -> Callable[[_F], _F]:
    """Require every permission in ``perm`` (one name or several).

    Without them: ``raise_exception=True`` answers 403 at once; otherwise an anonymous
    visitor is sent to sign in, and a signed-in user without the permission gets 403 too
    (sending them to a sign-in page they already passed would loop).
    """
    perms = (perm,) if isinstance(perm, str) else tuple(perm)

    def check(user: Any) -> bool:
        if user.has_perms(perms):
            return True
        if raise_exception or user.is_authenticated:
            raise PermissionDenied(f"Missing permission: {', '.join(perms)}.")
        return False

    async def acheck(user: Any) -> bool:
        if await user.ahas_perms(perms):
            return True
        if raise_exception or user.is_authenticated:
            raise PermissionDenied(f"Missing permission: {', '.join(perms)}.")
        return False

    def decorator(view: _F) -> _F:
        test = acheck if inspect.iscoroutinefunction(view) else check
        return user_passes_test(test, login_url=login_url)(view)

    return decorator
