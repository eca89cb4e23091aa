"""The auth models: ``Permission``, ``Group``, ``PermissionsMixin``, ``AbstractUser``, ``User``.

Permissions are keyed by ``app_label`` and model name (Heron has no content-types app):
``Permission(app_label="polls", model="question", codename="change_question")`` is the
permission ``"polls.change_question"``. ``add``/``change``/``delete``/``view`` permissions for
every model, and those listed in a model's ``Meta.permissions``-style ``PERMISSIONS`` class
attribute, are created after each ``migrate`` (see ``heron.contrib.auth.builtin_permissions``).

``User`` is swappable: a project that sets ``AUTH_USER_MODEL = "accounts.User"`` uses its own
model (usually a subclass of ``AbstractUser``), and ``auth.User`` then has no table.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from heron.db import models
from heron.timezone import now

from .anonymous import AnonymousUser
from .base_user import AbstractBaseUser, BaseUserManager
from .perms import (
    aget_all_permissions,
    aget_group_permissions,
    aget_user_permissions,
    ahas_perm,
    get_all_permissions,
    get_group_permissions,
    get_user_permissions,
    has_module_perms,
    has_perm,
)
from .validators import UnicodeUsernameValidator

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "AbstractBaseUser",
    "AbstractUser",
    "AnonymousUser",
    "BaseUserManager",
    "Group",
    "Permission",
    "PermissionsMixin",
    "User",
    "UserManager",
]

_U = TypeVar("_U", bound="AbstractUser")


class PermissionManager(models.Manager["Permission"]):
    def get_by_natural_key(self, app_label: str, model: str, codename: str) -> Permission:
        return self.get(app_label=app_label, model=model, codename=codename)


class Permission(models.Model):
    """Permission to do something with one model: ``"<app_label>.<codename>"``."""

    name = models.CharField("name", max_length=255)
    app_label = models.CharField("app label", max_length=100)
    model = models.CharField("model", max_length=100)
    codename = models.CharField("codename", max_length=100)

    objects: ClassVar[PermissionManager] = PermissionManager()

    class Meta:
        verbose_name = "permission"
        ordering = ["app_label", "model", "codename"]
        unique_together = [("app_label", "model", "codename")]

    def __str__(self) -> str:
        return f"{self.app_label} | {self.model} | {self.name}"

    @property
    def perm(self) -> str:
        """The string ``has_perm`` takes: ``"polls.change_question"``."""
        return f"{self.app_label}.{self.codename}"

    def natural_key(self) -> tuple[str, str, str]:
        return (self.app_label, self.model, self.codename)


class GroupManager(models.Manager["Group"]):
    def get_by_natural_key(self, name: str) -> Group:
        return self.get(name=name)


class Group(models.Model):
    """A named set of permissions; a user has every permission of each of its groups."""

    name = models.CharField("name", max_length=150, unique=True)
    permissions: models.ManyToManyField[Permission] = models.ManyToManyField(
        Permission, verbose_name="permissions", blank=True
    )

    objects: ClassVar[GroupManager] = GroupManager()

    class Meta:
        verbose_name = "group"

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.name,)


class PermissionsMixin(models.Model):
    """``is_superuser``, ``groups``, ``user_permissions`` and the permission checks.

    Answers are cached on the user instance (one instance per request), so a page asking
    ``has_perm`` many times runs the permission queries once.
    """

    is_superuser = models.BooleanField(
        "superuser status",
        default=False,
        help_text="Has every permission without them being assigned.",
    )
    groups: models.ManyToManyField[Group] = models.ManyToManyField(
        Group,
        verbose_name="groups",
        blank=True,
        related_name="user_set",
        related_query_name="user",
        help_text="The user has every permission of each group it belongs to.",
    )
    user_permissions: models.ManyToManyField[Permission] = models.ManyToManyField(
        Permission,
        verbose_name="user permissions",
        blank=True,
        related_name="user_set",
        related_query_name="user",
        help_text="Permissions of this user alone.",
    )

    class Meta:
        abstract = True

    def get_user_permissions(self, obj: Any = None) -> set[str]:
        return get_user_permissions(self, obj)

    async def aget_user_permissions(self, obj: Any = None) -> set[str]:
        return await aget_user_permissions(self, obj)

    def get_group_permissions(self, obj: Any = None) -> set[str]:
        return get_group_permissions(self, obj)

    async def aget_group_permissions(self, obj: Any = None) -> set[str]:
        return await aget_group_permissions(self, obj)

    def get_all_permissions(self, obj: Any = None) -> set[str]:
        return get_all_permissions(self, obj)

    async def aget_all_permissions(self, obj: Any = None) -> set[str]:
        return await aget_all_permissions(self, obj)

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        """Whether the user has ``perm`` (``"app_label.codename"``); an active superuser has
        them all, an inactive user none."""
        return has_perm(self, perm, obj)

    async def ahas_perm(self, perm: str, obj: Any = None) -> bool:
        return await ahas_perm(self, perm, obj)

    def has_perms(self, perm_list: Iterable[str], obj: Any = None) -> bool:
        """Whether the user has every permission in ``perm_list``."""
        perms = _perm_list(perm_list)
        return all(self.has_perm(perm, obj) for perm in perms)

    async def ahas_perms(self, perm_list: Iterable[str], obj: Any = None) -> bool:
        for perm in _perm_list(perm_list):
            if not await self.ahas_perm(perm, obj):
                return False
        return True

    def has_module_perms(self, app_label: str) -> bool:
        """Whether the user has any permission in the app ``app_label``."""
        return has_module_perms(self, app_label, self.get_all_permissions())

    async def ahas_module_perms(self, app_label: str) -> bool:
        return has_module_perms(self, app_label, await self.aget_all_permissions())


def _perm_list(perm_list: Iterable[str]) -> list[str]:
    if isinstance(perm_list, str):
        raise ValueError("perm_list must be an iterable of permission names, not a string.")
    return list(perm_list)


class UserManager(BaseUserManager[_U]):
    """``create_user`` / ``create_superuser`` (and async twins) for ``AbstractUser`` models."""

    def _build(
        self, username: str, email: str | None, password: str | None, extra: dict[str, Any]
    ) -> _U:
        if not username:
            raise ValueError("A user needs a username: create_user(username=..., ...).")
        model = self.model
        email_field = model.get_email_field_name()
        fields = {email_field: self.normalize_email(email), **extra}
        username = model.normalize_username(username)
        user = model(**{model.USERNAME_FIELD: username, **fields})
        return user

    def create_user(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> _U:
        """Create and save a user; ``password=None`` makes the password unusable."""
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        user = self._build(username, email, password, extra)
        user.set_password(password)
        user.save()
        return user

    async def acreate_user(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> _U:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        user = self._build(username, email, password, extra)
        await asyncio.to_thread(user.set_password, password)  # hashing is CPU work
        await user.asave()
        return user

    def create_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> _U:
        """Create a staff superuser (``is_staff`` and ``is_superuser`` must stay True)."""
        return self.create_user(username, email, password, **_superuser_flags(extra))

    async def acreate_superuser(
        self, username: str, email: str | None = None, password: str | None = None, **extra: Any
    ) -> _U:
        return await self.acreate_user(username, email, password, **_superuser_flags(extra))


def _superuser_flags(extra: dict[str, Any]) -> dict[str, Any]:
    extra.setdefault("is_staff", True)
    extra.setdefault("is_superuser", True)
    for flag in ("is_staff", "is_superuser"):
        if extra[flag] is not True:
            raise ValueError(f"A superuser must have {flag}=True.")
    return extra


class AbstractUser(AbstractBaseUser, PermissionsMixin):
    """A full user: username, names, email, staff/active flags, join date, permissions.

    Subclass it for your own user model (``class User(AbstractUser): ...`` in an
    ``accounts`` app, with ``AUTH_USER_MODEL = "accounts.User"``).
    """

    username_validator = UnicodeUsernameValidator()

    username = models.CharField(
        "username",
        max_length=150,
        unique=True,
        help_text="150 characters or fewer: letters, digits and @ . + - _ only.",
        validators=[username_validator],
    )
    first_name = models.CharField("first name", max_length=150, blank=True)
    last_name = models.CharField("last name", max_length=150, blank=True)
    email = models.EmailField("email address", blank=True)
    is_staff = models.BooleanField(
        "staff status", default=False, help_text="May sign in to the admin site."
    )
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Inactive users cannot sign in (unset it instead of deleting).",
    )
    date_joined = models.DateTimeField("date joined", default=now)

    objects: ClassVar[UserManager[Any]] = UserManager()

    EMAIL_FIELD: ClassVar[str] = "email"
    USERNAME_FIELD: ClassVar[str] = "username"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["email"]

    class Meta:
        abstract = True
        verbose_name = "user"

    def clean(self) -> None:
        super().clean()
        self.email = UserManager.normalize_email(self.email)

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name


class User(AbstractUser):
    """The default user model (``AUTH_USER_MODEL = "auth.User"``)."""

    objects: ClassVar[UserManager[User]] = UserManager()

    class Meta:
        swappable = "AUTH_USER_MODEL"
        verbose_name = "user"
