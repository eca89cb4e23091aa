"""Password hashing through the public API: formats, checking, upgrades, unknown users."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import re
import threading
from collections.abc import Iterator
from typing import Any, ClassVar

import argon2
import pytest

from heron.conf import ImproperlyConfigured, settings
from heron.contrib.auth.hashers import (
    UNUSABLE_PASSWORD_PREFIX,
    Argon2PasswordHasher,
    PBKDF2PasswordHasher,
    ScryptPasswordHasher,
    UnsafeTestPasswordHasher,
    acheck_password,
    adummy_check_password,
    check_password,
    dummy_check_password,
    get_hasher,
    get_hashers,
    identify_hasher,
    is_password_usable,
    make_password,
)
from heron.test.environment import setup_test_environment

HERE = "tests.contrib.auth.test_hashers"


# Cheaper settings of the real algorithms, so the matrix below runs in milliseconds.
class CheapPBKDF2(PBKDF2PasswordHasher):
    iterations = 1_000


class CheaperPBKDF2(PBKDF2PasswordHasher):
    iterations = 500


class CheapScrypt(ScryptPasswordHasher):
    work_factor = 2**4


class CheapArgon2(Argon2PasswordHasher):
    memory_cost = 64
    time_cost = 1


class SpyPBKDF2(CheapPBKDF2):
    """Records the work it is asked to do, and on which thread."""

    calls: ClassVar[list[tuple[str, str]]] = []

    def verify(self, password: str | bytes, encoded: str) -> bool:
        self.calls.append(("verify", threading.current_thread().name))
        return super().verify(password, encoded)

    def harden_runtime(self, password: str | bytes, encoded: str) -> None:
        self.calls.append(("harden_runtime", threading.current_thread().name))
        super().harden_runtime(password, encoded)


@pytest.fixture(autouse=True)
def hashers(configured: None) -> Iterator[None]:
    settings.PASSWORD_HASHERS = [
        f"{HERE}.CheapArgon2",
        f"{HERE}.CheapPBKDF2",
        f"{HERE}.CheapScrypt",
    ]
    SpyPBKDF2.calls.clear()
    yield


def use(*names: str) -> None:
    settings.PASSWORD_HASHERS = [name if "." in name else f"{HERE}.{name}" for name in names]


def test_default_hashers_and_their_parameters(configured: None) -> None:
    settings.PASSWORD_HASHERS = [
        "heron.contrib.auth.hashers.Argon2PasswordHasher",
        "heron.contrib.auth.hashers.PBKDF2PasswordHasher",
        "heron.contrib.auth.hashers.ScryptPasswordHasher",
    ]
    from heron.conf import defaults

    assert defaults.PASSWORD_HASHERS == settings.PASSWORD_HASHERS
    assert [h.algorithm for h in get_hashers()] == ["argon2id", "pbkdf2_sha256", "scrypt"]
    assert Argon2PasswordHasher().params() == {"v": 19, "m": 19456, "t": 2, "p": 1}
    assert PBKDF2PasswordHasher().params() == {"i": 600_000}
    assert ScryptPasswordHasher().params() == {"n": 2**17, "r": 8, "p": 1}
    encoded = make_password("correct horse battery")
    assert re.fullmatch(
        r"argon2id\$v=19,m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}", encoded
    )
    assert check_password("correct horse battery", encoded)
    assert not check_password("correct horse batterz", encoded)


def test_argon2_hashes_are_standard_argon2id() -> None:
    """The same bytes as argon2-cffi's own PHC string: the format only moves the fields."""
    encoded = make_password("s3cret", salt="fixedsalt1234567", hasher="argon2id")
    _, params, salt, digest = encoded.split("$")
    fields = dict(part.split("=") for part in params.split(","))

    def b64(raw: bytes) -> str:
        return base64.b64encode(raw).decode().rstrip("=")

    phc = (
        f"$argon2id$v={fields['v']}$m={fields['m']},t={fields['t']},p={fields['p']}"
        f"${b64(salt.encode())}${digest}"
    )
    assert argon2.PasswordHasher().verify(phc, "s3cret")


def test_pbkdf2_matches_hashlib() -> None:
    encoded = make_password("s3cret", salt="abc", hasher="pbkdf2_sha256")
    expected = hashlib.pbkdf2_hmac("sha256", b"s3cret", b"abc", 1_000, 32)
    assert encoded == "pbkdf2_sha256$i=1000$abc$" + base64.b64encode(expected).decode().rstrip("=")


def test_scrypt_matches_hashlib() -> None:
    encoded = make_password("s3cret", salt="abc", hasher="scrypt")
    expected = hashlib.scrypt(b"s3cret", salt=b"abc", n=16, r=8, p=1, dklen=32)
    assert encoded == "scrypt$n=16,r=8,p=1$abc$" + base64.b64encode(expected).decode().rstrip("=")


@pytest.mark.parametrize("algorithm", ["argon2id", "pbkdf2_sha256", "scrypt"])
@pytest.mark.parametrize("password", ["pässwörd 🔑", "", " "])
def test_round_trip(algorithm: str, password: str) -> None:
    encoded = make_password(password, hasher=algorithm)
    assert encoded.startswith(algorithm + "$")
    assert identify_hasher(encoded).algorithm == algorithm
    assert check_password(password, encoded)
    assert not check_password(password + "x", encoded)
    assert make_password(password, hasher=algorithm) != encoded  # a new salt each time


def test_bytes_passwords() -> None:
    encoded = make_password(b"bytes")
    assert check_password(b"bytes", encoded) and check_password("bytes", encoded)


def test_same_salt_same_hash_and_salt_rules() -> None:
    assert make_password("pw", salt="s", hasher="scrypt") == make_password(
        "pw", salt="s", hasher="scrypt"
    )
    assert make_password("pw", salt="12345678") == make_password("pw", salt="12345678")
    with pytest.raises(ValueError, match=r"^argon2id needs a salt of at least 8 bytes\.$"):
        make_password("pw", salt="1234567")
    with pytest.raises(ValueError, match=r"^A salt must be non-empty and must not contain '\$'\.$"):
        make_password("pw", salt="a$b")
    with pytest.raises(TypeError, match=r"^A password must be str or bytes, not int\.$"):
        make_password(123)  # type: ignore[arg-type]


def test_unusable_passwords() -> None:
    unusable = make_password(None)
    assert unusable.startswith(UNUSABLE_PASSWORD_PREFIX) and len(unusable) == 41
    assert make_password(None) != unusable
    assert not is_password_usable(unusable)
    assert not is_password_usable(None)
    assert is_password_usable(make_password("x"))
    for password in ("", unusable, unusable[1:], "x"):
        assert not check_password(password, unusable)
    assert not check_password(None, make_password("x"))
    assert not check_password("x", None)


@pytest.mark.parametrize(
    "encoded",
    [
        "",
        "plain-text-password",
        "md5$a$b$c",
        "pbkdf2_sha256$i=abc$salt$hash",
        "pbkdf2_sha256$$salt$hash",
        "pbkdf2_sha256$i=1000$salt",
        "pbkdf2_sha256$i=1000$$hash",
        "pbkdf2_sha256$x=1000$salt$hash",
        "argon2id$v=19,m=64,t=1$saltsalt$hash",
        "argon2id$v=19,m=1,t=1,p=1$saltsalt$hash",
        "argon2id$v=19,m=64,t=1,p=1$salt$hash",
        "scrypt$n=3,r=8,p=1$salt$hash",
    ],
)
def test_malformed_or_unknown_hashes_never_match(encoded: str) -> None:
    assert not check_password("hash", encoded)
    assert not check_password("", encoded)


def test_identify_and_get_hasher_errors() -> None:
    with pytest.raises(ValueError) as info:
        identify_hasher("md5$a$b$c")
    assert str(info.value) == (
        "Unknown password hashing algorithm 'md5': add its hasher to PASSWORD_HASHERS."
    )
    with pytest.raises(ValueError, match="no algorithm prefix"):
        identify_hasher("plain")
    assert get_hasher().algorithm == "argon2id"
    assert isinstance(get_hasher("scrypt"), CheapScrypt)


def test_hasher_setting_errors() -> None:
    settings.PASSWORD_HASHERS = []
    with pytest.raises(ImproperlyConfigured, match=r"^PASSWORD_HASHERS is empty"):
        make_password("x")
    settings.PASSWORD_HASHERS = ["heron.contrib.auth.hashers.Nope"]
    with pytest.raises(ImproperlyConfigured) as info:
        make_password("x")
    assert str(info.value) == (
        "PASSWORD_HASHERS lists 'heron.contrib.auth.hashers.Nope', which could not be imported."
    )
    settings.PASSWORD_HASHERS = "heron.contrib.auth.hashers.Argon2PasswordHasher"
    with pytest.raises(ImproperlyConfigured, match="must be a list of dotted paths"):
        make_password("x")


def test_first_hasher_hashes_every_hasher_verifies() -> None:
    old = make_password("pw", hasher="pbkdf2_sha256")
    use("CheapScrypt", "CheapPBKDF2")
    assert make_password("pw").startswith("scrypt$")
    assert check_password("pw", old)
    use("CheapScrypt")
    assert not check_password("pw", old)  # no longer listed: never matches


class Recorder:
    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, password: str) -> None:
        self.calls.append(password)


def test_setter_runs_when_the_preferred_algorithm_changed() -> None:
    old = make_password("pw", hasher="pbkdf2_sha256")
    setter = Recorder()
    assert not check_password("wrong", old, setter)
    assert check_password("pw", make_password("pw"), setter)
    assert setter.calls == []
    assert check_password("pw", old, setter)
    assert setter.calls == ["pw"]


def test_setter_runs_when_the_parameters_changed() -> None:
    use("CheaperPBKDF2")
    weaker = make_password("pw")
    assert weaker.startswith("pbkdf2_sha256$i=500$")
    use("CheapPBKDF2")
    setter = Recorder()
    assert check_password("pw", weaker, setter)
    assert setter.calls == ["pw"]
    assert get_hasher().must_update(weaker)
    assert not get_hasher().must_update(make_password("pw"))


def test_wrong_password_against_an_older_hash_does_the_missing_work() -> None:
    use("CheaperPBKDF2")
    weaker = make_password("pw")
    use("SpyPBKDF2")
    assert not check_password("wrong", weaker)
    assert [name for name, _ in SpyPBKDF2.calls] == ["verify", "harden_runtime"]
    SpyPBKDF2.calls.clear()
    assert not check_password("wrong", make_password("pw"))
    assert [name for name, _ in SpyPBKDF2.calls] == ["verify"]


@pytest.mark.parametrize("kind", ["sync setter", "async setter"])
def test_acheck_password_hashes_off_the_event_loop(kind: str) -> None:
    use("SpyPBKDF2")
    old = make_password("pw", hasher=CheaperPBKDF2())
    upgraded: list[str] = []

    def sync_setter(password: str) -> None:
        upgraded.append(password)

    async def async_setter(password: str) -> None:
        upgraded.append(password)

    setter: Any = sync_setter if kind == "sync setter" else async_setter

    async def run() -> tuple[bool, bool]:
        return await acheck_password("pw", old, setter), await acheck_password("no", old, setter)

    assert asyncio.run(run()) == (True, False)
    assert upgraded == ["pw"]
    assert SpyPBKDF2.calls and all(thread.startswith("heron-sync") for _, thread in SpyPBKDF2.calls)


def test_dummy_check_does_the_preferred_hashers_work() -> None:
    use("SpyPBKDF2")
    assert dummy_check_password("anything") is False
    assert dummy_check_password(None) is False
    assert [name for name, _ in SpyPBKDF2.calls] == ["verify", "verify"]
    assert asyncio.run(adummy_check_password("anything")) is False
    assert SpyPBKDF2.calls[-1][1].startswith("heron-sync")


def test_summary_masks_salt_and_hash() -> None:
    encoded = make_password("pw", salt="abcdefghij", hasher="pbkdf2_sha256")
    summary = identify_hasher(encoded).summary(encoded)
    assert summary["algorithm"] == "pbkdf2_sha256" and summary["i"] == "1000"
    assert summary["salt"] == "abcdef****"
    assert summary["hash"].startswith(encoded.rsplit("$", 1)[1][:6]) and summary["hash"].endswith(
        "*"
    )


def test_tests_hash_with_the_fast_hasher_first() -> None:
    settings.PASSWORD_HASHERS = [
        "heron.contrib.auth.hashers.Argon2PasswordHasher",
        "heron.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    argon = make_password("pw")
    setup_test_environment()
    assert settings.PASSWORD_HASHERS == [
        "heron.contrib.auth.hashers.UnsafeTestPasswordHasher",
        "heron.contrib.auth.hashers.Argon2PasswordHasher",
        "heron.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    assert make_password("pw").startswith("unsafe_test_pbkdf2_sha256$i=1$")
    assert check_password("pw", argon)  # hashes made with the project's hashers still verify
    assert isinstance(get_hasher(), UnsafeTestPasswordHasher)
