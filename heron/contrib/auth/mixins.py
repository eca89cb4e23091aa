"""Class-based view mixins: ``LoginRequiredMixin``, ``PermissionRequiredMixin``,
``UserPassesTestMixin``. Put them first in the bases::

    class Drafts(LoginRequiredMixin, ListView): ...

The check runs in ``dispatch`` and follows the view's colour: for a view with ``async def``
handlers it awaits ``request.auser()``.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Any

from heron.conf import ImproperlyConfigured
from heron.http import HttpRequest
from heron.http.exceptions import PermissionDenied

from .decorators import _login_redirect

__all__ = ["AccessMixin", "LoginRequiredMixin", "PermissionRequiredMixin", "UserPassesTestMixin"]


class AccessMixin:
    """What to do when access is refused: sign in first, or 403."""

    login_url: str | None = None
    permission_denied_message: str = ""
    raise_exception: bool = False
    redirect_field_name: str = "next"
    request: HttpRequest
    _is_async: bool | None

    def get_login_url(self) -> str | None:
        return self.login_url

    def get_permission_denied_message(self) -> str:
        return self.permission_denied_message

    def get_redirect_field_name(self) -> str:
        return self.redirect_field_name

    def handle_no_permission(self, user: Any) -> Any:
        """403 for a signed-in user (or with ``raise_exception``), else the sign-in page."""
        if self.raise_exception or user.is_authenticated:
            raise PermissionDenied(self.get_permission_denied_message() or None)
        return _login_redirect(self.request, self.get_login_url(), self.get_redirect_field_name())

    def check_access(self, user: Any) -> bool:
        """Whether ``user`` may use the view (sync)."""
        return True

    async def acheck_access(self, user: Any) -> bool:
        """Whether ``user`` may use the view (async views)."""
        return self.check_access(user)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        parent = super().dispatch  # type: ignore[misc]
        if self._is_async:
            return self._adispatch(parent, request, *args, **kwargs)
        user = request.user  # type: ignore[attr-defined]
        if not self.check_access(user):
            return self.handle_no_permission(user)
        return parent(request, *args, **kwargs)

    dispatch._heron_adaptive = True  # type: ignore[attr-defined]

    async def _adispatch(self, parent: Any, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        user = await request.auser()  # type: ignore[attr-defined]
        if not await self.acheck_access(user):
            return self.handle_no_permission(user)
        response = parent(request, *args, **kwargs)
        if inspect.isawaitable(response):
            response = await response
        return response


class LoginRequiredMixin(AccessMixin):
    """Only signed-in users; others go to the sign-in page."""

    def check_access(self, user: Any) -> bool:
        return bool(user.is_authenticated)


class PermissionRequiredMixin(AccessMixin):
    """Only users with every permission in ``permission_required``."""

    permission_required: str | Iterable[str] | None = None

    def get_permission_required(self) -> tuple[str, ...]:
        perms = self.permission_required
        if perms is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__} is missing permission_required: set it to a "
                "permission name such as 'polls.change_question' (or a list of them)."
            )
        return (perms,) if isinstance(perms, str) else tuple(perms)

    def has_permission(self) -> bool:
        return bool(self.request.user.has_perms(self.get_permission_required()))  # type: ignore[attr-defined]

    def check_access(self, user: Any) -> bool:
        return bool(user.has_perms(self.get_permission_required()))

    async def acheck_access(self, user: Any) -> bool:
        return bool(await user.ahas_perms(self.get_permission_required()))


class UserPassesTestMixin(AccessMixin):
    """Only users for whom ``test_func()`` is true (it may be ``async def`` on async views)."""

    def test_func(self) -> Any:
        raise NotImplementedError(
            f"{type(self).__name__} must define test_func() returning whether the request's "
            "user may see the view."
        )

    def get_test_func(self) -> Any:
        return self.test_func

    def check_access(self, user: Any) -> bool:
        return bool(self.get_test_func()())

    async def acheck_access(self, user: Any) -> bool:
        passed = self.get_test_func()()
        if inspect.isawaitable(passed):
            passed = await passed
        return bool(passed)
