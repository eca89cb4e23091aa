"""Parse one level of a URL: a ``path()`` route string or a ``re_path()`` regular expression.

Each parsed piece knows its regex fragment (with group names prefixed by a tag, so pieces of
nested includes can be joined into one regex), the values it captures, its literal prefix
(for the resolver's index) and a template that ``reverse()`` fills in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from heron.conf import ImproperlyConfigured

from .converters import Converter, get_converter, get_converters

__all__ = ["Capture", "Param", "RegexPattern", "RoutePattern", "Template"]


@dataclass(frozen=True, slots=True)
class Param:
    """A value slot in a URL: ``<int:pk>`` or a regex group (``name`` None when unnamed)."""

    name: str | None
    converter: Converter | None
    check: re.Pattern[str]


# A literal run of URL text or a slot; None when a regex is too clever to be reversed.
Template = tuple[str | Param, ...]
# (named group, or local group number; keyword name or None for positional; converter)
Capture = tuple[str | int, str | None, Converter | None]

_PARAM = re.compile(r"<([^<>]*)>")
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>")
_BACKREF = re.compile(r"\(\?P=(\w+)\)")
_QUANTIFIERS = "?*+{"
_SAFE_LITERAL = re.compile(r"[\w\-/~,;=:@!&'%]")


class RoutePattern:
    """A ``path()`` route such as ``'polls/<int:pk>/'``."""

    kind: Literal["path"] = "path"
    __slots__ = ("parts", "route")

    def __init__(self, route: str) -> None:
        self.route = route
        self.parts: Template = _parse_route(route)

    @property
    def is_static(self) -> bool:
        """True when the route has no converters (it matches exactly one text)."""
        return all(isinstance(part, str) for part in self.parts)

    @property
    def literal_prefix(self) -> str:
        first = self.parts[0] if self.parts else ""
        return first if isinstance(first, str) else ""

    @property
    def template(self) -> Template | None:
        return self.parts

    def regex(self, tag: str) -> str:
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(re.escape(part))
            else:
                assert part.converter is not None
                out.append(f"(?P<{tag}{part.name}>{part.converter.regex})")
        return "".join(out)

    def captures(self, tag: str) -> list[Capture]:
        return [
            (f"{tag}{part.name}", part.name, part.converter)
            for part in self.parts
            if isinstance(part, Param)
        ]

    def __repr__(self) -> str:
        return f"<RoutePattern {self.route!r}>"


class RegexPattern:
    """A ``re_path()`` regular expression, matched from the start of the remaining path.

    A leading ``^`` is optional. An endpoint whose regex ends with ``$`` must match the whole
    rest of the path; without ``$`` it matches a prefix.
    """

    kind: Literal["re_path"] = "re_path"
    __slots__ = ("_compiled", "body", "ends", "route", "template")

    def __init__(self, regex: str) -> None:
        self.route = regex
        body = regex[1:] if regex.startswith("^") else regex
        self.ends = _ends_with_dollar(body)
        self.body = body[:-1] if self.ends else body
        if self.body.startswith("/"):
            raise ImproperlyConfigured(
                f"Regex {regex!r} starts with '/'. Patterns are relative to their include "
                "(the path's leading '/' is already consumed); remove it."
            )
        try:
            self._compiled = re.compile(self.body)
        except re.error as exc:
            raise ImproperlyConfigured(
                f"Regex {regex!r} is not a valid regular expression: {exc}."
            ) from None
        self.template: Template | None = _regex_template(self.body, bool(self._compiled.groupindex))

    is_static = False

    @property
    def literal_prefix(self) -> str:
        if "|" in self.body:
            return ""
        out: list[str] = []
        text, i = self.body, 0
        while i < len(text):
            ch, step = text[i], 1
            if ch == "\\":
                if i + 1 >= len(text) or text[i + 1].isalnum():
                    break
                ch, step = text[i + 1], 2
            elif not _SAFE_LITERAL.fullmatch(ch):
                break
            if text[i + step : i + step + 1] in tuple(_QUANTIFIERS):
                break
            out.append(ch)
            i += step
        return "".join(out)

    def regex(self, tag: str) -> str:
        renamed = _NAMED_GROUP.sub(lambda m: f"(?P<{tag}{m[1]}>", self.body)
        return _BACKREF.sub(lambda m: f"(?P={tag}{m[1]})", renamed)

    def captures(self, tag: str) -> list[Capture]:
        named = self._compiled.groupindex
        if named:
            ordered = sorted(named.items(), key=lambda item: item[1])
            return [(f"{tag}{name}", name, None) for name, _ in ordered]
        return [(number, None, None) for number in range(1, self._compiled.groups + 1)]

    def __repr__(self) -> str:
        return f"<RegexPattern {self.route!r}>"


def _parse_route(route: str) -> Template:
    if route.startswith("/"):
        raise ImproperlyConfigured(
            f"Route {route!r} starts with '/'. Routes are relative to their include and the "
            f"root is ''; write {route.lstrip('/')!r}."
        )
    if route.startswith("^") or route.endswith("$") or "(?P<" in route:
        raise ImproperlyConfigured(
            f"Route {route!r} looks like a regular expression. Use re_path() for regular "
            "expressions; path() routes are plain text with <converter:name> parameters."
        )
    parts: list[str | Param] = []
    seen: set[str] = set()
    pos = 0
    for match in _PARAM.finditer(route):
        _add_literal(parts, route, route[pos : match.start()])
        pos = match.end()
        spec = match.group(1)
        if any(ch.isspace() for ch in spec):
            raise ImproperlyConfigured(
                f"Route {route!r} has whitespace inside <{spec}>; write <{''.join(spec.split())}>."
            )
        type_name, _, name = spec.rpartition(":")
        type_name = type_name or "str"
        if not name.isidentifier():
            raise ImproperlyConfigured(
                f"Parameter name {name!r} in route {route!r} is not a valid Python identifier."
            )
        converter = get_converter(type_name)
        if converter is None:
            known = ", ".join(sorted(get_converters()))
            raise ImproperlyConfigured(
                f"Unknown converter {type_name!r} in route {route!r}. Register it with "
                f"register_converter() or use one of: {known}."
            )
        if name in seen:
            raise ImproperlyConfigured(f"Route {route!r} uses the parameter name {name!r} twice.")
        seen.add(name)
        try:
            check = re.compile(converter.regex)
        except re.error as exc:
            raise ImproperlyConfigured(
                f"Converter {type_name!r} (in route {route!r}) has an invalid regex "
                f"{converter.regex!r}: {exc}."
            ) from None
        parts.append(Param(name, converter, check))
    _add_literal(parts, route, route[pos:])
    return tuple(parts)


def _add_literal(parts: list[str | Param], route: str, text: str) -> None:
    if "<" in text or ">" in text:
        raise ImproperlyConfigured(f"Route {route!r} has an unmatched '<' or '>'.")
    if text:
        parts.append(text)


def _ends_with_dollar(regex: str) -> bool:
    if not regex.endswith("$"):
        return False
    backslashes = len(regex[:-1]) - len(regex[:-1].rstrip("\\"))
    return backslashes % 2 == 0


def _regex_template(body: str, has_named: bool) -> Template | None:
    """Turn a regex into literal text and slots, or None if it is not simple enough.

    Reversible: literal characters, escaped punctuation, and top-level groups (named, or
    unnamed when the regex has no named groups) without nested groups or a quantifier.
    """
    out: list[str | Param] = []
    literal: list[str] = []
    i, n = 0, len(body)
    while i < n:
        ch = body[i]
        if ch == "(":
            end = _group_end(body, i)
            if end is None or body[end + 1 : end + 2] in tuple(_QUANTIFIERS):
                return None
            inner = body[i + 1 : end]
            name: str | None = None
            if inner.startswith("?P<"):
                close = inner.index(">")
                name, inner = inner[3:close], inner[close + 1 :]
            elif inner.startswith("?") or has_named:
                return None
            try:
                check = re.compile(inner)
            except re.error:
                return None
            if check.groups:
                return None
            if literal:
                out.append("".join(literal))
                literal = []
            out.append(Param(name, None, check))
            i = end + 1
            continue
        step = 1
        if ch == "\\":
            if i + 1 >= n or body[i + 1].isalnum():
                return None
            ch, step = body[i + 1], 2
        elif ch in ".^$*+?{}[]|)":
            return None
        if body[i + step : i + step + 1] in tuple(_QUANTIFIERS):
            return None
        literal.append(ch)
        i += step
    if literal:
        out.append("".join(literal))
    return tuple(out)


def _group_end(text: str, start: int) -> int | None:
    depth, i, in_class = 0, start, False
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return None
