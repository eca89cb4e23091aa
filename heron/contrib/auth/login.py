"""Signing in and out: ``login``, ``logout``, ``get_user``, ``update_session_auth_hash``.

The session holds three keys after ``login()``: the user's primary key, the dotted path of
the backend that authenticated it, and the *session auth hash* (an HMAC of the password
hash). ``get_user()`` checks the hash on every request, so changing the password signs out
every other session of that user. ``login()`` changes the session key (against session
fixation) and the CSRF secret.

Each function has an async twin for async views (``alogin``...); both call the same
I/O-free helpers and differ only in how they reach the session and the database.
"""

from __future__ import annotations

import asyncio
from typing import Any

from heron.conf import settings
from heron.middleware.csrf import rotate_token

from .anonymous import AnonymousUser
from .backend_list import backends_with_paths, load_backend
from .crypto import constant_time_compare
from .signals import user_logged_in, user_logged_out

__all__ = [
    "BACKEND_SESSION_KEY",
    "HASH_SESSION_KEY",
    "SESSION_KEY",
    "aget_user",
    "alogin",
    "alogout",
    "aupdate_session_auth_hash",
    "get_user",
    "login",
    "logout",
    "update_session_auth_hash",
]

SESSION_KEY = "_auth_user_id"
BACKEND_SESSION_KEY = "_auth_user_backend"
HASH_SESSION_KEY = "_auth_user_hash"


def _session(request: Any) -> Any:
    session = getattr(request, "session", None)
    if session is None:
        raise RuntimeError(
            "login() and logout() need request.session: add "
            "'heron.contrib.sessions.middleware.SessionMiddleware' to MIDDLEWARE (before "
            "AuthenticationMiddleware)."
        )
    return session


def _backend_path(user: Any, backend: Any) -> str:
    if backend is not None:
        if isinstance(backend, str):
            return backend
        return f"{type(backend).__module__}.{type(backend).__qualname__}"
    path = getattr(user, "backend", None)
    if path:
        return str(path)
    choices = backends_with_paths()
    if len(choices) == 1:
        return choices[0][1]
    raise ValueError(
        "Several AUTHENTICATION_BACKENDS are configured and the user was not returned by "
        "authenticate(): pass login(request, user, backend='dotted.path.Backend')."
    )


def _must_flush(session: Any, user: Any, auth_hash: str) -> bool:
    """Whether the session belongs to someone else (flush it) rather than to this user
    signing in again (keep its data, change its key)."""
    if SESSION_KEY not in session:
        return False
    if session[SESSION_KEY] != str(user.pk):
        return True
    stored = session.get(HASH_SESSION_KEY, "")
    return bool(auth_hash) and not constant_time_compare(stored, auth_hash)


def _store(request: Any, user: Any, backend_path: str, auth_hash: str) -> None:
    session = request.session
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = backend_path
    session[HASH_SESSION_KEY] = auth_hash
    rotate_token(request)
    request.user = user
    if hasattr(request, "_cached_user"):
        request._cached_user = user


def login(request: Any, user: Any, backend: Any = None) -> None:
    """Sign ``user`` in for this session: new session key, new CSRF secret, user id,
    backend and session auth hash stored; sends ``user_logged_in`` (which records
    ``last_login``)."""
    session = _session(request)
    auth_hash = user.get_session_auth_hash() if hasattr(user, "get_session_auth_hash") else ""
    path = _backend_path(user, backend)
    if _must_flush(session, user, auth_hash):
        session.flush()
    else:
        session.cycle_key()
    _store(request, user, path, auth_hash)
    user_logged_in.send(sender=type(user), request=request, user=user)


async def alogin(request: Any, user: Any, backend: Any = None) -> None:
    """``login()`` for async views."""
    session = _session(request)
    await session.aload()
    auth_hash = user.get_session_auth_hash() if hasattr(user, "get_session_auth_hash") else ""
    path = _backend_path(user, backend)
    if _must_flush(session, user, auth_hash):
        await session.aflush()
    else:
        await session.acycle_key()
    _store(request, user, path, auth_hash)
    await user_logged_in.asend(sender=type(user), request=request, user=user)


def _signed_in(user: Any) -> Any:
    if user is not None and not getattr(user, "is_authenticated", False):
        return None
    return user


def _signed_in_user(request: Any) -> Any:
    return _signed_in(getattr(request, "user", None))


async def _asigned_in_user(request: Any) -> Any:
    """The request's user without a blocking load (``request.user`` is lazy)."""
    auser = getattr(request, "auser", None)
    return _signed_in(await auser() if auser is not None else getattr(request, "user", None))


def logout(request: Any) -> None:
    """Sign out: sends ``user_logged_out``, empties the session (new key) and sets
    ``request.user`` to ``AnonymousUser``."""
    user = _signed_in_user(request)
    user_logged_out.send(sender=type(user), request=request, user=user)
    _session(request).flush()
    request.user = AnonymousUser()


async def alogout(request: Any) -> None:
    """``logout()`` for async views."""
    user = await _asigned_in_user(request)
    await user_logged_out.asend(sender=type(user), request=request, user=user)
    await _session(request).aflush()
    request.user = AnonymousUser()


def _backend_for(session: Any) -> tuple[Any, Any] | None:
    """``(user id, backend)`` from the session, or None if nobody is signed in (or the
    backend is no longer configured)."""
    try:
        user_id = session[SESSION_KEY]
        path = session[BACKEND_SESSION_KEY]
    except KeyError:
        return None
    if path not in getattr(settings, "AUTHENTICATION_BACKENDS", ()):
        return None
    return user_id, load_backend(path)


def _verified(session: Any, user: Any) -> bool:
    """Check the session auth hash (re-storing it when only a fallback key matches);
    False means the password changed since this session signed in."""
    if not hasattr(user, "get_session_auth_hash"):
        return True
    stored = session.get(HASH_SESSION_KEY)
    if not stored:
        return False
    if constant_time_compare(stored, user.get_session_auth_hash()):
        return True
    for fallback in user.get_session_auth_fallback_hash():
        if constant_time_compare(stored, fallback):
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            return True
    return False


def get_user(request: Any) -> Any:
    """Return the user signed in on ``request``'s session, or an ``AnonymousUser``."""
    session = _session(request)
    found = _backend_for(session)
    if found is None:
        return AnonymousUser()
    user_id, backend = found
    user = backend.get_user(user_id)
    if user is None:
        return AnonymousUser()
    if not _verified(session, user):
        session.flush()
        return AnonymousUser()
    return user


async def aget_user(request: Any) -> Any:
    """``get_user()`` for async code."""
    session = _session(request)
    await session.aload()
    found = _backend_for(session)
    if found is None:
        return AnonymousUser()
    user_id, backend = found
    method = getattr(backend, "aget_user", None)
    if method is not None:
        user = await method(user_id)
    else:
        user = await asyncio.to_thread(backend.get_user, user_id)
    if user is None:
        return AnonymousUser()
    if not _verified(session, user):
        await session.aflush()
        return AnonymousUser()
    return user


def _rehash(current: Any, user: Any) -> bool:
    return hasattr(user, "get_session_auth_hash") and current == user


def update_session_auth_hash(request: Any, user: Any) -> None:
    """Keep this session signed in after ``user`` changed its password (other sessions are
    signed out); changes the session key too."""
    session = _session(request)
    session.cycle_key()
    if _rehash(getattr(request, "user", None), user):
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()


async def aupdate_session_auth_hash(request: Any, user: Any) -> None:
    session = _session(request)
    await session.acycle_key()
    if _rehash(await _asigned_in_user(request), user):
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
