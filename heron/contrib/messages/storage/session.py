"""``SessionStorage``: messages in ``request.session`` (any mapping), under ``_messages``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from heron.conf import ImproperlyConfigured

from .base import BaseStorage, Message, decode_messages, encode_messages

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = ["SessionStorage"]

SESSION_KEY = "_messages"


class SessionStorage(BaseStorage):
    """Messages kept in the session: no size limit, nothing sent to the browser."""

    session_key = SESSION_KEY

    def __init__(self, request: HttpRequest) -> None:
        if not hasattr(request, "session"):
            raise ImproperlyConfigured(
                "SessionStorage needs request.session: put the sessions middleware before "
                "heron.contrib.messages.middleware.MessageMiddleware in MIDDLEWARE, or use "
                "CookieStorage."
            )
        super().__init__(request)

    @property
    def session(self) -> Any:
        return self.request.session  # type: ignore[attr-defined]

    async def aupdate(self, response: HttpResponseBase) -> list[Message]:
        if (self.used or self.added_new) and hasattr(self.session, "aload"):
            await self.session.aload()  # a lazy session (heron.contrib.sessions): read it first
        return self.update(response)

    def _get(self) -> list[Message]:
        data = self.session.get(self.session_key)
        if not data:
            return []
        try:
            return decode_messages(data)
        except ValueError:
            self.used = True  # drop what cannot be read
            return []

    def _store(self, messages: list[Message], response: HttpResponseBase) -> list[Message]:
        if messages:
            self.session[self.session_key] = encode_messages(messages)
        elif self.session_key in self.session:
            del self.session[self.session_key]
        return []
