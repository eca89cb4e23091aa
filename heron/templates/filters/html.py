"""HTML filters: ``urlize`` (links with ``rel="nofollow"``) and ``json_script``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import pass_eval_context
from jinja2.filters import do_urlize
from jinja2.nodes import EvalContext
from markupsafe import Markup

from heron.utils.html import json_script as _json_script

__all__ = ["FILTERS", "json_script", "urlize"]


@pass_eval_context
def urlize(
    eval_ctx: EvalContext,
    value: Any,
    trim_url_limit: int | None = None,
    nofollow: bool = True,
    target: str | None = None,
    rel: str | None = None,
) -> str:
    """``{{ comment|urlize }}``: turn URLs and e-mail addresses into links.

    The rest of the text is escaped; links get ``rel="nofollow noopener"`` (pass
    ``nofollow=false`` to drop ``nofollow``). ``trim_url_limit`` shortens the link text.
    """
    result: str = do_urlize(
        eval_ctx, value, trim_url_limit=trim_url_limit, nofollow=nofollow, target=target, rel=rel
    )
    return result


def json_script(value: Any, element_id: str | None = None) -> Markup:
    """``{{ data|json_script("data") }}``: the value as JSON in a ``<script>``, safe to embed."""
    return _json_script(value, element_id)


FILTERS: dict[str, Callable[..., Any]] = {
    "urlize": urlize,
    "json_script": json_script,
}
