"""Render template source with a fresh engine (autoescape on, as for .html files)."""

from __future__ import annotations

from typing import Any

from heron.templates import Engine


def render(source: str, **context: Any) -> str:
    return Engine().from_string(source).render(context)
