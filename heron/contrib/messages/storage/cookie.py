"""``CookieStorage``: messages in a signed cookie, read back on the next request.

The cookie is signed with ``heron.signing`` (salt ``heron.contrib.messages``), so a
tampered or forged cookie is ignored (and deleted). It is limited to
``MESSAGE_COOKIE_MAX_SIZE`` bytes: when the messages do not fit, the oldest are dropped
until they do, and a warning is logged naming how many were lost.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from heron.conf import settings
from heron.signing import BadSignature, Signer

from .base import BaseStorage, Message, decode_messages, encode_messages

if TYPE_CHECKING:
    from heron.http import HttpResponseBase

__all__ = ["CookieStorage"]

logger = logging.getLogger("heron.contrib.messages")

SALT = "heron.contrib.messages"


class CookieStorage(BaseStorage):
    """Messages kept in the ``MESSAGE_COOKIE_NAME`` cookie (signed, size-limited)."""

    @property
    def cookie_name(self) -> str:
        return str(getattr(settings, "MESSAGE_COOKIE_NAME", "messages"))

    @property
    def max_cookie_size(self) -> int:
        return int(getattr(settings, "MESSAGE_COOKIE_MAX_SIZE", 2048))

    def _signer(self) -> Signer:
        return Signer(salt=SALT)

    def encode(self, messages: list[Message]) -> str:
        """The cookie value for ``messages``."""
        return self._signer().sign_object(encode_messages(messages), compress=True)

    def decode(self, value: str) -> list[Message]:
        """The messages in a cookie value; ``BadSignature``/``ValueError`` when it is bad."""
        return decode_messages(self._signer().unsign_object(value))

    def _get(self) -> list[Message]:
        value = self.request.COOKIES.get(self.cookie_name)
        if not value:
            return []
        try:
            return self.decode(value)
        except (BadSignature, ValueError):
            logger.warning("Ignoring a messages cookie with a bad signature or content.")
            self.used = True  # so update() deletes the bad cookie
            return []

    def _store(self, messages: list[Message], response: HttpResponseBase) -> list[Message]:
        kept = list(messages)
        value = self.encode(kept) if kept else ""
        while kept and len(value) > self.max_cookie_size:
            kept.pop(0)
            value = self.encode(kept) if kept else ""
        dropped = messages[: len(messages) - len(kept)]
        if dropped:
            logger.warning(
                "Dropped the %d oldest message(s): the messages cookie would exceed "
                "MESSAGE_COOKIE_MAX_SIZE (%d bytes).",
                len(dropped),
                self.max_cookie_size,
            )
        self._write(value, response)
        return dropped

    def _write(self, value: str, response: HttpResponseBase) -> None:
        options: dict[str, Any] = {
            "path": getattr(settings, "MESSAGE_COOKIE_PATH", "/"),
            "domain": getattr(settings, "MESSAGE_COOKIE_DOMAIN", None),
        }
        if value:
            response.set_cookie(
                self.cookie_name,
                value,
                secure=bool(getattr(settings, "MESSAGE_COOKIE_SECURE", False)),
                httponly=True,
                samesite=getattr(settings, "MESSAGE_COOKIE_SAMESITE", "Lax"),
                **options,
            )
        elif self.cookie_name in self.request.COOKIES:
            response.delete_cookie(self.cookie_name, **options)
