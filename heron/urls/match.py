"""``ResolverMatch``: what ``resolve()`` found for a path."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .compiled import CompiledRoute

__all__ = ["ResolverMatch"]


class ResolverMatch:
    """The view for a path, its arguments, and where in the URLconf it was found.

    Matches for static routes are built once and shared between requests: treat ``args``
    and ``kwargs`` as read-only.
    """

    __slots__ = ("_route", "args", "kwargs")

    def __init__(self, route: CompiledRoute, args: tuple[Any, ...], kwargs: dict[str, Any]):
        self._route = route
        self.args = args
        self.kwargs = kwargs

    @property
    def func(self) -> Callable[..., Any]:
        """The view as written in the URLconf."""
        return self._route.pattern.callback

    @property
    def handler(self) -> Any:
        """The view as adapted by ``URLResolver.adapt_views()``, or None before that."""
        return self._route.pattern.handler

    @property
    def url_name(self) -> str | None:
        return self._route.pattern.name

    @property
    def route(self) -> str:
        """The full route, include prefixes joined: ``'polls/<int:pk>/'``."""
        return self._route.route

    @property
    def app_names(self) -> list[str]:
        return list(self._route.app_names)

    @property
    def namespaces(self) -> list[str]:
        return list(self._route.namespaces)

    @property
    def app_name(self) -> str:
        return ":".join(self._route.app_names)

    @property
    def namespace(self) -> str:
        return ":".join(self._route.namespaces)

    @property
    def view_name(self) -> str:
        """``'ns:name'``; the view's dotted path stands in for a missing name."""
        return self._route.view_name

    @property
    def extra_kwargs(self) -> dict[str, Any]:
        """The ``kwargs`` given to ``path()`` (and its includes), merged into ``kwargs``."""
        return dict(self._route.extra)

    def __iter__(self) -> Iterator[Any]:
        return iter((self.func, self.args, self.kwargs))

    def __repr__(self) -> str:
        return (
            f"ResolverMatch(func={self._route.pattern.lookup_str}, args={self.args!r}, "
            f"kwargs={self.kwargs!r}, url_name={self.url_name!r}, "
            f"namespaces={self.namespaces!r}, route={self.route!r})"
        )
