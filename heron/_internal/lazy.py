"""A string computed on first use: ``lazy_str(func, *args)`` (used by ``reverse_lazy``).

The proxy is not a ``str`` instance (``isinstance`` is False); code that needs a real string
calls ``str()`` on it. Everything else a template or a redirect does with a string works.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ParamSpec

__all__ = ["LazyStr", "lazy_str"]

_P = ParamSpec("_P")
_UNSET: Any = object()


class LazyStr:
    """A proxy that calls its function once, on first use, and then behaves like the result."""

    __slots__ = ("_args", "_func", "_kwargs", "_value")

    def __init__(self, func: Callable[..., str], args: tuple[Any, ...], kwargs: dict[str, Any]):
        self._func = func
        self._args = args
        self._kwargs = kwargs
        self._value: str = _UNSET

    def _evaluate(self) -> str:
        value = self._value
        if value is _UNSET:
            value = str(self._func(*self._args, **self._kwargs))
            self._value = value
            # Drop the references: the function's arguments may be large or hold cycles.
            self._args, self._kwargs = (), {}
        return value

    def __str__(self) -> str:
        return self._evaluate()

    def __repr__(self) -> str:
        if self._value is _UNSET:
            name = getattr(self._func, "__qualname__", repr(self._func))
            return f"<LazyStr {name}(...) not yet evaluated>"
        return f"<LazyStr {self._value!r}>"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyStr):
            other = other._evaluate()
        return self._evaluate() == other

    def __ne__(self, other: object) -> bool:
        return not self == other

    def __lt__(self, other: str | LazyStr) -> bool:
        return self._evaluate() < str(other)

    def __hash__(self) -> int:
        return hash(self._evaluate())

    def __add__(self, other: str) -> str:
        return self._evaluate() + str(other)

    def __radd__(self, other: str) -> str:
        return str(other) + self._evaluate()

    def __mod__(self, other: Any) -> str:
        return str(self._evaluate() % other)

    def __format__(self, spec: str) -> str:
        return format(self._evaluate(), spec)

    def __contains__(self, item: str) -> bool:
        return str(item) in self._evaluate()

    def __len__(self) -> int:
        return len(self._evaluate())

    def __iter__(self) -> Iterator[str]:
        return iter(self._evaluate())

    def __getitem__(self, key: int | slice) -> str:
        return self._evaluate()[key]

    def __bool__(self) -> bool:
        return bool(self._evaluate())

    def __getattr__(self, name: str) -> Any:
        # str methods (startswith, encode, ...) act on the evaluated value.
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._evaluate(), name)


def lazy_str(func: Callable[_P, str], *args: _P.args, **kwargs: _P.kwargs) -> LazyStr:
    """Return a proxy for ``func(*args, **kwargs)``, called once on first use."""
    return LazyStr(func, args, kwargs)
