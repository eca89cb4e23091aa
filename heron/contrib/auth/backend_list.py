"""``AUTHENTICATION_BACKENDS``: load the configured backends (cached per setting value)."""

from __future__ import annotations

from typing import Any

from heron._internal.imports import import_string
from heron.conf import ImproperlyConfigured, settings

__all__ = ["get_backends", "load_backend"]

_loaded: dict[tuple[str, ...], list[Any]] = {}


def load_backend(path: str) -> Any:
    """Return an instance of the backend class at dotted ``path``."""
    return import_string(path, setting="AUTHENTICATION_BACKENDS")()


def backend_paths() -> tuple[str, ...]:
    paths = tuple(getattr(settings, "AUTHENTICATION_BACKENDS", ()) or ())
    if not paths:
        raise ImproperlyConfigured(
            "AUTHENTICATION_BACKENDS is empty; list at least one backend, e.g. "
            '["heron.contrib.auth.backends.ModelBackend"].'
        )
    return paths


def get_backends() -> list[Any]:
    """Return one instance of each backend in ``AUTHENTICATION_BACKENDS``, in order."""
    paths = backend_paths()
    found = _loaded.get(paths)
    if found is None:
        found = _loaded[paths] = [load_backend(path) for path in paths]
    return found


def backends_with_paths() -> list[tuple[Any, str]]:
    return list(zip(get_backends(), backend_paths(), strict=True))
