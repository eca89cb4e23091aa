"""Password hashing: ``make_password``, ``check_password`` and the hashers behind them.

A hash is stored as ``algorithm$params$salt$hash``, for example
``argon2id$v=19,m=19456,t=2,p=1$<salt>$<hash>`` or ``pbkdf2_sha256$i=600000$<salt>$<hash>``:
the parameters travel with the hash, so raising them later never breaks stored passwords.
``PASSWORD_HASHERS`` lists the hasher classes: the first hashes new passwords, every one is
accepted when checking. ``check_password`` calls its ``setter`` when a correct password's
hash was made by another hasher or with other parameters, which is how hashes are upgraded
on sign-in.

Hashers: ``Argon2PasswordHasher`` (argon2id through argon2-cffi, the default),
``PBKDF2PasswordHasher`` (PBKDF2-HMAC-SHA256, standard library), ``ScryptPasswordHasher``
(standard library), and ``UnsafeTestPasswordHasher`` (one PBKDF2 iteration: what the test
plugin uses, never for real passwords).

Unknown users: ``dummy_check_password(password)`` does the work of checking a password with
the preferred hasher and returns False, so a sign-in for a username that does not exist takes
as long as one for a username that does.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import hmac
import importlib
import inspect
import secrets
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, ClassVar, NamedTuple

from heron.asgi import run_sync
from heron.conf import ImproperlyConfigured, settings

__all__ = [
    "UNUSABLE_PASSWORD_PREFIX",
    "UNUSABLE_PASSWORD_SUFFIX_LENGTH",
    "Argon2PasswordHasher",
    "BasePasswordHasher",
    "DecodedHash",
    "PBKDF2PasswordHasher",
    "ScryptPasswordHasher",
    "UnsafeTestPasswordHasher",
    "acheck_password",
    "adummy_check_password",
    "check_password",
    "dummy_check_password",
    "get_hasher",
    "get_hashers",
    "identify_hasher",
    "is_password_usable",
    "make_password",
]

UNUSABLE_PASSWORD_PREFIX = "!"  # a stored value starting with this never matches a password
UNUSABLE_PASSWORD_SUFFIX_LENGTH = 40  # random characters after it, so such values differ

Setter = Callable[[str], Any]


class DecodedHash(NamedTuple):
    """The four fields of a stored hash."""

    algorithm: str
    params: dict[str, int]
    salt: str
    hash: str


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _to_bytes(password: str | bytes) -> bytes:
    if isinstance(password, str):
        return password.encode("utf-8")
    if isinstance(password, bytes):
        return password
    raise TypeError(f"A password must be str or bytes, not {type(password).__name__}.")


class BasePasswordHasher:
    """Hash passwords with one algorithm; subclasses set ``algorithm`` and implement
    ``params()`` (the current cost parameters) and ``derive()`` (the key derivation)."""

    algorithm: ClassVar[str] = ""
    salt_bytes: ClassVar[int] = 16  # 128 bits of randomness, as NIST and OWASP advise
    min_salt_length: ClassVar[int] = 1  # for salts passed to make_password(salt=...)
    digest_bytes: ClassVar[int] = 32

    def params(self) -> dict[str, int]:
        """Return the parameters new hashes are made with, e.g. ``{"i": 600000}``."""
        raise NotImplementedError

    def derive(self, password: bytes, salt: bytes, params: Mapping[str, int]) -> bytes:
        """Return the derived key for ``password`` with ``salt`` and ``params``."""
        raise NotImplementedError

    def salt(self) -> str:
        """Return a new random salt (base64 text, never containing ``$``)."""
        return _b64(secrets.token_bytes(self.salt_bytes))

    def encode(self, password: str | bytes, salt: str) -> str:
        """Return ``algorithm$params$salt$hash`` for ``password``."""
        if not salt or "$" in salt:
            raise ValueError("A salt must be non-empty and must not contain '$'.")
        if len(salt.encode("utf-8")) < self.min_salt_length:
            raise ValueError(
                f"{self.algorithm} needs a salt of at least {self.min_salt_length} bytes."
            )
        params = self.params()
        digest = self.derive(_to_bytes(password), salt.encode("utf-8"), params)
        text = ",".join(f"{key}={value}" for key, value in params.items())
        return f"{self.algorithm}${text}${salt}${_b64(digest)}"

    def decode(self, encoded: str) -> DecodedHash:
        """Split a stored hash into its fields; ``ValueError`` if it is malformed."""
        try:
            algorithm, text, salt, digest = encoded.split("$")
            params = {key: int(value) for key, value in (p.split("=") for p in text.split(","))}
        except ValueError:
            raise ValueError(f"Malformed {self.algorithm} password hash.") from None
        if algorithm != self.algorithm or not salt or not digest:
            raise ValueError(f"Malformed {self.algorithm} password hash.")
        return DecodedHash(algorithm, params, salt, digest)

    def verify(self, password: str | bytes, encoded: str) -> bool:
        """Return True if ``password`` matches ``encoded`` (compared in constant time)."""
        try:
            decoded = self.decode(encoded)
            digest = self.derive(_to_bytes(password), decoded.salt.encode("utf-8"), decoded.params)
        except (ValueError, KeyError):
            return False
        return hmac.compare_digest(_b64(digest).encode("ascii"), decoded.hash.encode("ascii"))

    def must_update(self, encoded: str) -> bool:
        """Return True if ``encoded`` was made with other parameters than ``params()``."""
        try:
            return self.decode(encoded).params != self.params()
        except ValueError:
            return True

    def harden_runtime(self, password: str | bytes, encoded: str) -> None:
        """Do the work a hash made with the current parameters would have cost.

        Called when a wrong password is checked against an older, cheaper hash, so the
        time taken does not tell whether the account's hash is old.
        """

    def summary(self, encoded: str) -> dict[str, str]:
        """Describe a stored hash for display, with most of the salt and hash masked."""
        decoded = self.decode(encoded)
        return {
            "algorithm": decoded.algorithm,
            **{key: str(value) for key, value in decoded.params.items()},
            "salt": decoded.salt[:6] + "*" * (len(decoded.salt) - 6),
            "hash": decoded.hash[:6] + "*" * (len(decoded.hash) - 6),
        }


class Argon2PasswordHasher(BasePasswordHasher):
    """argon2id (RFC 9106) through argon2-cffi; the default.

    Parameters follow OWASP's password storage guidance: 19 MiB of memory, 2 passes,
    1 lane. Raise ``memory_cost`` in a subclass if your servers can spare it.
    """

    algorithm = "argon2id"
    min_salt_length = 8  # libargon2 refuses shorter salts
    version = 19
    memory_cost = 19_456  # KiB
    time_cost = 2
    parallelism = 1

    def params(self) -> dict[str, int]:
        return {
            "v": self.version,
            "m": self.memory_cost,
            "t": self.time_cost,
            "p": self.parallelism,
        }

    def derive(self, password: bytes, salt: bytes, params: Mapping[str, int]) -> bytes:
        low_level = _argon2()
        try:
            digest: bytes = low_level.hash_secret_raw(
                password,
                salt,
                time_cost=params["t"],
                memory_cost=params["m"],
                parallelism=params["p"],
                hash_len=self.digest_bytes,
                type=low_level.Type.ID,
                version=params["v"],
            )
        except low_level.HashingError as exc:  # parameters libargon2 refuses
            raise ValueError(f"argon2id refused these parameters: {exc}.") from None
        return digest


def _argon2() -> Any:
    # Imported on first use: a project hashing with PBKDF2 or scrypt runs without argon2-cffi.
    try:
        from argon2 import low_level
    except ImportError:
        raise ImproperlyConfigured(
            "Argon2PasswordHasher needs argon2-cffi: pip install argon2-cffi (it is a "
            "dependency of heron; was it uninstalled?), or put another hasher first in "
            "PASSWORD_HASHERS."
        ) from None
    return low_level


class PBKDF2PasswordHasher(BasePasswordHasher):
    """PBKDF2-HMAC-SHA256 from the standard library, 600,000 iterations (OWASP's figure)."""

    algorithm = "pbkdf2_sha256"
    iterations = 600_000
    digest = "sha256"

    def params(self) -> dict[str, int]:
        return {"i": self.iterations}

    def derive(self, password: bytes, salt: bytes, params: Mapping[str, int]) -> bytes:
        return hashlib.pbkdf2_hmac(self.digest, password, salt, params["i"], self.digest_bytes)

    def harden_runtime(self, password: str | bytes, encoded: str) -> None:
        try:
            decoded = self.decode(encoded)
        except ValueError:
            return
        extra = self.iterations - decoded.params.get("i", self.iterations)
        if extra > 0:
            self.derive(_to_bytes(password), decoded.salt.encode("utf-8"), {"i": extra})


class ScryptPasswordHasher(BasePasswordHasher):
    """scrypt from the standard library: N=2**17, r=8, p=1 (128 MiB), OWASP's first choice."""

    algorithm = "scrypt"
    work_factor = 2**17
    block_size = 8
    parallelism = 1

    def params(self) -> dict[str, int]:
        return {"n": self.work_factor, "r": self.block_size, "p": self.parallelism}

    def derive(self, password: bytes, salt: bytes, params: Mapping[str, int]) -> bytes:
        n, r, p = params["n"], params["r"], params["p"]
        # OpenSSL refuses unless maxmem covers the 128*r*(n+p+2) bytes scrypt needs.
        maxmem = 128 * r * (n + p + 2) + 1024 * 1024
        return hashlib.scrypt(
            password, salt=salt, n=n, r=r, p=p, maxmem=maxmem, dklen=self.digest_bytes
        )


class UnsafeTestPasswordHasher(PBKDF2PasswordHasher):
    """One PBKDF2 iteration: fast, and worthless against a stolen database. Tests only.

    The pytest plugin and ``heron.test.TestCase`` put it first in ``PASSWORD_HASHERS``.
    """

    algorithm = "unsafe_test_pbkdf2_sha256"
    iterations = 1


@functools.lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> tuple[BasePasswordHasher, ...]:
    if not paths:
        raise ImproperlyConfigured(
            "PASSWORD_HASHERS is empty: list at least one hasher, e.g. "
            "['heron.contrib.auth.hashers.Argon2PasswordHasher']."
        )
    hashers = []
    for path in paths:
        module_name, _, name = path.rpartition(".")
        try:
            klass = getattr(importlib.import_module(module_name), name)
        except (ImportError, AttributeError, ValueError):
            raise ImproperlyConfigured(
                f"PASSWORD_HASHERS lists {path!r}, which could not be imported."
            ) from None
        hasher = klass()
        if not getattr(hasher, "algorithm", ""):
            raise ImproperlyConfigured(f"{path} in PASSWORD_HASHERS has no 'algorithm'.")
        hashers.append(hasher)
    return tuple(hashers)


def get_hashers() -> tuple[BasePasswordHasher, ...]:
    """Return an instance of each class in ``PASSWORD_HASHERS``, in order."""
    value = settings.PASSWORD_HASHERS
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise ImproperlyConfigured(
            "PASSWORD_HASHERS must be a list of dotted paths, e.g. "
            "['heron.contrib.auth.hashers.Argon2PasswordHasher']."
        )
    return _load(tuple(value))


def get_hasher(algorithm: str = "default") -> BasePasswordHasher:
    """Return the hasher for ``algorithm``, or the preferred one (first in the setting)."""
    hashers = get_hashers()
    if algorithm == "default":
        return hashers[0]
    for hasher in hashers:
        if hasher.algorithm == algorithm:
            return hasher
    raise ValueError(
        f"Unknown password hashing algorithm {algorithm!r}: add its hasher to PASSWORD_HASHERS."
    )


def identify_hasher(encoded: str) -> BasePasswordHasher:
    """Return the hasher that made ``encoded``; ``ValueError`` if none in the setting did."""
    if not isinstance(encoded, str) or "$" not in encoded:
        raise ValueError("This is not a password hash made by Heron (no algorithm prefix).")
    return get_hasher(encoded.split("$", 1)[0])


def is_password_usable(encoded: str | None) -> bool:
    """Return False for ``None`` and for values marked unusable by ``make_password(None)``."""
    return encoded is not None and not encoded.startswith(UNUSABLE_PASSWORD_PREFIX)


def make_password(
    password: str | bytes | None,
    salt: str | None = None,
    hasher: str | BasePasswordHasher = "default",
) -> str:
    """Hash ``password`` for storage with the preferred hasher (or the one named).

    ``make_password(None)`` returns an unusable value (``"!"`` and 40 random characters)
    that no password matches: for accounts that sign in some other way.
    """
    if password is None:
        return (
            UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30)[:UNUSABLE_PASSWORD_SUFFIX_LENGTH]
        )
    _to_bytes(password)  # TypeError before any work
    chosen = get_hasher(hasher) if isinstance(hasher, str) else hasher
    return chosen.encode(password, salt or chosen.salt())


def _check(password: str | bytes | None, encoded: str | None, preferred: str) -> tuple[bool, bool]:
    """Return (correct, must be rehashed): the I/O-free core of both check functions."""
    if password is None or encoded is None or not is_password_usable(encoded):
        return False, False
    try:
        hasher = identify_hasher(encoded)
    except ValueError:
        return False, False
    best = get_hasher(preferred)
    correct = hasher.verify(password, encoded)
    changed = hasher.algorithm != best.algorithm
    update = changed or best.must_update(encoded)
    if not correct and not changed and update:
        best.harden_runtime(password, encoded)
    return correct, correct and update


def check_password(
    password: str | bytes | None,
    encoded: str | None,
    setter: Setter | None = None,
    preferred: str = "default",
) -> bool:
    """Return True if ``password`` matches the stored ``encoded`` hash.

    When it matches but ``encoded`` was made by another hasher than the preferred one, or
    with other parameters, ``setter(password)`` is called so the caller can store a new
    hash (``user.set_password(password); user.save()``). Unusable, empty and unknown hashes
    never match.
    """
    correct, update = _check(password, encoded, preferred)
    if update and setter is not None and isinstance(password, str):
        setter(password)
    return correct


async def acheck_password(
    password: str | bytes | None,
    encoded: str | None,
    setter: Callable[[str], Any] | Callable[[str], Awaitable[Any]] | None = None,
    preferred: str = "default",
) -> bool:
    """Async twin of ``check_password``: the hashing runs in Heron's thread pool.

    ``setter`` may be a plain function or a coroutine function (awaited).
    """
    correct, update = await run_sync(_check, password, encoded, preferred)
    if update and setter is not None and isinstance(password, str):
        result = setter(password)
        if inspect.isawaitable(result):
            await result
    return correct


@functools.lru_cache(maxsize=8)
def _dummy_hash(hasher: BasePasswordHasher) -> str:
    return hasher.encode(secrets.token_urlsafe(16), hasher.salt())


def dummy_check_password(password: str | bytes | None = "") -> bool:
    """Check ``password`` against a throwaway hash of the preferred hasher; return False.

    Call it when no account matches the username, so the response takes as long as a wrong
    password for a real account (the work is the same hash computation).
    """
    hasher = get_hasher()
    hasher.verify(password if password is not None else "", _dummy_hash(hasher))
    return False


async def adummy_check_password(password: str | bytes | None = "") -> bool:
    """Async twin of ``dummy_check_password``."""
    return await run_sync(dummy_check_password, password)
