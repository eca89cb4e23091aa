"""Keyed hashes for the auth app (session auth hash, reset tokens)."""

from __future__ import annotations

import hashlib
import hmac

from heron.conf import settings

__all__ = ["constant_time_compare", "salted_hmac"]


def salted_hmac(key_salt: str, value: str, *, secret: str | None = None) -> str:
    """HMAC-SHA256 of ``value`` under a key derived from ``SECRET_KEY`` (or ``secret``) and
    ``key_salt``, so one secret yields unrelated keys for unrelated uses; hex digest."""
    secret = settings.SECRET_KEY if secret is None else secret
    key = hashlib.sha256(f"{key_salt}{secret}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def constant_time_compare(a: str, b: str) -> bool:
    """Compare two strings in time that does not depend on where they differ."""
    return hmac.compare_digest(a.encode(), b.encode())
