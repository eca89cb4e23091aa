"""Signing in from tests: ``client.login(**credentials)``, ``client.force_login(user)``,
``client.logout()`` and their async twins (``alogin``, ``aforce_login``, ``alogout``).

The test client knows no auth app (core rooms never import ``heron.contrib``): it asks the
installed apps. An app whose ``AppConfig`` has a ``test_client_login`` attribute naming a
class (``"heron.contrib.auth.testing.ClientLogin"``) provides sign-in; the class is built
with the client and has ``login``, ``force_login``, ``logout`` and the async twins. The
auth app works through the client's ``session`` (the sessions app's ``SESSION_ENGINE``),
so the next request carries the signed-in session cookie.
"""

from __future__ import annotations

from typing import Any

from heron._internal.imports import import_string
from heron.apps import apps

__all__ = ["SignInMixin"]


def _provider(client: Any) -> Any:
    for config in apps.get_app_configs():
        path = getattr(config, "test_client_login", None)
        if path:
            return import_string(str(path))(client)
    raise RuntimeError(
        "client.login() needs an installed app that signs users in: add "
        "'heron.contrib.auth' (and 'heron.contrib.sessions') to INSTALLED_APPS."
    )


class SignInMixin:
    """The sign-in methods of ``Client`` and ``AsyncClient``."""

    def login(self, **credentials: Any) -> bool:
        """Sign in with these credentials (as ``authenticate()`` takes them); return whether
        they were accepted. Later requests are made as that user."""
        return bool(_provider(self).login(**credentials))

    def force_login(self, user: Any, backend: str | None = None) -> None:
        """Sign ``user`` in without checking a password (fast: no hashing)."""
        _provider(self).force_login(user, backend)

    def logout(self) -> None:
        """Sign out: the session is emptied and its cookie dropped."""
        _provider(self).logout()

    async def alogin(self, **credentials: Any) -> bool:
        return bool(await _provider(self).alogin(**credentials))

    async def aforce_login(self, user: Any, backend: str | None = None) -> None:
        await _provider(self).aforce_login(user, backend)

    async def alogout(self) -> None:
        await _provider(self).alogout()
