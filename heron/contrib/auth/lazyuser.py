"""``request.user`` as a proxy that loads the user on first use (no query until read)."""

from __future__ import annotations

from typing import Any

from .login import aget_user, get_user

__all__ = ["LazyUser", "auser_for"]

_UNSET: Any = object()


class LazyUser:
    """Behaves like the signed-in user (or ``AnonymousUser``) once read; ``isinstance``
    checks see the real class. Reading it inside an async view runs a blocking query:
    async views call ``await request.auser()`` instead."""

    __slots__ = ("_heron_request", "_heron_user")

    def __init__(self, request: Any) -> None:
        object.__setattr__(self, "_heron_request", request)
        object.__setattr__(self, "_heron_user", _UNSET)

    def _resolve(self) -> Any:
        user = object.__getattribute__(self, "_heron_user")
        if user is _UNSET:
            request = object.__getattribute__(self, "_heron_request")
            user = getattr(request, "_cached_user", _UNSET)
            if user is _UNSET:
                user = get_user(request)
                request._cached_user = user
            object.__setattr__(self, "_heron_user", user)
        return user

    @property  # type: ignore[misc]
    def __class__(self) -> type:
        return type(self._resolve())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._resolve(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._resolve(), name, value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyUser):
            other = other._resolve()
        return bool(self._resolve() == other)

    def __hash__(self) -> int:
        return hash(self._resolve())

    def __str__(self) -> str:
        return str(self._resolve())

    def __repr__(self) -> str:
        if object.__getattribute__(self, "_heron_user") is _UNSET:
            return "<LazyUser: not loaded>"
        return repr(self._resolve())

    def __bool__(self) -> bool:
        return bool(self._resolve())


def auser_for(request: Any) -> Any:
    """The ``request.auser`` coroutine function: ``await request.auser()``."""

    async def auser() -> Any:
        user = getattr(request, "_cached_user", _UNSET)
        if user is _UNSET:
            user = await aget_user(request)
            request._cached_user = user
        return user

    return auser
