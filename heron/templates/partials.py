"""Render one block of a template: ``"page.html#results"`` (partials for htmx-style updates).

The block renders with the template's full context, and ``{{ super() }}`` works: blocks the
template inherits from its ``{% extends %}`` parents are reachable too, found by reading the
parent's name from the template source once. A parent named by a variable
(``{% extends layout %}``) cannot be followed; its blocks are then out of reach.

Top-level statements outside blocks (``{% import %}``, ``{% set %}``) do not run when a single
block is rendered: import macros inside the block that uses them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import jinja2
from jinja2 import nodes

from .exceptions import BlockDoesNotExist

__all__ = ["block_chain", "render_block", "render_block_async", "split_name"]

_PARENT_ATTR = "_heron_parent_name"
_NO_PARENT = ""


def split_name(name: str) -> tuple[str, str | None]:
    """Split ``"page.html#block"`` into ``("page.html", "block")``; no ``#`` gives no block."""
    base, sep, block = name.partition("#")
    if not sep:
        return name, None
    if not block or not base:
        raise ValueError(f"Template name {name!r} is malformed: write 'template.html#block_name'.")
    return base, block


def _parent_name(env: jinja2.Environment, template: jinja2.Template) -> str:
    """Return the constant ``{% extends %}`` target of ``template``, or ``""``."""
    cached = getattr(template, _PARENT_ATTR, None)
    if cached is not None:
        return str(cached)
    parent = _NO_PARENT
    if template.name is not None and env.loader is not None:
        source, filename, _ = env.loader.get_source(env, template.name)
        tree = env.parse(source, template.name, filename)
        for node in tree.body:
            if isinstance(node, nodes.Extends):
                if isinstance(node.template, nodes.Const) and isinstance(node.template.value, str):
                    parent = node.template.value
                break
    setattr(template, _PARENT_ATTR, parent)
    return parent


def block_chain(env: jinja2.Environment, template: jinja2.Template) -> list[jinja2.Template]:
    """Return ``template`` then its ``{% extends %}`` ancestors, nearest first."""
    chain = [template]
    seen = {template.name}
    current = template
    while True:
        parent = _parent_name(env, current)
        if not parent or parent in seen:
            return chain
        current = env.get_template(parent, parent=current.name)
        seen.add(parent)
        chain.append(current)


def _context(
    env: jinja2.Environment, template: jinja2.Template, block: str, values: Mapping[str, Any]
) -> tuple[jinja2.runtime.Context, Any]:
    chain = block_chain(env, template)
    context = template.new_context(dict(values))
    for ancestor in chain[1:]:
        for name, func in ancestor.blocks.items():
            context.blocks.setdefault(name, []).append(func)
    functions = context.blocks.get(block)
    if not functions:
        raise BlockDoesNotExist(str(template.name), block, list(context.blocks))
    return context, functions[0]


def check_block(env: jinja2.Environment, template: jinja2.Template, block: str) -> None:
    """Raise ``BlockDoesNotExist`` unless ``block`` is defined by ``template`` or a parent."""
    if block in template.blocks:
        return
    names: set[str] = set()
    for ancestor in block_chain(env, template):
        names.update(ancestor.blocks)
    if block not in names:
        raise BlockDoesNotExist(str(template.name), block, sorted(names))


def render_block(
    env: jinja2.Environment, template: jinja2.Template, block: str, values: Mapping[str, Any]
) -> str:
    """Render only ``block`` of ``template`` with ``values`` (sync environment)."""
    context, func = _context(env, template, block, values)
    try:
        return env.concat(func(context))
    except Exception:
        env.handle_exception()


async def render_block_async(
    env: jinja2.Environment, template: jinja2.Template, block: str, values: Mapping[str, Any]
) -> str:
    """Render only ``block`` of ``template`` with ``values`` (async environment)."""
    context, func = _context(env, template, block, values)
    try:
        return env.concat([part async for part in func(context)])
    except Exception:
        env.handle_exception()
