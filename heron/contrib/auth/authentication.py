"""``authenticate()`` / ``aauthenticate()``: ask each backend in turn for a user."""

from __future__ import annotations

import asyncio
import inspect
import re
from typing import Any

from heron.http.exceptions import PermissionDenied

from .backend_list import backends_with_paths
from .signals import user_login_failed

__all__ = ["aauthenticate", "authenticate"]

_SECRET = re.compile(r"api|token|key|secret|password|signature", re.IGNORECASE)


def _candidates(request: Any, credentials: dict[str, Any]) -> list[tuple[Any, str]]:
    """The backends whose ``authenticate`` accepts these credentials."""
    found = []
    for backend, path in backends_with_paths():
        try:
            inspect.signature(backend.authenticate).bind(request, **credentials)
        except TypeError:
            continue
        found.append((backend, path))
    return found


def _cleansed(credentials: dict[str, Any]) -> dict[str, Any]:
    return {k: "********" if _SECRET.search(k) else v for k, v in credentials.items()}


def authenticate(request: Any = None, **credentials: Any) -> Any:
    """Return the user these credentials identify, or None.

    The first backend that returns a user wins; a backend raising ``PermissionDenied`` stops
    the search. The user gets a ``backend`` attribute (its dotted path) that ``login()``
    stores in the session.
    """
    for backend, path in _candidates(request, credentials):
        try:
            user = backend.authenticate(request, **credentials)
        except PermissionDenied:
            break
        if user is not None:
            user.backend = path
            return user
    user_login_failed.send(sender=__name__, credentials=_cleansed(credentials), request=request)
    return None


async def aauthenticate(request: Any = None, **credentials: Any) -> Any:
    """``authenticate()`` for async code (backends' ``aauthenticate`` when they have one)."""
    for backend, path in _candidates(request, credentials):
        method = getattr(backend, "aauthenticate", None)
        try:
            if method is not None:
                user = await method(request, **credentials)
            else:
                user = await asyncio.to_thread(backend.authenticate, request, **credentials)
        except PermissionDenied:
            break
        if user is not None:
            user.backend = path
            return user
    await user_login_failed.asend(
        sender=__name__, credentials=_cleansed(credentials), request=request
    )
    return None
