"""``dumps``/``loads``: sign a JSON-serializable object into a URL-safe string and back."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from .signer import TimestampSigner

__all__ = ["dumps", "loads"]

DEFAULT_SALT = "heron.signing"


def dumps(
    obj: Any,
    key: str | None = None,
    salt: str = DEFAULT_SALT,
    *,
    compress: bool = False,
    serializer: Callable[[Any], bytes] | None = None,
) -> str:
    """Return ``obj`` as JSON, signed with a timestamp (URL and cookie safe).

    ``compress=True`` zlib-compresses the JSON when that makes it shorter. The result is
    signed, not encrypted: anyone can read it, nobody without the key can change it.
    """
    signer = TimestampSigner(key, salt=salt)
    return signer.sign_object(obj, serializer=serializer, compress=compress)


def loads(
    signed: str,
    key: str | None = None,
    salt: str = DEFAULT_SALT,
    *,
    max_age: float | timedelta | None = None,
    fallback_keys: Sequence[str] | None = None,
    deserializer: Callable[[bytes], Any] | None = None,
) -> Any:
    """Verify a ``dumps`` string and return its object.

    Raises ``BadSignature`` when it was tampered with, and ``SignatureExpired`` when it is
    older than ``max_age`` seconds.
    """
    signer = TimestampSigner(key, salt=salt, fallback_keys=fallback_keys)
    return signer.unsign_object(signed, deserializer=deserializer, max_age=max_age)
