"""System checks of the admin app (``heron check``): what it needs installed.

- ``admin.E001``: an app the admin needs (auth, sessions, staticfiles) is not installed.
- ``admin.E002``: ``AuthenticationMiddleware`` is not in ``MIDDLEWARE`` (nobody could sign in).
"""

from __future__ import annotations

from typing import Any

from heron.apps import apps
from heron.checks import CheckMessage, Error, register
from heron.conf import settings

__all__ = ["check_dependencies"]

NEEDED_APPS = ("heron.contrib.auth", "heron.contrib.sessions", "heron.contrib.staticfiles")
AUTH_MIDDLEWARE = "heron.contrib.auth.middleware.AuthenticationMiddleware"


@register("admin")
def check_dependencies(**kwargs: Any) -> list[CheckMessage]:
    """The apps and middleware the admin's pages rely on are there."""
    if not (apps.ready and apps.is_installed("heron.contrib.admin")):
        return []
    found: list[CheckMessage] = [
        Error(
            f"heron.contrib.admin needs {name!r} in INSTALLED_APPS.",
            hint=f"Add {name!r} to INSTALLED_APPS (then heron migrate).",
            obj="INSTALLED_APPS",
            id="admin.E001",
        )
        for name in NEEDED_APPS
        if not apps.is_installed(name)
    ]
    if AUTH_MIDDLEWARE not in list(getattr(settings, "MIDDLEWARE", ())):
        found.append(
            Error(
                "heron.contrib.admin needs AuthenticationMiddleware in MIDDLEWARE: without "
                "request.user nobody can sign in.",
                hint=f"Add {AUTH_MIDDLEWARE!r} after the sessions middleware.",
                obj="MIDDLEWARE",
                id="admin.E002",
            )
        )
    return found
