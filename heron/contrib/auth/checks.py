"""System checks of the auth app (``heron check``): the user model and the backends.

- ``auth.E001``: ``AUTH_USER_MODEL`` names no installed model.
- ``auth.E002``: the user model's ``USERNAME_FIELD`` is also in ``REQUIRED_FIELDS``.
- ``auth.E003``: the ``USERNAME_FIELD`` is not unique.
- ``auth.E004``: an ``AUTHENTICATION_BACKENDS`` entry cannot be imported.
- ``auth.E005``: ``AuthenticationMiddleware`` comes before the sessions middleware.
"""

from __future__ import annotations

from typing import Any

from heron.apps import apps
from heron.checks import CheckMessage, Error, register
from heron.conf import ImproperlyConfigured, settings

from .backend_list import load_backend
from .users import get_user_model

__all__ = ["check_backends", "check_middleware", "check_user_model"]

AUTH_MIDDLEWARE = "heron.contrib.auth.middleware.AuthenticationMiddleware"


def _installed() -> bool:
    return apps.ready and apps.is_installed("heron.contrib.auth")


@register("auth")
def check_user_model(**kwargs: Any) -> list[CheckMessage]:
    """The model in ``AUTH_USER_MODEL`` exists and names a sensible username field."""
    if not _installed():
        return []
    try:
        model = get_user_model()
    except ImproperlyConfigured as exc:
        return [Error(str(exc), obj="AUTH_USER_MODEL", id="auth.E001")]
    found: list[CheckMessage] = []
    label = model._meta.label
    if model.USERNAME_FIELD in model.REQUIRED_FIELDS:
        found.append(
            Error(
                f"{label}.REQUIRED_FIELDS must not contain the USERNAME_FIELD "
                f"{model.USERNAME_FIELD!r}.",
                hint="createsuperuser always asks for the username; remove it from the list.",
                obj=label,
                id="auth.E002",
            )
        )
    field = model._meta.get_field(model.USERNAME_FIELD)
    if not getattr(field, "unique", False):
        found.append(
            Error(
                f"{label}.{model.USERNAME_FIELD} must be unique: it is what users sign in with.",
                hint=f"Give the field unique=True (then makemigrations {model._meta.app_label}).",
                obj=label,
                id="auth.E003",
            )
        )
    return found


@register("auth")
def check_backends(**kwargs: Any) -> list[CheckMessage]:
    if not _installed():
        return []
    found: list[CheckMessage] = []
    for path in getattr(settings, "AUTHENTICATION_BACKENDS", ()):
        try:
            load_backend(path)
        except (ImportError, TypeError) as exc:
            found.append(
                Error(
                    f"The authentication backend {path!r} cannot be loaded: {exc}",
                    obj="AUTHENTICATION_BACKENDS",
                    id="auth.E004",
                )
            )
    return found


@register("auth")
def check_middleware(**kwargs: Any) -> list[CheckMessage]:
    if not _installed():
        return []
    middleware = list(getattr(settings, "MIDDLEWARE", ()))
    if AUTH_MIDDLEWARE not in middleware:
        return []
    sessions = [m for m in middleware if m.endswith("SessionMiddleware")]
    if sessions and middleware.index(sessions[0]) < middleware.index(AUTH_MIDDLEWARE):
        return []
    return [
        Error(
            "AuthenticationMiddleware needs the sessions middleware before it in MIDDLEWARE.",
            hint="Put 'heron.contrib.sessions.middleware.SessionMiddleware' above it.",
            obj="MIDDLEWARE",
            id="auth.E005",
        )
    ]
