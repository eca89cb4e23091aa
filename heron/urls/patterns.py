"""What a URLconf is made of: ``path()`` and ``re_path()`` entries.

``path(route, view)`` makes a ``URLPattern`` (an endpoint); ``path(route, include(...))``
makes a ``URLInclude`` (a prefix in front of more patterns).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, overload

from heron.conf import ImproperlyConfigured

from .include import Included, include
from .route import RegexPattern, RoutePattern

__all__ = ["URLInclude", "URLPattern", "path", "re_path", "view_path"]

Pattern = RoutePattern | RegexPattern
# What admin-style apps hand to path(): (urlpatterns, app_name, namespace).
IncludeTriple = tuple[Sequence[Any], str | None, str | None]


class URLPattern:
    """An endpoint: a route piece, the view it calls, extra kwargs and a name.

    ``handler`` is set once at start-up by ``URLResolver.adapt_views()`` (the ASGI app's
    adapted form of ``callback``); it is None until then.
    """

    __slots__ = ("callback", "default_args", "handler", "name", "pattern")

    def __init__(
        self,
        pattern: Pattern,
        callback: Callable[..., Any],
        default_args: dict[str, Any] | None = None,
        name: str | None = None,
    ) -> None:
        self.pattern = pattern
        self.callback = callback
        self.default_args: dict[str, Any] = default_args or {}
        self.name = name
        self.handler: Any = None

    @property
    def lookup_str(self) -> str:
        """The view's dotted path, ``module.qualname``."""
        return view_path(self.callback)

    def __repr__(self) -> str:
        name = f" [name={self.name!r}]" if self.name else ""
        return f"<URLPattern {self.pattern.route!r}{name}>"


class URLInclude:
    """A route prefix in front of an included list of patterns."""

    __slots__ = ("default_args", "included", "pattern")

    def __init__(
        self, pattern: Pattern, included: Included, default_args: dict[str, Any] | None = None
    ) -> None:
        self.pattern = pattern
        self.included = included
        self.default_args: dict[str, Any] = default_args or {}

    def __repr__(self) -> str:
        ns = f" [namespace={self.included.namespace!r}]" if self.included.namespace else ""
        return f"<URLInclude {self.pattern.route!r} -> {self.included.source}{ns}>"


# path("x/", include(...)) or path("x/", admin.site.urls)
@overload
def path(
    route: str,
    view: Included | IncludeTriple,
    kwargs: dict[str, Any] | None = None,
    name: None = None,
) -> URLInclude: ...


# path("x/", view_function, name="x")
@overload
def path(
    route: str,
    view: Callable[..., Any],
    kwargs: dict[str, Any] | None = None,
    name: str | None = None,
) -> URLPattern: ...


def path(
    route: str,
    view: Callable[..., Any] | Included | IncludeTriple,
    kwargs: dict[str, Any] | None = None,
    name: str | None = None,
) -> URLPattern | URLInclude:
    """Map ``route`` (e.g. ``'polls/<int:pk>/'``) to a view, or to ``include(...)``."""
    if not isinstance(route, str):
        raise ImproperlyConfigured(f"path() route must be a string, not {type(route).__name__}.")
    return _make(RoutePattern(route), view, kwargs, name, "path")


# re_path(r"^x/$", include(...))
@overload
def re_path(
    route: str,
    view: Included | IncludeTriple,
    kwargs: dict[str, Any] | None = None,
    name: None = None,
) -> URLInclude: ...


# re_path(r"^x/(?P<pk>[0-9]+)/$", view_function, name="x")
@overload
def re_path(
    route: str,
    view: Callable[..., Any],
    kwargs: dict[str, Any] | None = None,
    name: str | None = None,
) -> URLPattern: ...


def re_path(
    route: str,
    view: Callable[..., Any] | Included | IncludeTriple,
    kwargs: dict[str, Any] | None = None,
    name: str | None = None,
) -> URLPattern | URLInclude:
    """Map a regular expression to a view; named groups become kwargs, unnamed ones args.

    Unnamed groups are passed as positional args only when the regex has no named groups.
    """
    if not isinstance(route, str):
        raise ImproperlyConfigured(f"re_path() regex must be a string, not {type(route).__name__}.")
    return _make(RegexPattern(route), view, kwargs, name, "re_path")


def _make(
    pattern: Pattern,
    view: Any,
    kwargs: dict[str, Any] | None,
    name: str | None,
    func: str,
) -> URLPattern | URLInclude:
    where = f"{func}({pattern.route!r}, ...)"
    if kwargs is not None and not isinstance(kwargs, dict):
        raise ImproperlyConfigured(f"{where}: kwargs must be a dict, not {type(kwargs).__name__}.")
    if isinstance(view, tuple) and len(view) == 3:
        patterns, app_name, namespace = view
        view = include((patterns, app_name), namespace=namespace)
    if isinstance(view, Included):
        if name is not None:
            raise ImproperlyConfigured(
                f"{where}: an include() takes no name; name the patterns inside it."
            )
        if isinstance(pattern, RegexPattern) and pattern.ends:
            raise ImproperlyConfigured(
                f"{where}: a regex in front of include() must not end with '$', or nothing "
                "inside the include could match."
            )
        return URLInclude(pattern, view, kwargs)
    if not callable(view):
        hint = " Import the view and pass the function itself." if isinstance(view, str) else ""
        raise ImproperlyConfigured(
            f"{where}: the view must be a callable (a function, a coroutine function or "
            f"View.as_view()) or include(...), not {type(view).__name__} {view!r}.{hint}"
        )
    if name is not None and (not isinstance(name, str) or ":" in name or not name):
        raise ImproperlyConfigured(
            f"{where}: name {name!r} must be a non-empty string without ':' "
            "(':' separates namespaces)."
        )
    return URLPattern(pattern, view, kwargs, name)


def view_path(view: Callable[..., Any]) -> str:
    """Return ``module.qualname`` for a view (the class for ``View.as_view()`` results)."""
    target: Any = getattr(view, "view_class", None) or view
    while isinstance(target, functools.partial):
        target = target.func
    if not hasattr(target, "__qualname__"):
        target = type(target)
    return f"{target.__module__}.{target.__qualname__}"
