"""Flatten a URLconf into one record per endpoint, each with its full route precompiled.

The resolver and ``reverse()`` work on these records, never on the nested includes: an
endpoint's pieces (every include prefix, then its own route) are joined into one regex whose
captures are mapped to keyword or positional arguments once, here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from heron.conf import ImproperlyConfigured

from .converters import Converter, StringConverter
from .patterns import URLInclude, URLPattern, view_path
from .route import Param, RegexPattern, RoutePattern, Template

__all__ = ["CompiledRoute", "NamespaceNode", "flatten", "quote_url"]

Piece = RoutePattern | RegexPattern
_URL_SAFE = "/:@!$&'()*+,;=~"


@dataclass(slots=True, eq=False)
class CompiledRoute:
    """One endpoint with everything the hot path and ``reverse()`` need, precomputed."""

    pattern: URLPattern
    route: str
    kind: str
    regex: re.Pattern[str]
    # (group index, keyword, to_python or None when the text is the value)
    kw_caps: tuple[tuple[int, str, Callable[[str], Any] | None], ...]
    arg_caps: tuple[int, ...]
    extra: dict[str, Any]
    static_path: str | None
    key: str | None
    app_names: tuple[str, ...]
    namespaces: tuple[str, ...]
    view_name: str
    template: Template | None
    params: tuple[Param, ...]
    fixed_url: str | None

    @property
    def url_name(self) -> str | None:
        return self.pattern.name


@dataclass(slots=True, eq=False)
class NamespaceNode:
    """Named routes of one namespace, plus the namespaces deployed inside it."""

    names: dict[str, list[CompiledRoute]] = field(default_factory=dict)
    # app_name -> instance namespaces, in deployment order
    apps: dict[str, list[str]] = field(default_factory=dict)
    children: dict[str, NamespaceNode] = field(default_factory=dict)


def flatten(patterns: Sequence[Any], source: str) -> tuple[list[CompiledRoute], NamespaceNode]:
    """Return every endpoint of ``patterns`` in definition order, and the namespace tree."""
    routes: list[CompiledRoute] = []
    root = NamespaceNode()
    _walk(patterns, source, (), {}, (), (), root, routes, ())
    return routes, root


def _walk(
    patterns: Sequence[Any],
    source: str,
    pieces: tuple[Piece, ...],
    extra: dict[str, Any],
    app_names: tuple[str, ...],
    namespaces: tuple[str, ...],
    node: NamespaceNode,
    routes: list[CompiledRoute],
    stack: tuple[int, ...],
) -> None:
    for entry in patterns:
        if isinstance(entry, URLPattern):
            route = _compile(
                entry,
                (*pieces, entry.pattern),
                {**extra, **entry.default_args},
                app_names,
                namespaces,
            )
            routes.append(route)
            if entry.name:
                node.names.setdefault(entry.name, []).append(route)
        elif isinstance(entry, URLInclude):
            included = entry.included
            if id(included.patterns) in stack:
                raise ImproperlyConfigured(
                    f"{source}: include({included.source!r}) includes itself (an include cycle)."
                )
            child, apps, spaces = node, app_names, namespaces
            if included.namespace and included.app_name:
                instances = node.apps.setdefault(included.app_name, [])
                if included.namespace not in instances:
                    instances.append(included.namespace)
                child = node.children.setdefault(included.namespace, NamespaceNode())
                apps, spaces = (*apps, included.app_name), (*spaces, included.namespace)
            _walk(
                included.patterns,
                included.source,
                (*pieces, entry.pattern),
                {**extra, **entry.default_args},
                apps,
                spaces,
                child,
                routes,
                (*stack, id(included.patterns)),
            )
        else:
            raise ImproperlyConfigured(
                f"{source}: urlpatterns entry {entry!r} is not a path() or re_path() result."
            )


def _compile(
    pattern: URLPattern,
    pieces: tuple[Piece, ...],
    extra: dict[str, Any],
    app_names: tuple[str, ...],
    namespaces: tuple[str, ...],
) -> CompiledRoute:
    display = _join_display(pieces)
    fragments: list[str] = []
    keyword: list[tuple[int, str, Callable[[str], Any] | None]] = []
    positional: list[int] = []
    offset = 0
    for index, piece in enumerate(pieces):
        tag = f"_{index}_"
        fragment = piece.regex(tag)
        compiled = _compile_regex(fragment, display)
        for group, name, converter in piece.captures(tag):
            local = compiled.groupindex[group] if isinstance(group, str) else group
            if name is None:
                positional.append(offset + local - 1)
            else:
                keyword.append((offset + local - 1, name, _to_python(converter)))
        offset += compiled.groups
        fragments.append(fragment if isinstance(piece, RoutePattern) else f"(?:{fragment})")
    last = pieces[-1]
    ends = isinstance(last, RoutePattern) or last.ends
    regex = _compile_regex("".join(fragments) + ("\\Z" if ends else ""), display)

    static = all(isinstance(p, RoutePattern) and p.is_static for p in pieces)
    static_path = "".join(p.route for p in pieces) if static else None
    prefix: list[str] = []
    for piece in pieces:
        prefix.append(piece.literal_prefix)
        if not piece.is_static:
            break
    literal = "".join(prefix)
    key = literal.split("/", 1)[0] if "/" in literal else None

    template: Template | None = ()
    for piece in pieces:
        if template is None or piece.template is None:
            template = None
            break
        template = (*template, *piece.template)
    params = tuple(p for p in template or () if isinstance(p, Param))
    fixed_url = None
    if template is not None and not params:
        fixed_url = quote_url("".join(p for p in template if isinstance(p, str)))
    name = pattern.name or view_path(pattern.callback)
    return CompiledRoute(
        pattern=pattern,
        route=display,
        kind="re_path" if any(isinstance(p, RegexPattern) for p in pieces) else "path",
        regex=regex,
        kw_caps=tuple(keyword),
        arg_caps=() if keyword else tuple(positional),
        extra=extra,
        static_path=static_path,
        key=key,
        app_names=app_names,
        namespaces=namespaces,
        view_name=":".join((*namespaces, name)),
        template=template,
        params=params,
        fixed_url=fixed_url,
    )


def _to_python(converter: Converter | None) -> Callable[[str], Any] | None:
    if converter is None or type(converter).to_python is StringConverter.to_python:
        return None
    return converter.to_python


def _join_display(pieces: tuple[Piece, ...]) -> str:
    out = []
    for index, piece in enumerate(pieces):
        text = piece.route
        if index and isinstance(piece, RegexPattern) and text.startswith("^"):
            text = text[1:]
        out.append(text)
    return "".join(out)


def _compile_regex(text: str, route: str) -> re.Pattern[str]:
    try:
        return re.compile(text)
    except re.error as exc:
        raise ImproperlyConfigured(
            f"Route {route!r} does not compile to a valid regular expression ({exc}). "
            "Check the converters' regex and any inline flags in re_path() patterns."
        ) from None


def quote_url(text: str) -> str:
    """Percent-quote route text into an absolute path (keeps '/' and RFC 3986 sub-delims)."""
    quoted = quote(text, safe=_URL_SAFE)
    # A leading "//" would be read as a scheme-relative URL to another host.
    if quoted.startswith("/"):
        return "/%2F" + quoted[1:]
    return "/" + quoted
