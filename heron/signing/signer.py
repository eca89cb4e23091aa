"""``Signer`` and ``TimestampSigner``: append an HMAC-SHA256 signature to a string.

The HMAC key is derived from ``SECRET_KEY`` (or an explicit ``key``) and a ``salt``, so a
value signed for one purpose (a messages cookie, say) never verifies for another. While a
key is being rotated, signatures made with any key in ``SECRET_KEY_FALLBACKS`` still verify;
new signatures always use the current key. Comparisons are constant-time.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
import zlib
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import Any

from heron.conf import ImproperlyConfigured, settings

from .exceptions import BadSignature, SignatureExpired

__all__ = ["Signer", "TimestampSigner", "b62_decode", "b62_encode", "b64_decode", "b64_encode"]

_B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_B64_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=")
# A compressed payload never exceeds this once inflated (guards against zip bombs).
MAX_DECOMPRESSED = 1024 * 1024


def b62_encode(number: int) -> str:
    """Write a non-negative integer in base 62 (digits, then upper, then lower case)."""
    if number < 0:
        raise ValueError("b62_encode() takes a non-negative integer.")
    digits = []
    while True:
        number, rest = divmod(number, 62)
        digits.append(_B62[rest])
        if not number:
            return "".join(reversed(digits))


def b62_decode(text: str) -> int:
    """Read a base 62 integer written by ``b62_encode``; ``ValueError`` on a foreign digit."""
    if not text:
        raise ValueError("An empty string is not a base 62 number.")
    number = 0
    for char in text:
        index = _B62.find(char)
        if index < 0:
            raise ValueError(f"{char!r} is not a base 62 digit.")
        number = number * 62 + index
    return number


def b64_encode(data: bytes) -> str:
    """URL-safe base 64 without padding."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64_decode(text: str) -> bytes:
    """Inverse of ``b64_encode``; raises ``BadSignature`` on malformed input."""
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as exc:
        raise BadSignature("The signed payload is not valid base 64.") from exc


def _current_keys() -> tuple[str, list[str]]:
    secret = settings.SECRET_KEY
    if not secret:
        raise ImproperlyConfigured(
            "The SECRET_KEY setting must not be empty: heron.signing derives its keys from it."
        )
    return str(secret), [str(key) for key in getattr(settings, "SECRET_KEY_FALLBACKS", [])]


class Signer:
    """Sign strings: ``signer.sign("hello")`` -> ``"hello:<signature>"``.

    ``key`` defaults to ``SECRET_KEY`` and ``fallback_keys`` to ``SECRET_KEY_FALLBACKS``;
    ``salt`` namespaces the signatures (use one per purpose). ``sep`` separates the value
    from its signature and must not be a URL-safe base 64 character.
    """

    def __init__(
        self,
        key: str | None = None,
        *,
        sep: str = ":",
        salt: str | None = None,
        fallback_keys: Sequence[str] | None = None,
    ) -> None:
        if not sep or set(sep) & _B64_ALPHABET:
            raise ValueError(
                f"Unsafe Signer separator {sep!r}: it must not contain letters, digits, "
                "'-', '_' or '='."
            )
        if key is None:
            key, fallbacks = _current_keys()
            self.fallback_keys = list(fallbacks if fallback_keys is None else fallback_keys)
        else:
            self.fallback_keys = list(fallback_keys or [])
        self.key = key
        self.sep = sep
        self.salt = salt if salt is not None else f"{type(self).__module__}.{type(self).__name__}"

    def signature(self, value: str, key: str | None = None) -> str:
        """Return the signature of ``value`` made with ``key`` (the current key by default)."""
        derived = hashlib.sha256(f"heron.signing|{self.salt}|{key or self.key}".encode()).digest()
        digest = hmac.new(derived, value.encode(), hashlib.sha256).digest()
        return b64_encode(digest)

    def sign(self, value: str) -> str:
        """Return ``value`` followed by the separator and its signature."""
        return f"{value}{self.sep}{self.signature(value)}"

    def unsign(self, signed_value: str) -> str:
        """Return the original value; raise ``BadSignature`` if the signature does not match."""
        if not isinstance(signed_value, str) or self.sep not in signed_value:
            raise BadSignature(f"No {self.sep!r} separator found in the signed value.")
        value, signature = signed_value.rsplit(self.sep, 1)
        for key in (self.key, *self.fallback_keys):
            if hmac.compare_digest(signature.encode(), self.signature(value, key).encode()):
                return value
        raise BadSignature(f"Signature {signature!r} does not match.")

    def sign_object(
        self,
        obj: Any,
        *,
        serializer: Callable[[Any], bytes] | None = None,
        compress: bool = False,
    ) -> str:
        """Serialize ``obj`` (JSON by default), optionally compress it, and sign it.

        The payload is URL-safe base 64; a compressed one starts with ``.``.
        """
        data = (serializer or _json_dumps)(obj)
        prefix = ""
        if compress:
            packed = zlib.compress(data)
            if len(packed) < len(data) - 1:
                data, prefix = packed, "."
        return self.sign(prefix + b64_encode(data))

    def unsign_object(
        self, signed_obj: str, *, deserializer: Callable[[bytes], Any] | None = None, **kwargs: Any
    ) -> Any:
        """Verify ``signed_obj`` and return the object ``sign_object`` stored in it."""
        payload = self.unsign(signed_obj, **kwargs)
        compressed = payload.startswith(".")
        data = b64_decode(payload[1:] if compressed else payload)
        if compressed:
            inflater = zlib.decompressobj()
            try:
                data = inflater.decompress(data, MAX_DECOMPRESSED)
            except zlib.error as exc:
                raise BadSignature("The signed payload does not decompress.") from exc
            if inflater.unconsumed_tail:
                raise BadSignature("The signed payload is too large once decompressed.")
        try:
            return (deserializer or _json_loads)(data)
        except ValueError as exc:
            raise BadSignature("The signed payload is not valid JSON.") from exc


class TimestampSigner(Signer):
    """A ``Signer`` that also signs the time: ``unsign(value, max_age=60)`` checks its age."""

    def timestamp(self) -> str:
        return b62_encode(int(time.time()))

    def sign(self, value: str) -> str:
        return super().sign(f"{value}{self.sep}{self.timestamp()}")

    def unsign(self, signed_value: str, max_age: float | timedelta | None = None) -> str:
        """Return the value; raise ``SignatureExpired`` if it is older than ``max_age`` seconds."""
        stamped = super().unsign(signed_value)
        if self.sep not in stamped:
            raise BadSignature("The signed value carries no timestamp.")
        value, stamp = stamped.rsplit(self.sep, 1)
        try:
            signed_at = b62_decode(stamp)
        except ValueError as exc:
            raise BadSignature(f"Malformed timestamp {stamp!r}.") from exc
        if max_age is not None:
            if isinstance(max_age, timedelta):
                max_age = max_age.total_seconds()
            age = time.time() - signed_at
            if age > max_age:
                raise SignatureExpired(f"Signature age {age:.0f} > {max_age:g} seconds.")
        return value


def _json_dumps(obj: Any) -> bytes:
    import orjson

    return orjson.dumps(obj)


def _json_loads(data: bytes) -> Any:
    import orjson

    return orjson.loads(data)
