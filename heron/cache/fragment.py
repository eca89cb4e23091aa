"""``{% cache %}``: cache a piece of a Jinja2 template.

::

    {% cache 300, "sidebar", request.user.pk %} ...expensive markup... {% endcache %}

The first argument is the timeout in seconds (``None`` forever), the second the fragment's
name, the rest are values the fragment varies on (one entry per combination). The cache
alias ``template_fragments`` is used when configured, else ``default``.
``make_template_fragment_key(name, vary_on)`` gives the key, to delete an entry early.
Works in sync renders and in ``render_async`` (there the cache's async API is used).
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup

from .backends.base import BaseCache
from .handler import caches

__all__ = ["FragmentCacheExtension", "make_template_fragment_key"]

FRAGMENT_ALIAS = "template_fragments"


def make_template_fragment_key(fragment_name: str, vary_on: Iterable[Any] = ()) -> str:
    """The cache key of fragment ``fragment_name`` for the values ``vary_on``."""
    digest = hashlib.sha256()
    for value in vary_on:
        digest.update(str(value).encode() + b"\x00")
    return f"heron.fragment.{fragment_name}.{digest.hexdigest()}"


def _cache() -> BaseCache:
    alias = FRAGMENT_ALIAS if FRAGMENT_ALIAS in caches.configured() else "default"
    return caches[alias]


class FragmentCacheExtension(Extension):
    """The ``{% cache timeout, name, *vary_on %}...{% endcache %}`` tag."""

    tags = {"cache"}

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        args = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            args.append(parser.parse_expression())
        if len(args) < 2:
            parser.fail(
                'The cache tag needs a timeout and a name: {% cache 300, "sidebar" %}', lineno
            )
        body = parser.parse_statements(("name:endcache",), drop_needle=True)
        call = self.call_method("_render", [nodes.List(args)])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render(self, args: list[Any], caller: Callable[[], Any]) -> Any:
        timeout, name, *vary_on = args
        key = make_template_fragment_key(str(name), vary_on)
        if self.environment.is_async:
            return self._arender(key, timeout, caller)
        backend = _cache()
        cached = backend.get(key)
        if cached is None:
            cached = str(caller())
            backend.set(key, cached, timeout)
        return Markup(cached)

    async def _arender(self, key: str, timeout: Any, caller: Callable[[], Awaitable[Any]]) -> Any:
        backend = _cache()
        cached = await backend.aget(key)
        if cached is None:
            cached = str(await caller())
            await backend.aset(key, cached, timeout)
        return Markup(cached)
