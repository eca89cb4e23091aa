"""``get_user_model()``: the model named by ``AUTH_USER_MODEL``."""

from __future__ import annotations

from typing import Any

from heron.conf import ImproperlyConfigured, settings
from heron.db.models.registry import get_model

__all__ = ["get_user_model"]


def get_user_model() -> type[Any]:
    """Return the user model in use (``AUTH_USER_MODEL``, default ``"auth.User"``).

    Call it at run time (in functions, not at import time of a models module); in a model's
    field, refer to the user model by ``settings.AUTH_USER_MODEL`` instead.
    """
    label = getattr(settings, "AUTH_USER_MODEL", "auth.User")
    if not isinstance(label, str) or label.count(".") != 1:
        raise ImproperlyConfigured(
            f"AUTH_USER_MODEL must look like 'app_label.ModelName', not {label!r}."
        )
    try:
        return get_model(label)
    except LookupError as exc:
        raise ImproperlyConfigured(
            f"AUTH_USER_MODEL refers to {label!r}, which is not installed: add its app to "
            f"INSTALLED_APPS (and 'heron.contrib.auth' for the default 'auth.User'). ({exc})"
        ) from None
