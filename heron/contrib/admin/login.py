"""Staff account pages: sign-in (the account sign-in view and form, refusing non-staff
accounts) and password change, in the admin's layout."""

from __future__ import annotations

from typing import Any

from heron.contrib.auth import views as auth_views
from heron.contrib.auth.forms import AuthenticationForm
from heron.forms import ValidationError
from heron.urls import reverse

__all__ = [
    "AdminAuthenticationForm",
    "AdminLoginView",
    "AdminPasswordChangeDoneView",
    "AdminPasswordChangeView",
]


class AdminAuthenticationForm(AuthenticationForm):
    """The account sign-in form, refusing accounts that are not active staff with the same
    message as a wrong password (so it does not tell who is staff)."""

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        if not user.is_staff:
            raise ValidationError(self.error_messages["invalid_login"], code="invalid_login")


class AdminLoginView(auth_views.LoginView):
    """The account ``LoginView`` (CSRF, throttling per account and address) for staff."""

    form_class = AdminAuthenticationForm
    template_name = "admin/login.html"
    admin_site: Any = None

    def get_success_url(self) -> str:
        return self.get_redirect_url() or reverse(f"{self.admin_site.name}:index")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        return {**self.admin_site.each_context(self.request), "title": "Sign in", **context}


class AdminPasswordChangeView(auth_views.PasswordChangeView):
    """The account password change, inside the admin's layout."""

    template_name = "admin/password_change_form.html"
    admin_site: Any = None

    def get_success_url(self) -> str:
        return reverse(f"{self.admin_site.name}:password_change_done")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        return {**self.admin_site.each_context(self.request), "title": "Change password", **context}


class AdminPasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "admin/password_change_done.html"
    admin_site: Any = None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        return {
            **self.admin_site.each_context(self.request),
            "title": "Password changed",
            **context,
        }
