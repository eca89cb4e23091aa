"""heron.signing: signatures, timestamps, JSON payloads, key rotation."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import pytest

from heron.conf import ImproperlyConfigured
from heron.signing import (
    BadSignature,
    SignatureExpired,
    Signer,
    TimestampSigner,
    b62_decode,
    b62_encode,
    dumps,
    loads,
)

Configure = Callable[..., Any]


def test_sign_and_unsign() -> None:
    signer = Signer()
    signed = signer.sign("hello")
    value, signature = signed.rsplit(":", 1)
    assert value == "hello"
    assert len(signature) == 43  # 32 bytes of HMAC-SHA256, URL-safe base 64 unpadded
    assert signer.unsign(signed) == "hello"
    assert Signer().sign("hello") == signed  # deterministic for one key and salt


@pytest.mark.parametrize(
    ("tampered", "message"),
    [
        ("hellO:{sig}", "does not match"),
        ("hello:{sig}x", "does not match"),
        ("hello:", "does not match"),
        ("hello", "No ':' separator"),
        ("", "No ':' separator"),
    ],
)
def test_tampering_is_detected(tampered: str, message: str) -> None:
    signer = Signer()
    sig = signer.sign("hello").rsplit(":", 1)[1]
    with pytest.raises(BadSignature, match=message):
        signer.unsign(tampered.format(sig=sig))


def test_salt_and_key_separate_signatures() -> None:
    signed = Signer(salt="cookies").sign("v")
    with pytest.raises(BadSignature):
        Signer(salt="links").unsign(signed)
    with pytest.raises(BadSignature):
        Signer("other-key", salt="cookies").unsign(signed)
    assert Signer("explicit").unsign(Signer("explicit").sign("v")) == "v"


def test_rotation_with_fallback_keys(configure: Configure) -> None:
    old = Signer().sign("kept")
    configure(SECRET_KEY="new-key", SECRET_KEY_FALLBACKS=["signing-key"])
    assert Signer().unsign(old) == "kept"
    assert Signer().sign("kept") != old  # new signatures use the new key
    configure(SECRET_KEY="new-key")
    with pytest.raises(BadSignature):
        Signer().unsign(old)


def test_empty_secret_key_is_refused(configure: Configure) -> None:
    configure(SECRET_KEY="", DEBUG=True)  # DEBUG: settings accept an empty key
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY setting must not be empty"):
        Signer()


@pytest.mark.parametrize("sep", ["a", "-", "_", "=", "7", ""])
def test_unsafe_separator(sep: str) -> None:
    with pytest.raises(ValueError, match="Unsafe Signer separator"):
        Signer(sep=sep)


def test_custom_separator() -> None:
    signer = Signer(sep="/")
    assert signer.unsign(signer.sign("a:b")) == "a:b"


def test_timestamp_signer_max_age(monkeypatch: pytest.MonkeyPatch) -> None:
    signer = TimestampSigner()
    now = float(int(time.time()))
    monkeypatch.setattr(time, "time", lambda: now)
    signed = signer.sign("token")
    assert signer.unsign(signed) == "token"
    monkeypatch.setattr(time, "time", lambda: now + 100)
    assert signer.unsign(signed, max_age=200) == "token"
    assert signer.unsign(signed, max_age=dt.timedelta(minutes=5)) == "token"
    with pytest.raises(SignatureExpired, match=r"Signature age 100 > 60 seconds"):
        signer.unsign(signed, max_age=60)
    # A plain signature is not a timestamped one.
    with pytest.raises(BadSignature):
        signer.unsign(Signer(salt=signer.salt).sign("token"))


def test_dumps_and_loads() -> None:
    data = {"user": 7, "roles": ["a", "b"], "name": "Zoë"}
    token = dumps(data)
    assert loads(token) == data
    assert all(c.isalnum() or c in "-_:." for c in token)  # URL and cookie safe
    with pytest.raises(BadSignature):
        loads(token, salt="other")
    with pytest.raises(BadSignature):
        loads(token[:-2] + ("AA" if not token.endswith("AA") else "BB"))


def test_dumps_compress() -> None:
    data = {"text": "spam " * 200}
    plain, packed = dumps(data), dumps(data, compress=True)
    assert len(packed) < len(plain) / 5
    assert packed.startswith(".")
    assert loads(packed) == data
    assert not dumps({"x": 1}, compress=True).startswith(".")  # not worth compressing


def test_loads_max_age(monkeypatch: pytest.MonkeyPatch) -> None:
    now = float(int(time.time()))
    monkeypatch.setattr(time, "time", lambda: now)
    token = dumps([1, 2])
    monkeypatch.setattr(time, "time", lambda: now + 3600)
    assert loads(token, max_age=7200) == [1, 2]
    with pytest.raises(SignatureExpired):
        loads(token, max_age=60)


def test_signed_garbage_payloads_raise_bad_signature() -> None:
    signer = TimestampSigner(salt="heron.signing")
    for payload in ["%%%", ".AAAA", "bm90IGpzb24"]:  # bad base 64, bad zlib, not JSON
        with pytest.raises(BadSignature):
            loads(signer.sign(payload))


def test_compressed_bomb_is_refused() -> None:
    import zlib

    from heron.signing.signer import b64_encode

    bomb = "." + b64_encode(zlib.compress(b"[" + b"0," * 2_000_000 + b"0]"))
    with pytest.raises(BadSignature, match="too large"):
        loads(TimestampSigner(salt="heron.signing").sign(bomb))


def test_base62() -> None:
    for number in [0, 1, 61, 62, 10**12]:
        assert b62_decode(b62_encode(number)) == number
    assert b62_encode(61) == "z"
    with pytest.raises(ValueError, match="not a base 62 digit"):
        b62_decode("a-b")
    with pytest.raises(ValueError):
        b62_encode(-1)
