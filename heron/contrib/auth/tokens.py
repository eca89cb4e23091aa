"""Password reset tokens: signed, expiring, single-use.

A token is ``<timestamp>-<hmac>``: the HMAC (keyed by ``SECRET_KEY``) covers the user's
primary key, password hash, last sign-in time, email and the timestamp. Setting a new
password changes the hash, and signing in changes ``last_login``, so a used link stops
working; a link older than ``PASSWORD_RESET_TIMEOUT`` seconds fails too. Nothing is stored
on the server.
"""

from __future__ import annotations

import base64
import time
from typing import Any

from heron.conf import settings

from .crypto import constant_time_compare, salted_hmac

__all__ = [
    "PasswordResetTokenGenerator",
    "default_token_generator",
    "uid_decode",
    "uid_encode",
]

_EPOCH = 978307200  # 2001-01-01: keeps the base-36 timestamps short


def _b36(number: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        number, rest = divmod(number, 36)
        out = digits[rest] + out
        if not number:
            return out


def uid_encode(pk: Any) -> str:
    """The user's primary key for a URL (``reset/<uidb64>/<token>/``)."""
    return base64.urlsafe_b64encode(str(pk).encode()).decode().rstrip("=")


def uid_decode(uidb64: str) -> str | None:
    """The primary key from ``uid_encode``; None when it is not valid base64 text."""
    try:
        padded = uidb64 + "=" * (-len(uidb64) % 4)
        return base64.urlsafe_b64decode(padded.encode("ascii")).decode()
    except (ValueError, UnicodeError):
        return None


class PasswordResetTokenGenerator:
    """Make and check reset tokens; subclass and change ``key_salt`` for other one-time
    links (email confirmation...)."""

    key_salt = "heron.contrib.auth.tokens.PasswordResetTokenGenerator"

    def _now(self) -> int:
        return int(time.time()) - _EPOCH

    def _state(self, user: Any, timestamp: int) -> str:
        """What the token is bound to: it stops matching when any of it changes."""
        login = getattr(user, "last_login", None)
        login_ts = "" if login is None else login.replace(microsecond=0, tzinfo=None).isoformat()
        email = getattr(user, user.get_email_field_name(), "") or ""
        return f"{user.pk}{user.password}{login_ts}{timestamp}{email}"

    def _make(self, user: Any, timestamp: int, secret: str | None = None) -> str:
        digest = salted_hmac(self.key_salt, self._state(user, timestamp), secret=secret)
        return f"{_b36(timestamp)}-{digest[::2]}"

    def make_token(self, user: Any) -> str:
        """A token for ``user``, valid for ``PASSWORD_RESET_TIMEOUT`` seconds."""
        return self._make(user, self._now())

    def check_token(self, user: Any, token: str | None) -> bool:
        """Whether ``token`` was made for ``user`` as it is now, and has not expired."""
        if not (user and token) or token.count("-") != 1:
            return False
        ts_text, _ = token.split("-")
        try:
            timestamp = int(ts_text, 36)
        except ValueError:
            return False
        if len(ts_text) > 13:
            return False
        secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
        if not any(
            constant_time_compare(self._make(user, timestamp, key), token) for key in secrets
        ):
            return False
        age = self._now() - timestamp
        return age <= int(settings.PASSWORD_RESET_TIMEOUT)


default_token_generator = PasswordResetTokenGenerator()
