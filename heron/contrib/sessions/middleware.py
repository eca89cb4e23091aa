"""``SessionMiddleware``: ``request.session`` on the way in, save and cookie on the way out.

A request whose code never touches ``request.session`` pays for one small object: no
cookie parsing, no I/O, no ``Set-Cookie``, no ``Vary``. Otherwise, at the end:

* ``Vary: Cookie`` when the session was read (the page depends on who asked);
* a modified (or, with ``SESSION_SAVE_EVERY_REQUEST``, any non-empty) session is saved with
  ``asave`` and its cookie set, unless the response is a server error;
* an emptied session (``flush()``) whose cookie the client sent gets the cookie deleted.
"""

from __future__ import annotations

import importlib
import logging
import time
from email.utils import formatdate
from typing import TYPE_CHECKING, Any

from heron.apps import apps
from heron.conf import ImproperlyConfigured, settings
from heron.middleware.base import HookMiddleware

from .exceptions import CreateError, SessionInterrupted, UpdateError

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase
    from heron.middleware.base import AsyncHandler

    from .backends.base import SessionBase

__all__ = ["SessionMiddleware", "load_engine"]

logger = logging.getLogger("heron.contrib.sessions")
APP = "heron.contrib.sessions"
_new = object.__new__


def load_engine(path: str | None = None) -> type[SessionBase]:
    """The ``SessionStore`` class of ``SESSION_ENGINE`` (or of ``path``)."""
    engine = path or str(settings.SESSION_ENGINE)
    try:
        module = importlib.import_module(engine)
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"SESSION_ENGINE {engine!r} could not be imported ({exc}). Use one of "
            "heron.contrib.sessions.backends.db, .cache, .cached_db or .signed_cookies."
        ) from exc
    store = getattr(module, "SessionStore", None)
    if not isinstance(store, type):
        raise ImproperlyConfigured(
            f"SESSION_ENGINE {engine!r} is a module without a SessionStore class."
        )
    return store


def _patch_vary_cookie(response: HttpResponseBase) -> None:
    vary = response.headers.get("Vary")
    if vary is None:
        response.headers["Vary"] = "Cookie"
    elif "cookie" not in {part.strip().lower() for part in vary.split(",")} and vary != "*":
        response.headers["Vary"] = vary + ", Cookie"


class SessionMiddleware(HookMiddleware):
    """Add ``heron.contrib.sessions.middleware.SessionMiddleware`` to ``MIDDLEWARE`` (before
    the messages, CSRF and authentication middleware, which use the session)."""

    def __init__(self, get_response: AsyncHandler) -> None:
        super().__init__(get_response)
        self.store = load_engine()
        if getattr(self.store, "model", None) is not None and not apps.is_installed(APP):
            raise ImproperlyConfigured(
                f"SESSION_ENGINE {settings.SESSION_ENGINE!r} keeps sessions in the database, "
                f"but {APP!r} is not in INSTALLED_APPS: add it (then run `heron migrate`), or "
                'use SESSION_ENGINE = "heron.contrib.sessions.backends.signed_cookies".'
            )
        self.cookie_name = str(settings.SESSION_COOKIE_NAME)
        self.cookie_domain: str | None = settings.SESSION_COOKIE_DOMAIN
        self.cookie_path = str(settings.SESSION_COOKIE_PATH)
        self.cookie_secure = bool(settings.SESSION_COOKIE_SECURE)
        self.cookie_httponly = bool(settings.SESSION_COOKIE_HTTPONLY)
        self.cookie_samesite: str | None = settings.SESSION_COOKIE_SAMESITE
        self.save_every_request = bool(settings.SESSION_SAVE_EVERY_REQUEST)

    def process_request(self, request: HttpRequest) -> None:
        # SessionBase.for_request() inlined: this runs on every request.
        session = _new(self.store)
        session._request = request
        request.session = session  # type: ignore[attr-defined]

    async def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        session: Any = getattr(request, "session", None)
        if session is None:
            return response
        if not (session.accessed or session.modified or self.save_every_request):
            # Untouched: nothing to do (the common case, kept first). Unlink the session from
            # the request so the pair is freed at once rather than by the cycle collector.
            session._request = None
            return response
        if session.accessed:
            _patch_vary_cookie(response)
        empty = session.is_empty()
        if not empty and (session.modified or self.save_every_request):
            if response.status_code >= 500:
                return response
            await session.aload()  # kept alive by SESSION_SAVE_EVERY_REQUEST: maybe unread
            empty = session.is_empty()  # an unknown key the client sent, nothing to keep
            if not empty:
                try:
                    await session.asave()
                except CreateError as exc:
                    # The store cannot take a new session (say, Redis is down): the page is
                    # still served, without a session cookie.
                    logger.warning("The session was not saved: %s", exc)
                    return response
                except UpdateError:
                    raise SessionInterrupted(
                        "The session was deleted before the request finished (for example "
                        "by signing out in another tab or window). Please try again."
                    ) from None
                self._set_cookie(session, response)
                return response
        if empty and self.cookie_name in request.COOKIES:
            response.delete_cookie(
                self.cookie_name,
                path=self.cookie_path,
                domain=self.cookie_domain,
                samesite=self.cookie_samesite,
            )
            _patch_vary_cookie(response)
        return response

    def _set_cookie(self, session: SessionBase, response: HttpResponseBase) -> None:
        max_age: int | None = None
        expires: str | None = None
        if not session.get_expire_at_browser_close():
            max_age = session.get_expiry_age()
            expires = formatdate(time.time() + max_age, usegmt=True)
        response.set_cookie(
            self.cookie_name,
            session.session_key or "",
            max_age=max_age,
            expires=expires,
            path=self.cookie_path,
            domain=self.cookie_domain,
            secure=self.cookie_secure,
            httponly=self.cookie_httponly,
            samesite=self.cookie_samesite,
        )
