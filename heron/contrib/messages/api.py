"""Add messages in a view; read them in the next page's template.

``messages.success(request, "Saved.")`` queues a message; ``get_messages(request)`` (the
``messages`` template global) yields each message once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from heron.conf import settings

from . import constants
from .exceptions import MessageFailure

if TYPE_CHECKING:
    from heron.http import HttpRequest

    from .storage import BaseStorage

__all__ = [
    "add_message",
    "debug",
    "error",
    "get_level",
    "get_messages",
    "info",
    "set_level",
    "success",
    "warning",
]


def _storage(request: Any) -> BaseStorage | None:
    return getattr(request, "_messages", None)


def add_message(
    request: HttpRequest,
    level: int,
    message: Any,
    extra_tags: str = "",
    fail_silently: bool = False,
) -> None:
    """Queue ``message`` at ``level`` for the user of ``request``.

    Raises ``MessageFailure`` when ``MessageMiddleware`` is not installed (unless
    ``fail_silently``).
    """
    storage = _storage(request)
    if storage is None:
        if fail_silently:
            return
        raise MessageFailure(
            "You cannot add messages without installing "
            "heron.contrib.messages.middleware.MessageMiddleware in MIDDLEWARE."
        )
    storage.add(level, message, extra_tags)


def get_messages(request: Any) -> Any:
    """The request's messages (iterate to show them; each is shown once); ``[]`` without
    ``MessageMiddleware``."""
    storage = _storage(request)
    return storage if storage is not None else []


def get_level(request: HttpRequest) -> int:
    """The lowest level recorded for this request."""
    storage = _storage(request)
    if storage is None:
        return int(getattr(settings, "MESSAGE_LEVEL", constants.INFO))
    return storage.level


def set_level(request: HttpRequest, level: int | None) -> bool:
    """Record messages from ``level`` up for this request (None: back to ``MESSAGE_LEVEL``).

    Returns False when ``MessageMiddleware`` is not installed.
    """
    storage = _storage(request)
    if storage is None:
        return False
    storage.level = level
    return True


def debug(
    request: HttpRequest, message: Any, extra_tags: str = "", fail_silently: bool = False
) -> None:
    """Queue a ``DEBUG`` message (hidden unless ``MESSAGE_LEVEL`` is ``DEBUG``)."""
    add_message(request, constants.DEBUG, message, extra_tags, fail_silently)


def info(
    request: HttpRequest, message: Any, extra_tags: str = "", fail_silently: bool = False
) -> None:
    """Queue an ``INFO`` message."""
    add_message(request, constants.INFO, message, extra_tags, fail_silently)


def success(
    request: HttpRequest, message: Any, extra_tags: str = "", fail_silently: bool = False
) -> None:
    """Queue a ``SUCCESS`` message."""
    add_message(request, constants.SUCCESS, message, extra_tags, fail_silently)


def warning(
    request: HttpRequest, message: Any, extra_tags: str = "", fail_silently: bool = False
) -> None:
    """Queue a ``WARNING`` message."""
    add_message(request, constants.WARNING, message, extra_tags, fail_silently)


def error(
    request: HttpRequest, message: Any, extra_tags: str = "", fail_silently: bool = False
) -> None:
    """Queue an ``ERROR`` message."""
    add_message(request, constants.ERROR, message, extra_tags, fail_silently)
