"""Dictionaries that keep every value sent for a key: ``MultiValueDict`` and ``QueryDict``.

``request.GET`` and ``request.POST`` are ``QueryDict``s (immutable; ``.copy()`` for a mutable
one); ``request.FILES`` is a ``MultiValueDict`` of ``UploadedFile``s. Item access gives the
*last* value sent for a key; ``getlist()`` gives them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import Any, Generic, TypeVar, overload
from urllib.parse import quote, quote_plus

from heron.core.exceptions import HeronError

from .headers import Headers as Headers
from .headers import ResponseHeaders as ResponseHeaders
from .querystring import parse_query_string

__all__ = ["Headers", "MultiValueDict", "MultiValueDictKeyError", "QueryDict", "ResponseHeaders"]

V = TypeVar("V")
_T = TypeVar("_T")


class MultiValueDictKeyError(HeronError, KeyError):
    """The key is not in the ``MultiValueDict`` (a ``KeyError``, so ``except KeyError`` works)."""


class MultiValueDict(MutableMapping[str, V], Generic[V]):
    """A mapping of ``str`` keys to lists of values; item access returns the last value.

    Surprises, all on purpose: ``d[k] = v`` replaces the whole list with ``[v]``;
    ``update()`` *appends* to the lists instead of replacing them; ``items()`` and
    ``values()`` give last values (``lists()`` gives the lists).
    """

    __slots__ = ("_data",)

    def __init__(self, data: Mapping[str, list[V]] | None = None) -> None:
        self._data: dict[str, list[V]] = {k: list(v) for k, v in data.items()} if data else {}

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, V]]) -> MultiValueDict[V]:
        """Build from ``(key, value)`` pairs, keeping repeated keys."""
        result: MultiValueDict[V] = cls()
        data = result._data
        for key, value in pairs:
            data.setdefault(key, []).append(value)
        return result

    def __getitem__(self, key: str) -> V:
        try:
            values = self._data[key]
        except KeyError:
            raise MultiValueDictKeyError(key) from None
        if not values:
            raise MultiValueDictKeyError(key)
        return values[-1]

    def __setitem__(self, key: str, value: V) -> None:
        self._data[key] = [value]

    def __delitem__(self, key: str) -> None:
        try:
            del self._data[key]
        except KeyError:
            raise MultiValueDictKeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    @overload
    def get(self, key: str) -> V | None: ...
    @overload
    def get(self, key: str, default: V | _T) -> V | _T: ...
    def get(self, key: str, default: Any = None) -> Any:
        """Return the last value for ``key``, or ``default`` when it is missing or empty."""
        values = self._data.get(key)
        return values[-1] if values else default

    def getlist(self, key: str, default: list[V] | None = None) -> list[V]:
        """Return a copy of the list of values for ``key`` (``default`` or ``[]`` if missing)."""
        values = self._data.get(key)
        if values is None:
            return [] if default is None else default
        return list(values)

    def setlist(self, key: str, values: Iterable[V]) -> None:
        """Replace the values for ``key``."""
        self._data[key] = list(values)

    def appendlist(self, key: str, value: V) -> None:
        """Add ``value`` to the values for ``key``."""
        self._data.setdefault(key, []).append(value)

    def setlistdefault(self, key: str, default: Iterable[V] = ()) -> list[V]:
        """Return the list for ``key``, setting it to ``default`` first if missing."""
        if key not in self._data:
            self.setlist(key, default)
        return self._data[key]

    def lists(self) -> Iterator[tuple[str, list[V]]]:
        """Yield ``(key, list_of_values)`` pairs."""
        for key, values in self._data.items():
            yield key, list(values)

    def update(self, *args: Any, **kwargs: Any) -> None:
        """Append values from a mapping, ``MultiValueDict`` or pairs, keeping existing values."""
        if len(args) > 1:
            raise TypeError(f"update() takes at most 1 positional argument ({len(args)} given)")
        sources: list[Any] = [*args, kwargs] if kwargs else list(args)
        for other in sources:
            if isinstance(other, MultiValueDict):
                for key, values in other.lists():
                    for value in values:
                        self.appendlist(key, value)
            elif isinstance(other, Mapping):
                for key, value in other.items():
                    self.appendlist(key, value)
            else:
                for key, value in other:
                    self.appendlist(key, value)

    def dict(self) -> dict[str, V]:
        """Return a plain dict of the last value for each key."""
        return {key: values[-1] for key, values in self._data.items() if values}

    def copy(self) -> MultiValueDict[V]:
        """Return a shallow copy (the lists are copied, the values are not)."""
        clone = self.__class__.__new__(self.__class__)
        clone._data = {k: list(v) for k, v in self._data.items()}
        return clone

    __copy__ = copy

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MultiValueDict):
            return self._data == other._data
        if isinstance(other, Mapping):
            return self.dict() == dict(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self._data!r}>"


class QueryDict(MultiValueDict[str]):
    """A ``MultiValueDict`` of strings parsed from a query string; immutable unless ``mutable``.

    Parsing is strict (see ``heron.http.querystring``): malformed percent-encoding or invalid
    UTF-8 raises ``BadRequest``. Mutating an immutable ``QueryDict`` raises ``AttributeError``;
    ``copy()`` always returns a mutable one.
    """

    __slots__ = ("_mutable",)

    def __init__(
        self,
        query_string: str | bytes | None = None,
        *,
        mutable: bool = False,
        max_fields: int | None = None,
        encoding: str = "utf-8",
    ) -> None:
        self._data = {}
        if query_string:
            data = self._data
            for key, value in parse_query_string(
                query_string, max_fields=max_fields, encoding=encoding
            ):
                data.setdefault(key, []).append(value)
        self._mutable = mutable

    @classmethod
    def from_query_string(
        cls,
        query_string: bytes | str,
        *,
        max_fields: int | None = None,
        encoding: str = "utf-8",
        source: str = "query string",
    ) -> QueryDict:
        """Parse ``query_string`` strictly into an immutable ``QueryDict``.

        ``source`` names the input in error messages ("query string", "form body").
        """
        result = cls.__new__(cls)
        result._mutable = False
        data: dict[str, list[str]] = {}
        result._data = data
        if query_string:
            for key, value in parse_query_string(
                query_string, max_fields=max_fields, encoding=encoding, source=source
            ):
                data.setdefault(key, []).append(value)
        return result

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]], *, mutable: bool = False) -> QueryDict:
        """Build from ``(key, value)`` pairs, keeping repeated keys."""
        result = cls(mutable=True)
        for key, value in pairs:
            result.appendlist(key, value)
        result._mutable = mutable
        return result

    @property
    def mutable(self) -> bool:
        return self._mutable

    def _check_mutable(self) -> None:
        if not self._mutable:
            raise AttributeError(
                "This QueryDict is immutable (request.GET and request.POST are); "
                "call .copy() to get a mutable one."
            )

    def __setitem__(self, key: str, value: str) -> None:
        self._check_mutable()
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self._check_mutable()
        super().__delitem__(key)

    def setlist(self, key: str, values: Iterable[str]) -> None:
        self._check_mutable()
        super().setlist(key, values)

    def appendlist(self, key: str, value: str) -> None:
        self._check_mutable()
        super().appendlist(key, value)

    def setlistdefault(self, key: str, default: Iterable[str] = ()) -> list[str]:
        self._check_mutable()
        return super().setlistdefault(key, default)

    def update(self, *args: Any, **kwargs: Any) -> None:
        self._check_mutable()
        super().update(*args, **kwargs)

    def clear(self) -> None:
        self._check_mutable()
        self._data.clear()

    def copy(self) -> QueryDict:
        """Return a mutable copy."""
        clone = QueryDict(mutable=True)
        clone._data = {k: list(v) for k, v in self._data.items()}
        return clone

    __copy__ = copy

    def urlencode(self, safe: str = "") -> str:
        """Encode back to a query string; characters in ``safe`` are left unescaped.

        Spaces become ``+`` unless ``safe`` is given (then ``%20``, as with ``quote``).
        """
        encode = (lambda text: quote(text, safe=safe)) if safe else quote_plus
        return "&".join(
            f"{encode(key)}={encode(value)}"
            for key, values in self._data.items()
            for value in values
        )
