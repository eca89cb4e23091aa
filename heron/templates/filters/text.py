"""Text filters: ``truncatechars``, ``truncatewords``, ``slugify``, ``linebreaks``,
``linebreaksbr``.

The truncating filters work on text: given safe HTML, they cut its text (tags removed), so
they never leave a tag half open.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from markupsafe import Markup

from heron.utils import text as textutils

__all__ = ["FILTERS", "linebreaks", "linebreaksbr", "slugify", "truncatechars", "truncatewords"]


def _plain(value: Any) -> str:
    if isinstance(value, Markup):
        return value.striptags()
    return str(value)


def _count(arg: Any, filter_name: str) -> int:
    try:
        return int(arg)
    except (TypeError, ValueError):
        raise TypeError(f"The {filter_name!r} filter takes a whole number, not {arg!r}.") from None


def truncatechars(value: Any, length: Any) -> str:
    """``{{ title|truncatechars(20) }}``: at most 20 characters, ``…`` included."""
    return textutils.truncate_chars(_plain(value), _count(length, "truncatechars"))


def truncatewords(value: Any, count: Any) -> str:
    """``{{ body|truncatewords(30) }}``: the first 30 words, then ``…``."""
    return textutils.truncate_words(_plain(value), _count(count, "truncatewords"))


def slugify(value: Any, allow_unicode: bool = False) -> str:
    """``{{ title|slugify }}``: ``"Hello, World!"`` -> ``"hello-world"``."""
    return textutils.slugify(value, allow_unicode=allow_unicode)


@pass_eval_context
def linebreaks(eval_ctx: EvalContext, value: Any) -> Markup:
    """``{{ text|linebreaks }}``: blank lines make ``<p>`` paragraphs, newlines ``<br>``."""
    return textutils.linebreaks(value, autoescape=eval_ctx.autoescape)


@pass_eval_context
def linebreaksbr(eval_ctx: EvalContext, value: Any) -> Markup:
    """``{{ text|linebreaksbr }}``: each newline becomes ``<br>``."""
    return textutils.linebreaksbr(value, autoescape=eval_ctx.autoescape)


FILTERS: dict[str, Callable[..., Any]] = {
    "truncatechars": truncatechars,
    "truncatewords": truncatewords,
    "slugify": slugify,
    "linebreaks": linebreaks,
    "linebreaksbr": linebreaksbr,
}
