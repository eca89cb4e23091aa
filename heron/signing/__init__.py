"""Signed values: HMAC-SHA256 signatures keyed from ``SECRET_KEY``, with timestamps and JSON."""

from .exceptions import BadSignature as BadSignature
from .exceptions import SignatureExpired as SignatureExpired
from .serialization import dumps as dumps
from .serialization import loads as loads
from .signer import Signer as Signer
from .signer import TimestampSigner as TimestampSigner
from .signer import b62_decode as b62_decode
from .signer import b62_encode as b62_encode

__all__ = [
    "BadSignature",
    "SignatureExpired",
    "Signer",
    "TimestampSigner",
    "b62_decode",
    "b62_encode",
    "dumps",
    "loads",
]
