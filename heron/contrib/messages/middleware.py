"""``MessageMiddleware``: gives each request its message storage and saves it afterwards."""

from __future__ import annotations

from typing import TYPE_CHECKING

from heron.middleware.base import HookMiddleware

from .storage import default_storage

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = ["MessageMiddleware"]


class MessageMiddleware(HookMiddleware):
    """Add ``heron.contrib.messages.middleware.MessageMiddleware`` to ``MIDDLEWARE`` (after
    the sessions middleware, to keep messages in the session)."""

    def process_request(self, request: HttpRequest) -> None:
        request._messages = default_storage(request)  # type: ignore[attr-defined]

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        storage = getattr(request, "_messages", None)
        if storage is not None:
            storage.update(response)
        return response
