"""``AbstractBaseUser`` and ``BaseUserManager``: the least a user model needs.

A custom user model subclasses ``AbstractBaseUser`` (password, ``last_login``), names its
identifying field in ``USERNAME_FIELD`` and gives itself a manager with ``create_user`` and
``create_superuser``. Most projects subclass ``AbstractUser`` instead (heron.contrib.auth.models),
which adds the usual fields and permissions.
"""

from __future__ import annotations

import unicodedata
from typing import Any, ClassVar, TypeVar

from heron.conf import settings
from heron.db import models

from .crypto import salted_hmac
from .hashers import acheck_password, check_password, is_password_usable, make_password

__all__ = ["AbstractBaseUser", "BaseUserManager"]

_U = TypeVar("_U", bound="AbstractBaseUser")


class BaseUserManager(models.Manager[_U]):
    """A manager with ``normalize_email`` and lookup by the model's ``USERNAME_FIELD``."""

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        """Lower-case the domain part (mailbox names may be case-sensitive)."""
        email = email or ""
        name, at, domain = email.strip().rpartition("@")
        if not at:
            return email.strip()
        return f"{name}@{domain.lower()}"

    def get_by_natural_key(self, username: str) -> _U:
        """Return the user whose ``USERNAME_FIELD`` equals ``username``."""
        return self.get(**{self.model.USERNAME_FIELD: username})

    async def aget_by_natural_key(self, username: str) -> _U:
        return await self.aget(**{self.model.USERNAME_FIELD: username})


class AbstractBaseUser(models.Model):
    """A password (hashed) and the time of the last sign-in; nothing else.

    ``USERNAME_FIELD`` names the unique field users sign in with; ``EMAIL_FIELD`` the field
    holding an email address (password reset); ``REQUIRED_FIELDS`` the fields
    ``createsuperuser`` asks for besides the username and password.
    """

    password = models.CharField("password", max_length=128)
    last_login = models.DateTimeField("last login", null=True, blank=True)

    USERNAME_FIELD: ClassVar[str] = "username"
    EMAIL_FIELD: ClassVar[str] = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []
    is_active: Any = True

    # The raw password given to set_password(), kept until the next save (validators that
    # compare the new password with the old one read it).
    _password: str | None = None

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.get_username()

    def get_username(self) -> str:
        """The value of ``USERNAME_FIELD``."""
        return str(getattr(self, self.USERNAME_FIELD))

    def natural_key(self) -> tuple[str]:
        return (self.get_username(),)

    def clean(self) -> None:
        setattr(self, self.USERNAME_FIELD, self.normalize_username(self.get_username()))

    @classmethod
    def normalize_username(cls, username: str) -> str:
        """NFKC-normalize, so look-alike Unicode spellings are one username."""
        return unicodedata.normalize("NFKC", username) if isinstance(username, str) else username

    @classmethod
    def get_email_field_name(cls) -> str:
        return cls.EMAIL_FIELD

    @property
    def is_anonymous(self) -> bool:
        """Always False for a real user (``AnonymousUser`` says True)."""
        return False

    @property
    def is_authenticated(self) -> bool:
        """Always True for a real user: a way to tell it from ``AnonymousUser`` in templates."""
        return True

    # -- passwords ------------------------------------------------------------------------------

    def set_password(self, raw_password: str | None) -> None:
        """Hash and store ``raw_password`` (None makes the password unusable); not saved."""
        self.password = make_password(raw_password)
        self._password = raw_password

    def set_unusable_password(self) -> None:
        """Make every password fail (a user who signs in another way, e.g. SSO)."""
        self.password = make_password(None)

    def has_usable_password(self) -> bool:
        return is_password_usable(self.password)

    def check_password(self, raw_password: str) -> bool:
        """Whether ``raw_password`` is right; re-hashes and saves it when the hasher
        settings changed since it was stored (an upgrade on sign-in)."""
        upgrade = _Upgrade(self)
        ok = check_password(raw_password, self.password, upgrade)
        if upgrade.new_password is not None and self.pk is not None:
            self.save(update_fields=["password"])
        return ok

    async def acheck_password(self, raw_password: str) -> bool:
        """``check_password`` for async code (the hash runs in a worker thread)."""
        upgrade = _Upgrade(self)
        ok = await acheck_password(raw_password, self.password, upgrade)
        if upgrade.new_password is not None and self.pk is not None:
            await self.asave(update_fields=["password"])
        return ok

    def get_session_auth_hash(self) -> str:
        """An HMAC of the password hash: stored in the session at sign-in, so changing the
        password signs out every other session."""
        return salted_hmac("heron.contrib.auth.session-auth-hash", self.password)

    def get_session_auth_fallback_hash(self) -> list[str]:
        """The same HMAC under each ``SECRET_KEY_FALLBACKS`` key (sessions survive a key
        rotation)."""
        return [
            salted_hmac("heron.contrib.auth.session-auth-hash", self.password, secret=key)
            for key in getattr(settings, "SECRET_KEY_FALLBACKS", [])
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        self._password = None

    async def asave(self, *args: Any, **kwargs: Any) -> None:
        await super().asave(*args, **kwargs)
        self._password = None


class _Upgrade:
    """The setter handed to the hashers: re-hash the right password with today's settings."""

    __slots__ = ("new_password", "user")

    def __init__(self, user: AbstractBaseUser) -> None:
        self.user = user
        self.new_password: str | None = None

    def __call__(self, raw_password: str) -> None:
        self.user.set_password(raw_password)
        self.new_password = raw_password
