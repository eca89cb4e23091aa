"""Build URLs from view names: namespace lookup, argument matching, quoting."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urlencode

from .compiled import CompiledRoute, NamespaceNode, quote_url
from .exceptions import NoReverseMatch
from .patterns import view_path

__all__ = ["Query", "Reverser"]

Query = Mapping[str, Any] | Sequence[tuple[str, Any]]


class Reverser:
    """The reverse side of one resolver; built lazily on the first ``reverse()``."""

    def __init__(self, routes: list[CompiledRoute], root: NamespaceNode) -> None:
        self._root = root
        # (viewname, current_app) -> URL, for the common reverse("name") with no arguments.
        self._plain: dict[tuple[str, str | None], str] = {}
        self._by_callable: dict[Any, list[CompiledRoute]] = {}
        for route in routes:
            try:
                self._by_callable.setdefault(route.pattern.callback, []).append(route)
            except TypeError:  # an unhashable callable object can only be reversed by name
                pass

    def reverse(
        self,
        viewname: str | Callable[..., Any],
        args: Sequence[Any] | None = None,
        kwargs: Mapping[str, Any] | None = None,
        current_app: str | None = None,
        query: Query | None = None,
    ) -> str:
        """Return the absolute path for ``viewname`` (see ``heron.urls.reverse``)."""
        if args and kwargs:
            raise ValueError("reverse() takes args or kwargs, not both.")
        plain = (
            (viewname, current_app)
            if isinstance(viewname, str) and not args and not kwargs
            else None
        )
        if plain is not None:
            cached = self._plain.get(plain)
            if cached is not None:
                return f"{cached}?{urlencode(query, doseq=True)}" if query else cached
        if isinstance(viewname, str):
            *path, name = viewname.split(":")
            node = self._namespace(path, current_app) if path else self._root
            candidates = node.names.get(name, [])
            label = viewname
        else:
            candidates = self._by_callable.get(viewname, [])
            label = view_path(viewname)
        if not candidates:
            raise NoReverseMatch(
                f"Reverse for {label!r} not found. {label!r} is not a valid view function "
                "or pattern name."
            )
        for route in candidates:
            url = _build(route, args or (), kwargs or {})
            if url is not None:
                if plain is not None:
                    self._plain[plain] = url
                return f"{url}?{urlencode(query, doseq=True)}" if query else url
        if args:
            given = f"arguments {tuple(args)!r}"
        elif kwargs:
            given = f"keyword arguments {dict(kwargs)!r}"
        else:
            given = "no arguments"
        tried = [route.route for route in candidates]
        raise NoReverseMatch(
            f"Reverse for {label!r} with {given} not found. "
            f"{len(tried)} pattern(s) tried: {tried!r}"
        )

    def _namespace(self, path: list[str], current_app: str | None) -> NamespaceNode:
        # An app name picks an instance: current_app's, else the default instance (named
        # like the app), else the one deployed last.
        node = self._root
        current = current_app.split(":") if current_app else []
        resolved: list[str] = []
        for depth, requested in enumerate(path):
            here = current[depth] if depth < len(current) else None
            ns = requested
            instances = node.apps.get(ns)
            if instances is not None:
                if here is not None and here in instances:
                    ns = here
                elif ns not in instances:
                    ns = instances[-1]
            if ns != here:
                current = []
            child = node.children.get(ns)
            if child is None:
                inside = f" inside {':'.join(resolved)!r}" if resolved else ""
                raise NoReverseMatch(f"{requested!r} is not a registered namespace{inside}")
            resolved.append(ns)
            node = child
        return node


def _build(route: CompiledRoute, args: Sequence[Any], kwargs: Mapping[str, Any]) -> str | None:
    template = route.template
    if template is None:
        return None
    params = route.params
    if not params:
        return route.fixed_url if not args and not _defaults_conflict(route, kwargs) else None
    if args:
        if len(args) != len(params):
            return None
        values = list(args)
    else:
        defaults = route.extra
        names = [param.name for param in params]
        if None in names or set(kwargs).symmetric_difference(names).difference(defaults):
            return None
        if _defaults_conflict(route, kwargs):
            return None
        try:
            values = [kwargs[n] if n in kwargs else defaults[n] for n in names if n is not None]
        except KeyError:
            return None
    out: list[str] = []
    it = iter(values)
    for part in template:
        if isinstance(part, str):
            out.append(part)
            continue
        value = next(it)
        try:
            text = part.converter.to_url(value) if part.converter else str(value)
        except ValueError:
            return None
        if not isinstance(text, str) or part.check.fullmatch(text) is None:
            return None
        out.append(text)
    return quote_url("".join(out))


def _defaults_conflict(route: CompiledRoute, kwargs: Mapping[str, Any]) -> bool:
    extra = route.extra
    if not kwargs:
        return False
    if not extra:
        return bool(kwargs.keys() - {p.name for p in route.params})
    return any(kwargs.get(k, v) != v for k, v in extra.items()) or bool(
        kwargs.keys() - extra.keys() - {p.name for p in route.params}
    )
