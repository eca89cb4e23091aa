"""``URLResolver``: a URLconf compiled for fast lookups.

At construction every endpoint is flattened to its full route (see ``compiled``). Then:

- a route without converters (from ``path()``) goes into a dict keyed by its exact path, so
  resolving it is one dict hit returning a ``ResolverMatch`` built in advance;
- other routes are bucketed by their first literal path segment (``'polls'`` for
  ``'polls/<int:pk>/'``); a request scans only its segment's bucket merged with the routes
  that have no literal first segment, in definition order.

The first route defined that matches wins. A static route that an earlier dynamic route
could also match is kept out of the dict (it is scanned in order instead), so the index never
changes which pattern wins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from .compiled import CompiledRoute, flatten
from .exceptions import Resolver404
from .include import URLConf, load_urlconf
from .match import ResolverMatch
from .patterns import view_path
from .reverse import Query, Reverser

__all__ = ["RouteInfo", "URLResolver"]


class RouteInfo(NamedTuple):
    """One row of ``heron routes``."""

    route: str
    name: str | None  # namespaced: "polls:detail"
    view: str  # dotted path: "polls.views.DetailView"
    kind: str  # "path" or "re_path"
    is_static: bool  # resolved by a dict lookup


class URLResolver:
    """Resolve paths to views and reverse names to paths for one URLconf."""

    def __init__(self, urlconf: URLConf, *, setting: str | None = None) -> None:
        patterns, _, label = load_urlconf(urlconf, setting=setting)
        self.urlconf_name = label
        self.routes, self._namespaces = flatten(patterns, label)
        self._tried = [route.route for route in self.routes]
        self._reverser: Reverser | None = None
        self._static: dict[str, ResolverMatch] = {}
        # Filled by adapt_views(): static path -> (match, adapted view), one lookup per request.
        self.static_handlers: dict[str, tuple[ResolverMatch, Any]] = {}
        self._static_routes: set[int] = set()
        buckets: dict[str, list[tuple[int, CompiledRoute]]] = {}
        wildcard: list[tuple[int, CompiledRoute]] = []
        for index, route in enumerate(self.routes):
            path = route.static_path
            if path is not None and not _shadowed(path, buckets, wildcard):
                if path not in self._static:
                    match = ResolverMatch(route, (), dict(route.extra))
                    # Both spellings, so the hot path is a single dict lookup.
                    self._static[path] = self._static["/" + path] = match
                    self._static_routes.add(index)
                continue
            if route.key is None:
                wildcard.append((index, route))
            else:
                buckets.setdefault(route.key, []).append((index, route))
        self._wildcard = tuple(route for _, route in wildcard)
        self._buckets = {
            key: tuple(route for _, route in sorted(entries + wildcard, key=lambda e: e[0]))
            for key, entries in buckets.items()
        }

    def resolve(self, path: str) -> ResolverMatch:
        """Return the match for ``path`` (``'/polls/1/'``), or raise ``Resolver404``."""
        match = self._static.get(path) or self._match(path)
        if match is None:
            raise Resolver404(path, list(self._tried))
        return match

    def is_valid_path(self, path: str) -> bool:
        """Return True if ``path`` resolves (``APPEND_SLASH`` asks this of ``path + '/'``)."""
        return path in self._static or self._match(path) is not None

    def _match(self, path: str) -> ResolverMatch | None:
        """Scan the dynamic routes that could match ``path`` (static ones are looked up)."""
        if path[:1] == "/":
            path = path[1:]
        slash = path.find("/")
        candidates = (
            self._wildcard if slash < 0 else self._buckets.get(path[:slash], self._wildcard)
        )
        for route in candidates:
            found = route.regex.match(path)
            if found is None:
                continue
            groups = found.groups()
            kwargs: dict[str, Any] = {}
            if route.kw_caps:
                try:
                    for index, name, to_python in route.kw_caps:
                        value = groups[index]
                        if value is not None:
                            kwargs[name] = value if to_python is None else to_python(value)
                except ValueError:
                    continue
                args: tuple[Any, ...] = ()
            else:
                args = tuple(groups[index] for index in route.arg_caps)
            if route.extra:
                kwargs.update(route.extra)
            return ResolverMatch(route, args, kwargs)
        return None

    def reverse(
        self,
        viewname: str | Callable[..., Any],
        args: Sequence[Any] | None = None,
        kwargs: Mapping[str, Any] | None = None,
        current_app: str | None = None,
        query: Query | None = None,
    ) -> str:
        """Return the path for a view name or callable (see ``heron.urls.reverse``)."""
        reverser = self._reverser
        if reverser is None:
            reverser = self._reverser = Reverser(self.routes, self._namespaces)
        return reverser.reverse(viewname, args, kwargs, current_app, query)

    def adapt_views(self, adapt: Callable[[Callable[..., Any]], Any]) -> None:
        """Set ``pattern.handler = adapt(pattern.callback)`` once for every endpoint."""
        seen: set[int] = set()
        for route in self.routes:
            pattern = route.pattern
            if id(pattern) not in seen:
                seen.add(id(pattern))
                pattern.handler = adapt(pattern.callback)
        # Updated in place: the ASGI application keeps a reference to this dict.
        self.static_handlers.clear()
        self.static_handlers.update(
            (path, (match, match.handler)) for path, match in self._static.items()
        )

    def iter_routes(self) -> Iterator[RouteInfo]:
        """Yield one ``RouteInfo`` per endpoint, in definition order."""
        for index, route in enumerate(self.routes):
            name = route.pattern.name
            yield RouteInfo(
                route=route.route,
                name=":".join((*route.namespaces, name)) if name else None,
                view=view_path(route.pattern.callback),
                kind=route.kind,
                is_static=index in self._static_routes,
            )

    def __repr__(self) -> str:
        return f"<URLResolver {self.urlconf_name} ({len(self.routes)} routes)>"


def _shadowed(
    path: str,
    buckets: dict[str, list[tuple[int, CompiledRoute]]],
    wildcard: list[tuple[int, CompiledRoute]],
) -> bool:
    """Return True if a dynamic route defined earlier could match ``path``.

    Only the regex is checked (no converter code runs at start-up), so a shadowed static
    route is simply scanned in order with the dynamic ones: correct either way.
    """
    slash = path.find("/")
    earlier = buckets.get(path[:slash], []) if slash >= 0 else []
    return any(route.regex.match(path) for _, route in (*earlier, *wildcard))
