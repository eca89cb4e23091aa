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

    async def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        # Async: storing in the session may need to load it first, which must not block the
        # event loop this hook runs on.
        storage = getattr(request, "_messages", None)
        if storage is not None:
            await storage.aupdate(response)
        return response
