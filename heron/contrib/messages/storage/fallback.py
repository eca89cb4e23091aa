"""``FallbackStorage`` (the default): the session when the request has one, else a cookie."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import BaseStorage
from .cookie import CookieStorage
from .session import SessionStorage

if TYPE_CHECKING:
    from heron.http import HttpRequest

__all__ = ["FallbackStorage"]


class FallbackStorage:
    """Pick the storage for a request: ``SessionStorage`` if ``request.session`` exists,
    else ``CookieStorage``. Calling the class returns an instance of the one chosen."""

    def __new__(cls, request: HttpRequest) -> BaseStorage:  # type: ignore[misc]
        if hasattr(request, "session"):
            return SessionStorage(request)
        return CookieStorage(request)
