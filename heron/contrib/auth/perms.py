"""Permission checks: ask each backend in ``AUTHENTICATION_BACKENDS`` (sync and async).

``has_perm`` is True for an active superuser without asking; otherwise the first backend
that answers True wins, and a backend raising ``PermissionDenied`` ends the search with
False. Users and ``AnonymousUser`` both call these.
"""

from __future__ import annotations

import asyncio
from typing import Any

from heron.http.exceptions import PermissionDenied

from .backend_list import get_backends

__all__ = [
    "aget_all_permissions",
    "aget_group_permissions",
    "aget_user_permissions",
    "ahas_perm",
    "get_all_permissions",
    "get_group_permissions",
    "get_user_permissions",
    "has_module_perms",
    "has_perm",
]


def _gather(user: Any, method: str, obj: Any) -> set[str]:
    found: set[str] = set()
    for backend in get_backends():
        getter = getattr(backend, method, None)
        if getter is not None:
            found.update(getter(user, obj))
    return found


async def _agather(user: Any, method: str, obj: Any) -> set[str]:
    found: set[str] = set()
    for backend in get_backends():
        agetter = getattr(backend, f"a{method}", None)
        if agetter is not None:
            found.update(await agetter(user, obj))
            continue
        getter = getattr(backend, method, None)
        if getter is not None:
            found.update(await asyncio.to_thread(getter, user, obj))
    return found


def get_user_permissions(user: Any, obj: Any = None) -> set[str]:
    return _gather(user, "get_user_permissions", obj)


async def aget_user_permissions(user: Any, obj: Any = None) -> set[str]:
    return await _agather(user, "get_user_permissions", obj)


def get_group_permissions(user: Any, obj: Any = None) -> set[str]:
    return _gather(user, "get_group_permissions", obj)


async def aget_group_permissions(user: Any, obj: Any = None) -> set[str]:
    return await _agather(user, "get_group_permissions", obj)


def get_all_permissions(user: Any, obj: Any = None) -> set[str]:
    return _gather(user, "get_all_permissions", obj)


async def aget_all_permissions(user: Any, obj: Any = None) -> set[str]:
    return await _agather(user, "get_all_permissions", obj)


def _settled(user: Any) -> bool | None:
    """The answer every permission gets without asking the backends, if there is one."""
    if not user.is_active:
        return False
    if getattr(user, "is_superuser", False):
        return True
    return None


def has_perm(user: Any, perm: str, obj: Any = None) -> bool:
    settled = _settled(user)
    if settled is not None:
        return settled
    for backend in get_backends():
        check = getattr(backend, "has_perm", None)
        if check is None:
            continue
        try:
            if check(user, perm, obj):
                return True
        except PermissionDenied:
            return False
    return False


async def ahas_perm(user: Any, perm: str, obj: Any = None) -> bool:
    settled = _settled(user)
    if settled is not None:
        return settled
    for backend in get_backends():
        acheck = getattr(backend, "ahas_perm", None)
        check = getattr(backend, "has_perm", None)
        try:
            if acheck is not None:
                if await acheck(user, perm, obj):
                    return True
            elif check is not None and await asyncio.to_thread(check, user, perm, obj):
                return True
        except PermissionDenied:
            return False
    return False


def has_module_perms(user: Any, app_label: str, permissions: set[str]) -> bool:
    """Whether ``permissions`` (the user's, already fetched) hold one in ``app_label``."""
    settled = _settled(user)
    if settled is not None:
        return settled
    prefix = f"{app_label}."
    return any(perm.startswith(prefix) for perm in permissions)
