"""Authentication backends: ``ModelBackend`` (users and permissions in the database).

A backend is any class with ``authenticate(request, **credentials)`` returning a user or None
and ``get_user(user_id)``; the async twins ``aauthenticate`` / ``aget_user`` are used by
async code when present (otherwise the sync method runs in a worker thread). Permission
methods (``has_perm``, ``get_all_permissions``...) are optional.
"""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from typing import Any

from heron.db.models import ObjectDoesNotExist

from . import hashers
from .models import Permission
from .users import get_user_model

__all__ = ["AllowAllUsersModelBackend", "BaseBackend", "ModelBackend"]


class BaseBackend:
    """A backend that knows nobody and grants nothing; subclass it."""

    def authenticate(self, request: Any, **credentials: Any) -> Any:
        return None

    async def aauthenticate(self, request: Any, **credentials: Any) -> Any:
        return await asyncio.to_thread(self.authenticate, request, **credentials)

    def get_user(self, user_id: Any) -> Any:
        return None

    async def aget_user(self, user_id: Any) -> Any:
        return await asyncio.to_thread(self.get_user, user_id)

    def get_user_permissions(self, user: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user: Any, obj: Any = None) -> set[str]:
        return {*self.get_user_permissions(user, obj), *self.get_group_permissions(user, obj)}

    def has_perm(self, user: Any, perm: str, obj: Any = None) -> bool:
        return perm in self.get_all_permissions(user, obj)


# Attribute names of the per-instance permission caches (one user instance = one request).
_USER_CACHE = "_user_perm_cache"
_GROUP_CACHE = "_group_perm_cache"
_ALL_CACHE = "_perm_cache"


def _perm_names(rows: list[tuple[str, str]]) -> set[str]:
    return {f"{app_label}.{codename}" for app_label, codename in rows}


# A core yields (owner, method name, arguments) and receives the call's result (or has its
# exception thrown in): ``_drive`` calls ``owner.<name>``, ``_adrive`` awaits its a-twin
# ``owner.a<name>``. Only the twin that runs is looked up.
Call = tuple[Any, str, tuple[Any, ...]]
Core = Generator[Call, Any, Any]


def _drive(core: Core) -> Any:
    result: Any = None
    error: Exception | None = None
    while True:
        try:
            owner, name, args = core.send(result) if error is None else core.throw(error)
        except StopIteration as done:
            return done.value
        try:
            result, error = getattr(owner, name)(*args), None
        except Exception as exc:
            result, error = None, exc


async def _adrive(core: Core) -> Any:
    result: Any = None
    error: Exception | None = None
    while True:
        try:
            owner, name, args = core.send(result) if error is None else core.throw(error)
        except StopIteration as done:
            return done.value
        try:
            result, error = await getattr(owner, "a" + name)(*args), None
        except Exception as exc:
            result, error = None, exc


class ModelBackend(BaseBackend):
    """Sign in with ``USERNAME_FIELD`` and password; permissions from the auth tables.

    Inactive users are refused. For an unknown username the password is hashed anyway, so
    the response takes as long as for a known one and timing does not reveal which
    usernames exist.
    """

    def user_can_authenticate(self, user: Any) -> bool:
        """Refuse users whose ``is_active`` is False (models without the field pass)."""
        return getattr(user, "is_active", True) is not False

    def _username(self, username: str | None, credentials: dict[str, Any]) -> str | None:
        if username is None:
            username = credentials.get(get_user_model().USERNAME_FIELD)
        return username

    def _authenticate(
        self, username: str | None, password: str | None, credentials: dict[str, Any]
    ) -> Core:
        """The sign-in logic once: yields its three I/O calls, which ``authenticate`` makes
        blocking and ``aauthenticate`` awaited (see ``_drive`` / ``_adrive``)."""
        username = self._username(username, credentials)
        if username is None or password is None:
            return None
        manager = get_user_model().objects
        try:
            user = yield manager, "get_by_natural_key", (username,)
        except ObjectDoesNotExist:
            # The same hashing work as a real check.
            yield hashers, "dummy_check_password", (password,)
            return None
        matches = yield user, "check_password", (password,)
        if matches and self.user_can_authenticate(user):
            return user
        return None

    def authenticate(
        self,
        request: Any,
        username: str | None = None,
        password: str | None = None,
        **credentials: Any,
    ) -> Any:
        return _drive(self._authenticate(username, password, credentials))

    async def aauthenticate(
        self,
        request: Any,
        username: str | None = None,
        password: str | None = None,
        **credentials: Any,
    ) -> Any:
        return await _adrive(self._authenticate(username, password, credentials))

    def get_user(self, user_id: Any) -> Any:
        model = get_user_model()
        try:
            user = model.objects.get(pk=user_id)
        except (ObjectDoesNotExist, ValueError, TypeError):
            return None
        return user if self.user_can_authenticate(user) else None

    async def aget_user(self, user_id: Any) -> Any:
        model = get_user_model()
        try:
            user = await model.objects.aget(pk=user_id)
        except (ObjectDoesNotExist, ValueError, TypeError):
            return None
        return user if self.user_can_authenticate(user) else None

    # -- permissions: one query each, cached on the user instance -------------------------------

    def _queries(self, user: Any) -> dict[str, Any]:
        """The QuerySets behind each cache (lazy: nothing runs here)."""
        rows = Permission.objects.values_list("app_label", "codename")
        return {
            _USER_CACHE: rows.filter(user=user),
            _GROUP_CACHE: rows.filter(group__user=user),
        }

    def _skip(self, user: Any, obj: Any) -> bool:
        return not user.is_active or user.is_anonymous or obj is not None

    def _cached(self, user: Any, name: str, obj: Any) -> set[str]:
        if self._skip(user, obj):
            return set()
        if not hasattr(user, name):
            if user.is_superuser:
                rows = Permission.objects.values_list("app_label", "codename")
                setattr(user, name, _perm_names(list(rows)))
            else:
                setattr(user, name, _perm_names(list(self._queries(user)[name])))
        found: set[str] = getattr(user, name)
        return found

    async def _acached(self, user: Any, name: str, obj: Any) -> set[str]:
        if self._skip(user, obj):
            return set()
        if not hasattr(user, name):
            if user.is_superuser:
                rows = Permission.objects.values_list("app_label", "codename")
            else:
                rows = self._queries(user)[name]
            setattr(user, name, _perm_names([row async for row in rows]))
        found: set[str] = getattr(user, name)
        return found

    def get_user_permissions(self, user: Any, obj: Any = None) -> set[str]:
        return self._cached(user, _USER_CACHE, obj)

    async def aget_user_permissions(self, user: Any, obj: Any = None) -> set[str]:
        return await self._acached(user, _USER_CACHE, obj)

    def get_group_permissions(self, user: Any, obj: Any = None) -> set[str]:
        return self._cached(user, _GROUP_CACHE, obj)

    async def aget_group_permissions(self, user: Any, obj: Any = None) -> set[str]:
        return await self._acached(user, _GROUP_CACHE, obj)

    def get_all_permissions(self, user: Any, obj: Any = None) -> set[str]:
        if self._skip(user, obj):
            return set()
        if not hasattr(user, _ALL_CACHE):
            found = {*self.get_user_permissions(user), *self.get_group_permissions(user)}
            setattr(user, _ALL_CACHE, found)
        cached: set[str] = getattr(user, _ALL_CACHE)
        return cached

    async def aget_all_permissions(self, user: Any, obj: Any = None) -> set[str]:
        if self._skip(user, obj):
            return set()
        if not hasattr(user, _ALL_CACHE):
            own = await self.aget_user_permissions(user)
            setattr(user, _ALL_CACHE, {*own, *await self.aget_group_permissions(user)})
        cached: set[str] = getattr(user, _ALL_CACHE)
        return cached

    def has_perm(self, user: Any, perm: str, obj: Any = None) -> bool:
        return user.is_active and perm in self.get_all_permissions(user, obj)

    async def ahas_perm(self, user: Any, perm: str, obj: Any = None) -> bool:
        return bool(user.is_active) and perm in await self.aget_all_permissions(user, obj)

    def has_module_perms(self, user: Any, app_label: str) -> bool:
        prefix = f"{app_label}."
        return user.is_active and any(p.startswith(prefix) for p in self.get_all_permissions(user))


class AllowAllUsersModelBackend(ModelBackend):
    """``ModelBackend`` that lets inactive users sign in too."""

    def user_can_authenticate(self, user: Any) -> bool:
        return True
