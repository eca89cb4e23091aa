"""``AnonymousUser``: ``request.user`` when nobody is signed in."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from .perms import (
    aget_all_permissions,
    ahas_perm,
    get_all_permissions,
    has_module_perms,
    has_perm,
)

__all__ = ["AnonymousUser"]


class _NoRows:
    """``anonymous.groups`` / ``anonymous.user_permissions``: always empty."""

    def all(self) -> list[Any]:
        return []

    def count(self) -> int:
        return 0

    def exists(self) -> bool:
        return False


class AnonymousUser:
    """A visitor who has not signed in: not a model, never saved, no permissions (unless a
    backend grants some to anonymous users)."""

    id: None = None
    pk: None = None
    username = ""
    is_staff = False
    is_active = False
    is_superuser = False
    groups = _NoRows()
    user_permissions = _NoRows()

    def __str__(self) -> str:
        return "AnonymousUser"

    def __repr__(self) -> str:
        return "<AnonymousUser>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, self.__class__)

    def __hash__(self) -> int:
        return 1

    def __bool__(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> Literal[True]:
        return True

    @property
    def is_authenticated(self) -> Literal[False]:
        return False

    def get_username(self) -> str:
        return self.username

    def save(self) -> None:
        raise NotImplementedError("AnonymousUser is not a model: it cannot be saved.")

    def delete(self) -> None:
        raise NotImplementedError("AnonymousUser is not a model: it cannot be deleted.")

    def set_password(self, raw_password: str) -> None:
        raise NotImplementedError("AnonymousUser has no password.")

    def check_password(self, raw_password: str) -> bool:
        raise NotImplementedError("AnonymousUser has no password.")

    def get_user_permissions(self, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, obj: Any = None) -> set[str]:
        return get_all_permissions(self, obj)

    async def aget_all_permissions(self, obj: Any = None) -> set[str]:
        return await aget_all_permissions(self, obj)

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        return has_perm(self, perm, obj)

    async def ahas_perm(self, perm: str, obj: Any = None) -> bool:
        return await ahas_perm(self, perm, obj)

    def has_perms(self, perm_list: Iterable[str], obj: Any = None) -> bool:
        if isinstance(perm_list, str):
            raise ValueError("perm_list must be an iterable of permission names, not a string.")
        return all(self.has_perm(perm, obj) for perm in perm_list)

    async def ahas_perms(self, perm_list: Iterable[str], obj: Any = None) -> bool:
        if isinstance(perm_list, str):
            raise ValueError("perm_list must be an iterable of permission names, not a string.")
        for perm in perm_list:
            if not await self.ahas_perm(perm, obj):
                return False
        return True

    def has_module_perms(self, app_label: str) -> bool:
        return has_module_perms(self, app_label, self.get_all_permissions())

    async def ahas_module_perms(self, app_label: str) -> bool:
        return has_module_perms(self, app_label, await self.aget_all_permissions())
