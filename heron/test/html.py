"""HTML compared by meaning, not by text: a small normalised tree for ``assert_html_equal``
and ``assert_in_html`` (pure; stdlib ``html.parser``).

Two documents are equal when they have the same elements in the same order, with the same
attributes in any order (``class`` values in any order, ``checked`` equal to
``checked="checked"``) and the same text once runs of whitespace are collapsed; whitespace
between elements does not count.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Union

__all__ = ["Element", "count_in", "parse_html"]

VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)
_SPACES = re.compile(r"\s+")

Node = Union["Element", str]


@dataclass
class Element:
    """An element: ``tag``, sorted ``attributes`` and its ``children`` (elements and text)."""

    tag: str
    attributes: tuple[tuple[str, str], ...] = ()
    children: list[Node] = field(default_factory=list)

    def __str__(self) -> str:
        attrs = "".join(f' {k}="{v}"' for k, v in self.attributes)
        if self.tag == "":
            return "".join(map(str, self.children))
        if self.tag in VOID:
            return f"<{self.tag}{attrs}>"
        return f"<{self.tag}{attrs}>{''.join(map(str, self.children))}</{self.tag}>"


def _attribute(name: str, value: str | None) -> tuple[str, str]:
    if value is None or value == name:
        return name, name  # a boolean attribute, written either way
    if name == "class":
        return name, " ".join(sorted(value.split()))
    return name, _SPACES.sub(" ", value.strip())


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, tuple(sorted(_attribute(k, v) for k, v in attrs)))
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, tuple(sorted(_attribute(k, v) for k, v in attrs)))
        self.stack[-1].children.append(element)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        text = _SPACES.sub(" ", data)
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += text
        else:
            children.append(text)


def _tidy(element: Element) -> Element:
    kept: list[Node] = []
    for child in element.children:
        if isinstance(child, str):
            text = child.strip()
            if text:
                kept.append(text)
        else:
            kept.append(_tidy(child))
    element.children = kept
    return element


def parse_html(text: str) -> Element:
    """The document as a tree under a nameless root element."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return _tidy(builder.root)


def count_in(needle: Element, haystack: Element) -> int:
    """How many times ``needle`` (a parsed fragment: one element, or text) occurs in
    ``haystack``."""
    if len(needle.children) == 1:
        target: Node = needle.children[0]
    else:
        target = needle
    count = 0

    def walk(node: Node) -> None:
        nonlocal count
        if isinstance(target, str):
            if isinstance(node, str):
                count += node.count(target)
        elif node == target:
            count += 1
        if isinstance(node, Element):
            for child in node.children:
                walk(child)

    walk(haystack)
    return count
