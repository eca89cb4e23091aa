"""Extension points: where an installed app plugs into a room below it.

A core room never names a contrib app. Instead it reads one of these registries, and the app
fills it from its ``AppConfig.ready()``. The app registry empties them just before it runs the
``ready()`` hooks (inside ``heron.setup()``), so they always match ``INSTALLED_APPS``, and the
ASGI application and template environments are built after that::

    from heron.core.extensions import asgi_mounts, template_globals

    class StaticFilesConfig(AppConfig):
        def ready(self) -> None:
            asgi_mounts.register(handler_for_settings)
            template_globals["static"] = static_url

``asgi_mounts``
    Factories called with the settings when the ASGI application is built; each returns an
    ASGI handler with a ``prefix`` attribute (requests whose path starts with it go to the
    handler, before middleware and URL resolution), or None to mount nothing. A factory
    decides for itself whether its app is installed, so a stale registration is harmless.
``template_globals``
    Names added to every template environment built from now on (they may replace a
    built-in such as ``static``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

__all__ = ["Registry", "asgi_mounts", "clear", "template_globals"]


class Registry:
    """An ordered set of callables (registering the same one twice keeps one)."""

    def __init__(self) -> None:
        self._items: list[Callable[..., Any]] = []

    def register(self, func: Callable[..., Any]) -> Callable[..., Any]:
        """Add ``func`` (usable as a decorator); a second registration is ignored."""
        if func not in self._items:
            self._items.append(func)
        return func

    def unregister(self, func: Callable[..., Any]) -> None:
        """Remove ``func`` if it is registered."""
        if func in self._items:
            self._items.remove(func)

    def __iter__(self) -> Iterator[Callable[..., Any]]:
        return iter(list(self._items))

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        """Remove every registration."""
        self._items.clear()


asgi_mounts = Registry()
template_globals: dict[str, Any] = {}


def clear() -> None:
    """Forget every registration; the app registry calls it before running ``ready()`` hooks."""
    asgi_mounts.clear()
    template_globals.clear()
