"""Account forms: sign in, sign up, change, set and reset a password.

Messages never say whether a username or an email address exists: a failed sign-in says the
pair was wrong, and the reset form answers the same way for every address.
"""

from __future__ import annotations

from typing import Any

from heron import forms
from heron.conf import settings
from heron.forms import ValidationError
from heron.mail import EmailMultiAlternatives
from heron.templates import render_to_string

from .authentication import authenticate
from .password_validation import password_changed, validate_password
from .tokens import PasswordResetTokenGenerator, default_token_generator, uid_encode
from .users import get_user_model

__all__ = [
    "AuthenticationForm",
    "PasswordChangeForm",
    "PasswordResetForm",
    "SetPasswordForm",
    "UserCreationForm",
]


def _password_field(label: str, *, new: bool = False, help_text: str = "") -> forms.CharField:
    autocomplete = "new-password" if new else "current-password"
    return forms.CharField(
        label=label,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        help_text=help_text,
    )


class AuthenticationForm(forms.Form):
    """Username and password; ``get_user()`` after ``is_valid()``.

    Takes the request first (``AuthenticationForm(request, data=request.POST)``) and
    passes it to the authentication backends.
    """

    username = forms.CharField(
        label="Username",
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = _password_field("Password")

    error_messages = {
        "invalid_login": (
            "Please enter a correct username and password. Both may be case-sensitive."
        ),
        "inactive": "This account is inactive.",
    }

    def __init__(self, request: Any = None, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user_cache: Any = None
        super().__init__(*args, **kwargs)
        model = get_user_model()
        field = model._meta.get_field(model.USERNAME_FIELD)
        self.fields["username"].label = str(field.verbose_name).capitalize()

    def clean(self) -> dict[str, Any] | None:
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            self.user_cache = authenticate(self.request, username=username, password=password)
            if self.user_cache is None:
                raise ValidationError(self.error_messages["invalid_login"], code="invalid_login")
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data

    def confirm_login_allowed(self, user: Any) -> None:
        """Refuse some users who authenticated (override for your own rules)."""
        if not user.is_active:
            raise ValidationError(self.error_messages["inactive"], code="inactive")

    def get_user(self) -> Any:
        return self.user_cache


class _NewPasswordMixin:
    """Two password boxes that must match and pass ``AUTH_PASSWORD_VALIDATORS``."""

    cleaned_data: dict[str, Any]
    add_error: Any
    mismatch_message = "The two passwords do not match."

    def _check_new_password(self, user: Any, first: str, second: str) -> None:
        password1 = self.cleaned_data.get(first)
        password2 = self.cleaned_data.get(second)
        if password1 and password2 and password1 != password2:
            self.add_error(second, ValidationError(self.mismatch_message, code="mismatch"))
            return
        if password2:
            try:
                validate_password(password2, user)
            except ValidationError as error:
                self.add_error(second, error)


class SetPasswordForm(_NewPasswordMixin, forms.Form):
    """Set a new password without asking for the old one (the reset flow)."""

    new_password1 = _password_field("New password", new=True)
    new_password2 = _password_field("New password (again)", new=True)

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any] | None:
        self._check_new_password(self.user, "new_password1", "new_password2")
        return self.cleaned_data

    def save(self, commit: bool = True) -> Any:
        password = self.cleaned_data["new_password1"]
        self.user.set_password(password)
        if commit:
            self.user.save()
            password_changed(password, self.user)
        return self.user


class PasswordChangeForm(SetPasswordForm):
    """Set a new password after confirming the old one."""

    old_password = _password_field("Old password")
    field_order = ["old_password", "new_password1", "new_password2"]

    def clean_old_password(self) -> str:
        old: str = self.cleaned_data["old_password"]
        if not self.user.check_password(old):
            raise ValidationError(
                "Your old password was entered incorrectly. Please enter it again.",
                code="password_incorrect",
            )
        return old


class UserCreationForm(_NewPasswordMixin, forms.ModelForm):
    """Sign up: a username and a password typed twice (validated).

    Built for the user model in use (``AUTH_USER_MODEL``) when this module is first
    imported, with its ``USERNAME_FIELD``; subclass it to ask for more fields.
    """

    password1 = _password_field("Password", new=True)
    password2 = _password_field("Password (again)", new=True)

    class Meta:
        model = get_user_model()
        fields = [get_user_model().USERNAME_FIELD]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username = self.fields.get(get_user_model().USERNAME_FIELD)
        if username is not None:
            username.widget.attrs.setdefault("autofocus", True)
            username.widget.attrs.setdefault("autocomplete", "username")

    def _post_clean(self) -> None:
        super()._post_clean()
        self._check_new_password(self.instance, "password1", "password2")

    @classmethod
    def for_user_model(cls, model: Any) -> type[UserCreationForm]:
        """This form for ``model`` (the class is built for the user model in use when this
        module is imported; a view asks for the one in use now)."""
        if cls._meta.model is model:
            return cls
        found = _for_model.get((cls, model))
        if found is None:
            meta = type("Meta", (cls.Meta,), {"model": model, "fields": [model.USERNAME_FIELD]})
            found = type(cls.__name__, (cls,), {"Meta": meta, "__module__": cls.__module__})
            _for_model[(cls, model)] = found
        return found

    def save(self, commit: bool = True) -> Any:
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
            password_changed(self.cleaned_data["password1"], user)
        return user


_for_model: dict[tuple[type[UserCreationForm], Any], type[UserCreationForm]] = {}


class PasswordResetForm(forms.Form):
    """Ask for an email address; mail a reset link to each matching active user.

    The page after it says the same whatever the address, so it cannot be used to learn
    which addresses have accounts.
    """

    email = forms.EmailField(
        label="Email", max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )

    def get_users(self, email: str) -> list[Any]:
        """Active users with this address (any case) and a usable password."""
        model = get_user_model()
        field = model.get_email_field_name()
        found = model.objects.filter(**{f"{field}__iexact": email, "is_active": True})
        wanted = email.casefold()
        return [
            user
            for user in found
            if user.has_usable_password() and str(getattr(user, field)).casefold() == wanted
        ]

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Render and send one reset message (override to send it another way)."""
        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        body = render_to_string(email_template_name, context)
        message = EmailMultiAlternatives(subject, body, from_email, [to_email])
        if html_email_template_name is not None:
            message.attach_alternative(
                render_to_string(html_email_template_name, context), "text/html"
            )
        message.send()

    def save(
        self,
        *,
        domain: str,
        use_https: bool = False,
        token_generator: PasswordResetTokenGenerator = default_token_generator,
        from_email: str | None = None,
        subject_template_name: str = "registration/password_reset_subject.txt",
        email_template_name: str = "registration/password_reset_email.txt",
        html_email_template_name: str | None = None,
        extra_context: dict[str, Any] | None = None,
    ) -> int:
        """Mail a reset link to every user of the address; return how many were sent."""
        email = self.cleaned_data["email"]
        users = self.get_users(email)
        field = get_user_model().get_email_field_name()
        for user in users:
            context = {
                "email": getattr(user, field),
                "domain": domain,
                "site_name": getattr(settings, "SITE_NAME", "") or domain,
                "uid": uid_encode(user.pk),
                "user": user,
                "token": token_generator.make_token(user),
                "protocol": "https" if use_https else "http",
                **(extra_context or {}),
            }
            self.send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                str(getattr(user, field)),
                html_email_template_name,
            )
        return len(users)
