"""Path converters: the ``int`` in ``<int:pk>``.

A converter has a ``regex`` (what the segment may look like), ``to_python(value)`` (the
value handed to the view; raising ``ValueError`` means "this pattern does not match, try the
next one") and ``to_url(value)`` (the text put back into a URL by ``reverse()``; raising
``ValueError`` rejects the value).
"""

from __future__ import annotations

import uuid
from typing import Any, Protocol, runtime_checkable

from heron.conf import ImproperlyConfigured

__all__ = [
    "Converter",
    "IntConverter",
    "PathConverter",
    "SlugConverter",
    "StringConverter",
    "UUIDConverter",
    "get_converter",
    "get_converters",
    "register_converter",
]


@runtime_checkable
class Converter(Protocol):
    """What ``register_converter()`` accepts (as a class or an instance)."""

    regex: str

    def to_python(self, value: str) -> Any:
        """Turn the matched text into the view's argument; ``ValueError`` means no match."""
        ...

    def to_url(self, value: Any) -> str:
        """Turn a value into URL text for ``reverse()``; ``ValueError`` rejects it."""
        ...


class StringConverter:
    """Any non-empty text without a ``/`` (the default: ``<name>`` means ``<str:name>``)."""

    regex = "[^/]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: Any) -> str:
        return str(value)


class IntConverter:
    """Zero or a positive integer, as ``int``."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: Any) -> str:
        return str(int(value))


class SlugConverter(StringConverter):
    """ASCII letters, digits, hyphens and underscores."""

    regex = "[-a-zA-Z0-9_]+"


class UUIDConverter:
    """A lower-case, hyphenated UUID, as ``uuid.UUID``."""

    regex = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

    def to_python(self, value: str) -> uuid.UUID:
        return uuid.UUID(value)

    def to_url(self, value: Any) -> str:
        return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))


class PathConverter(StringConverter):
    """Any non-empty text, ``/`` included (for the rest of a path)."""

    regex = ".+"


_BUILTIN: dict[str, Converter] = {
    "int": IntConverter(),
    "path": PathConverter(),
    "slug": SlugConverter(),
    "str": StringConverter(),
    "uuid": UUIDConverter(),
}
_registry: dict[str, Converter] = dict(_BUILTIN)


def register_converter(converter: type[Any] | Any, type_name: str) -> None:
    """Make ``<type_name:x>`` usable in routes defined from now on.

    ``converter`` is a class (instantiated without arguments) or an instance. Registering
    the same class again under its name is allowed (modules get re-imported); replacing a
    different converter, or a built-in one, is an error.
    """
    instance = converter() if isinstance(converter, type) else converter
    if not type_name.isidentifier():
        raise ImproperlyConfigured(
            f"Converter name {type_name!r} is not a valid Python identifier."
        )
    regex = getattr(instance, "regex", None)
    if not isinstance(regex, str) or not isinstance(instance, Converter):
        raise ImproperlyConfigured(
            f"Converter {type(instance).__qualname__} for {type_name!r} needs a `regex` string "
            "attribute and `to_python(value)` and `to_url(value)` methods."
        )
    existing = _registry.get(type_name)
    if existing is not None and type(existing) is not type(instance):
        raise ImproperlyConfigured(
            f"Converter {type_name!r} is already registered "
            f"({type(existing).__qualname__}); pick another name."
        )
    _registry[type_name] = instance


def get_converter(type_name: str) -> Converter | None:
    """Return the converter registered as ``type_name``, or None."""
    return _registry.get(type_name)


def get_converters() -> dict[str, Converter]:
    """Return a copy of the converter registry, by name."""
    return dict(_registry)
