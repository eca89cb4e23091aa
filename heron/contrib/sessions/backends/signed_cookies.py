"""The ``signed_cookies`` backend: the whole session lives in the cookie, signed.

Nothing is stored on the server: the session key *is* the signed data. The signature
(``heron.signing``, keyed from ``SECRET_KEY``) stops a client from changing the data, but
anyone holding the cookie can read it: keep secrets out of it. The expiry time is signed
with the data, so an old cookie replayed after it expired starts an empty session.

Browsers drop cookies over about 4 KB: a session that does not fit raises
``SessionTooLarge`` when it is saved, naming its size. A signed-out session cannot be
revoked on the server (a copy of the old cookie stays valid until it expires); use the
``db`` or ``cache`` backend where that matters.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from heron.signing import BadSignature
from heron.timezone import now

from ..exceptions import SessionTooLarge
from .base import SessionBase

__all__ = ["MAX_COOKIE_SIZE", "SessionStore"]

#: The longest cookie value browsers are sure to keep (4096 bytes less name and attributes
#: would be stricter; this is the value alone, as other frameworks check it).
MAX_COOKIE_SIZE = 4093
EXPIRES = "_heron.expires"
NONCE = "_heron.nonce"


class SessionStore(SessionBase):
    """Sessions in a signed cookie; there is no server-side store."""

    key_salt = "heron.contrib.sessions.signed_cookies"

    def _valid_key(self, key: str) -> bool:
        return 0 < len(key) <= MAX_COOKIE_SIZE

    def _new_key(self) -> str:
        return ""  # the key is the signed payload, made by encode()

    def encode(self, data: dict[str, Any], expire_date: dt.datetime) -> str:
        # The expiry time and a nonce (which makes every save, cycle_key() included, a
        # different value) travel as two reserved keys of the signed object.
        stamped = {**data, EXPIRES: int(expire_date.timestamp()), NONCE: secrets.token_urlsafe(6)}
        return self._signer().sign_object(stamped, serializer=self.serializer.dumps, compress=True)

    def decode(self, payload: str) -> dict[str, Any] | None:
        try:
            data = self._signer().unsign_object(payload, deserializer=self.serializer.loads)
        except (BadSignature, ValueError, TypeError):
            return None
        if not isinstance(data, dict):
            return None
        expires = data.pop(EXPIRES, None)
        if type(expires) is not int or expires <= now().timestamp():
            return None
        if type(data.pop(NONCE, None)) is not str:
            return None
        return self._checked(data)

    def _io_fetch(self, key: str) -> str | None:
        return key

    def _io_write(
        self, key: str, payload: str, expire_date: dt.datetime, must_create: bool
    ) -> str | None:
        if len(payload) > MAX_COOKIE_SIZE:
            raise SessionTooLarge(
                f"The session is {len(payload)} bytes once signed, over the {MAX_COOKIE_SIZE}"
                "-byte limit of a cookie: store less in it (ids rather than objects), or use "
                'a server-side store: SESSION_ENGINE = "heron.contrib.sessions.backends.db".'
            )
        return payload

    def _io_remove(self, key: str) -> None:
        return None

    def _io_exists(self, key: str) -> bool:
        return False

    async def _aio_fetch(self, key: str) -> str | None:
        return self._io_fetch(key)

    async def _aio_write(
        self, key: str, payload: str, expire_date: dt.datetime, must_create: bool
    ) -> str | None:
        return self._io_write(key, payload, expire_date, must_create)

    async def _aio_remove(self, key: str) -> None:
        return None

    async def _aio_exists(self, key: str) -> bool:
        return False
