"""The auth app: add ``"heron.contrib.auth"`` to ``INSTALLED_APPS``."""

from __future__ import annotations

from heron.apps import AppConfig

__all__ = ["AuthConfig"]


class AuthConfig(AppConfig):
    name = "heron.contrib.auth"
    label = "auth"
    verbose_name = "Authentication and authorization"
    # heron.test's client.login()/force_login()/logout() come from here (see heron/test/signin.py).
    test_client_login = "heron.contrib.auth.testing.ClientLogin"

    def ready(self) -> None:
        # Imported here: models modules load only once every app is registered.
        from heron.db.models.signals import post_migrate

        from . import checks  # noqa: F401 - registers the auth.* system checks
        from .builtin_permissions import create_permissions  # needs the registry: imports models
        from .signals import user_logged_in  # needs the registry: imports models
        from .tracking import update_last_login  # needs the registry: imports models

        post_migrate.connect(create_permissions, dispatch_uid="heron.contrib.auth.permissions")
        user_logged_in.connect(update_last_login, dispatch_uid="heron.contrib.auth.last_login")
