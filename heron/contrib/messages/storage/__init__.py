"""Where messages wait between requests: ``MESSAGE_STORAGE`` picks the class."""

from __future__ import annotations

from typing import TYPE_CHECKING

from heron._internal.imports import import_string
from heron.conf import settings

from .base import BaseStorage as BaseStorage
from .base import Message as Message
from .cookie import CookieStorage as CookieStorage
from .fallback import FallbackStorage as FallbackStorage
from .session import SessionStorage as SessionStorage

if TYPE_CHECKING:
    from heron.http import HttpRequest

__all__ = [
    "BaseStorage",
    "CookieStorage",
    "FallbackStorage",
    "Message",
    "SessionStorage",
    "default_storage",
]


def default_storage(request: HttpRequest) -> BaseStorage:
    """An instance of the ``MESSAGE_STORAGE`` class for ``request``."""
    path = getattr(settings, "MESSAGE_STORAGE", None) or (
        "heron.contrib.messages.storage.fallback.FallbackStorage"
    )
    storage: BaseStorage = import_string(path, setting="MESSAGE_STORAGE")(request)
    return storage
