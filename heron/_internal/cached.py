"""``cached_attr``: a lock-free ``cached_property`` for hot paths.

``functools.cached_property`` takes a lock on every first access in Python 3.11, which costs
more than the work it saves on a request object. This descriptor computes the value once per
instance and stores it in the instance ``__dict__``, where later lookups find it directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

__all__ = ["cached_attr"]

_T = TypeVar("_T")


class cached_attr(Generic[_T]):
    """Compute an attribute on first access and keep it on the instance."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, instance: None, owner: type | None = None) -> cached_attr[_T]: ...
    @overload
    def __get__(self, instance: object, owner: type | None = None) -> _T: ...
    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = self.func(instance)
        instance.__dict__[self.name] = value
        return value
