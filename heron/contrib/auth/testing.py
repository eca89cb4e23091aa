"""The test client's sign-in (``client.login()``, ``force_login()``, ``logout()``).

``AuthConfig.test_client_login`` names ``ClientLogin``; ``heron.test`` finds it through the
installed apps. It signs in the way a view does: a request carrying the client's session
(``client.session``, from ``SESSION_ENGINE``) goes through ``login()``, and the saved
session's key lands in the client's cookie jar.
"""

from __future__ import annotations

from typing import Any

from heron.conf import settings
from heron.test import RequestFactory

from .anonymous import AnonymousUser
from .authentication import aauthenticate, authenticate
from .login import aget_user, alogin, alogout, get_user, login, logout

__all__ = ["ClientLogin"]


class ClientLogin:
    """Sign a test client in and out."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def _request(self, session: Any) -> Any:
        request = RequestFactory().get("/")
        request.session = session
        request.user = AnonymousUser()
        return request

    def _backend(self, user: Any, backend: str | None) -> str:
        return backend or getattr(user, "backend", None) or settings.AUTHENTICATION_BACKENDS[0]

    def login(self, **credentials: Any) -> bool:
        user = authenticate(None, **credentials)
        if user is None:
            return False
        self.force_login(user, user.backend)
        return True

    async def alogin(self, **credentials: Any) -> bool:
        user = await aauthenticate(None, **credentials)
        if user is None:
            return False
        await self.aforce_login(user, user.backend)
        return True

    def force_login(self, user: Any, backend: str | None = None) -> None:
        session = self.client.session
        login(self._request(session), user, self._backend(user, backend))
        session.save()

    async def aforce_login(self, user: Any, backend: str | None = None) -> None:
        session = self.client.session
        await alogin(self._request(session), user, self._backend(user, backend))
        await session.asave()

    def logout(self) -> None:
        request = self._request(self.client.session)
        request.user = get_user(request)
        logout(request)
        self.client.cookies.pop(settings.SESSION_COOKIE_NAME, None)

    async def alogout(self) -> None:
        request = self._request(self.client.session)
        request.user = await aget_user(request)
        await alogout(request)
        self.client.cookies.pop(settings.SESSION_COOKIE_NAME, None)
