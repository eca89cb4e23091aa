"""Account views: sign in and out, sign up, change a password, reset it by email.

Each renders a template under ``registration/`` that a project overrides by shipping its
own file of the same name (its ``templates/`` folder or ``TEMPLATES_DIRS`` come first);
``registration/base.html`` is the layout the others extend. The views are plain sync views
(they run in the thread pool).
"""

from __future__ import annotations

from typing import Any

from heron.conf import settings
from heron.db.models import ValidationError
from heron.http import HttpRequest, HttpResponseRedirect
from heron.shortcuts import resolve_url
from heron.urls import reverse
from heron.views.generic import FormView, TemplateView

from .forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
    UserCreationForm,
)
from .login import login, logout, update_session_auth_hash
from .mixins import LoginRequiredMixin
from .redirects import safe_next_url
from .throttle import SignInThrottle
from .tokens import PasswordResetTokenGenerator, default_token_generator, uid_decode
from .users import get_user_model

__all__ = [
    "LoginView",
    "LogoutView",
    "PasswordChangeDoneView",
    "PasswordChangeView",
    "PasswordResetCompleteView",
    "PasswordResetConfirmView",
    "PasswordResetDoneView",
    "PasswordResetView",
    "SignUpView",
]


class _NextMixin:
    """Where to go after the form: a safe ``next`` from the request, or a default."""

    redirect_field_name = "next"
    request: HttpRequest

    def get_redirect_url(self) -> str:
        field = self.redirect_field_name
        asked = self.request.POST.get(field) or self.request.GET.get(field)
        return safe_next_url(self.request, asked)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault(self.redirect_field_name, self.get_redirect_url())
        kwargs.setdefault("redirect_field_name", self.redirect_field_name)
        return super().get_context_data(**kwargs)  # type: ignore[misc, no-any-return]


class LoginView(_NextMixin, FormView):
    """Sign in with ``AuthenticationForm``; then go to ``next`` or ``LOGIN_REDIRECT_URL``.

    Failed attempts are counted per account and per client address (``AUTH_LOGIN_RATE``);
    past the limit the view answers 429 until the window passes.
    """

    login_required = False  # open to anonymous visitors under LoginRequiredMiddleware

    form_class: Any = AuthenticationForm
    template_name = "registration/login.html"
    redirect_authenticated_user = False
    next_page: str | None = None
    throttle = SignInThrottle()

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if self.redirect_authenticated_user and request.user.is_authenticated:  # type: ignore[attr-defined]
            target = self.get_success_url()
            if target == request.path:
                raise ValueError(
                    "redirect_authenticated_user=True would loop: LOGIN_REDIRECT_URL points "
                    "at the sign-in page."
                )
            return HttpResponseRedirect(target)
        return super().dispatch(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.throttle.check(request, self._attempted_username())
        return super().post(request, *args, **kwargs)

    def _attempted_username(self) -> str:
        return str(self.request.POST.get("username", ""))

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def get_success_url(self) -> str:
        return self.get_redirect_url() or resolve_url(self.next_page or settings.LOGIN_REDIRECT_URL)

    def form_valid(self, form: Any) -> Any:
        self.throttle.succeeded(self.request, self._attempted_username())
        login(self.request, form.get_user())
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: Any) -> Any:
        if form.has_error("__all__", "invalid_login") or form.has_error("__all__", "inactive"):
            self.throttle.failed(self.request, self._attempted_username())
        return super().form_invalid(form)


class LogoutView(_NextMixin, TemplateView):
    """Sign out (POST only: a link or an image must not sign anybody out); then go to
    ``next``, ``LOGOUT_REDIRECT_URL``, or show ``registration/logged_out.html``."""

    login_required = False  # open to anonymous visitors under LoginRequiredMiddleware

    http_method_names = ["post", "options"]
    template_name = "registration/logged_out.html"
    next_page: str | None = None

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        logout(request)
        target = self.get_redirect_url() or self.next_page or settings.LOGOUT_REDIRECT_URL
        if target:
            return HttpResponseRedirect(resolve_url(target))
        return self.render_to_response(self.get_context_data())


class SignUpView(_NextMixin, FormView):
    """Create an account with ``UserCreationForm`` and sign it in."""

    login_required = False  # open to anonymous visitors under LoginRequiredMiddleware

    form_class: Any = UserCreationForm
    template_name = "registration/signup.html"

    def get_form_class(self) -> Any:
        form_class = super().get_form_class()
        if isinstance(form_class, type) and issubclass(form_class, UserCreationForm):
            return form_class.for_user_model(get_user_model())
        return form_class

    def get_success_url(self) -> str:
        return self.get_redirect_url() or resolve_url(settings.LOGIN_REDIRECT_URL)

    def form_valid(self, form: Any) -> Any:
        user = form.save()
        login(self.request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        return HttpResponseRedirect(self.get_success_url())


class PasswordChangeView(LoginRequiredMixin, FormView):
    """Change the signed-in user's password; this session stays signed in, the user's other
    sessions are signed out."""

    form_class: Any = PasswordChangeForm
    template_name = "registration/password_change_form.html"
    success_url: str | None = None

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}  # type: ignore[attr-defined]

    def get_success_url(self) -> str:
        return self.success_url or reverse("password_change_done")

    def form_valid(self, form: Any) -> Any:
        form.save()
        update_session_auth_hash(self.request, form.user)
        return HttpResponseRedirect(self.get_success_url())


class PasswordChangeDoneView(LoginRequiredMixin, TemplateView):
    template_name = "registration/password_change_done.html"


class PasswordResetView(FormView):
    """Ask for an email address and mail a reset link; the next page is the same whether
    or not an account has that address."""

    login_required = False  # open to anonymous visitors under LoginRequiredMiddleware

    form_class: Any = PasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    html_email_template_name: str | None = None
    from_email: str | None = None
    token_generator: PasswordResetTokenGenerator = default_token_generator
    extra_email_context: dict[str, Any] | None = None
    success_url: str | None = None

    def get_success_url(self) -> str:
        return self.success_url or reverse("password_reset_done")

    def form_valid(self, form: Any) -> Any:
        form.save(
            domain=self.request.get_host(),
            use_https=self.request.is_secure(),
            token_generator=self.token_generator,
            from_email=self.from_email,
            subject_template_name=self.subject_template_name,
            email_template_name=self.email_template_name,
            html_email_template_name=self.html_email_template_name,
            extra_context=self.extra_email_context,
        )
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetDoneView(TemplateView):
    login_required = False  # open to anonymous visitors under LoginRequiredMiddleware
    template_name = "registration/password_reset_done.html"


# The token moves from the URL to the session before the form shows, so it cannot leak
# through the Referer header of anything the page loads.
INTERNAL_RESET_SESSION_TOKEN = "_password_reset_token"
RESET_URL_TOKEN = "set-password"


class PasswordResetConfirmView(FormView):
    """Check the emailed link and ask for a new password (``SetPasswordForm``)."""

    login_required = False  # open to anonymous visitors under LoginRequiredMiddleware

    form_class: Any = SetPasswordForm
    template_name = "registration/password_reset_confirm.html"
    token_generator: PasswordResetTokenGenerator = default_token_generator
    post_reset_login = False
    success_url: str | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        self.validlink = False
        self.user = self.get_user(str(kwargs.get("uidb64", "")))
        token = str(kwargs.get("token", ""))
        if self.user is not None:
            session = request.session  # type: ignore[attr-defined]
            if token == RESET_URL_TOKEN:
                stored = session.get(INTERNAL_RESET_SESSION_TOKEN)
                if self.token_generator.check_token(self.user, stored):
                    self.validlink = True
                    return super().dispatch(request, *args, **kwargs)
            elif self.token_generator.check_token(self.user, token):
                session[INTERNAL_RESET_SESSION_TOKEN] = token
                here = request.path.replace(token, RESET_URL_TOKEN)
                return HttpResponseRedirect(here)
        return self.render_to_response(self.get_context_data(form=None))

    def get_user(self, uidb64: str) -> Any:
        pk = uid_decode(uidb64)
        if pk is None:
            return None
        model = get_user_model()
        try:
            return model.objects.get(pk=pk)
        except (model.DoesNotExist, ValidationError, ValueError, TypeError):
            return None

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.user}

    def get_success_url(self) -> str:
        return self.success_url or reverse("password_reset_complete")

    def form_valid(self, form: Any) -> Any:
        user = form.save()
        self.request.session.pop(INTERNAL_RESET_SESSION_TOKEN, None)  # type: ignore[attr-defined]
        if self.post_reset_login:
            login(self.request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs["validlink"] = self.validlink
        if not self.validlink:
            kwargs["form"] = None
        return super().get_context_data(**kwargs)


class PasswordResetCompleteView(TemplateView):
    login_required = False  # open to anonymous visitors under LoginRequiredMiddleware
    template_name = "registration/password_reset_complete.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("login_url", resolve_url(settings.LOGIN_URL))
        return super().get_context_data(**kwargs)
