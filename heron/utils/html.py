"""Build HTML safely: escape what is not trusted, mark what is.

Safe strings are ``markupsafe.Markup`` (the class Jinja2 uses), so a value marked safe here is
never escaped again by a template, and anything else is escaped by autoescaping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from typing import Any

from markupsafe import Markup
from markupsafe import escape as _escape

__all__ = [
    "Markup",
    "conditional_escape",
    "escape",
    "format_html",
    "format_html_join",
    "json_script",
    "mark_safe",
    "strip_tags",
]

# Characters that could end a <script> element or start an HTML comment or entity.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def escape(text: object) -> Markup:
    """Escape ``& < > " '`` in ``str(text)``, even when ``text`` is already marked safe."""
    return _escape(str(text))


def conditional_escape(text: object) -> Markup:
    """Escape ``text`` unless it is already safe (it has an ``__html__`` method)."""
    return _escape(text)


def mark_safe(text: object) -> Markup:
    """Mark ``text`` as safe HTML: templates will output it as is. Never pass user input."""
    if callable(text) and not isinstance(text, str):
        raise TypeError("mark_safe() takes a string; to mark a function's result, call it first.")
    return Markup(text)


def format_html(format_string: str, /, *args: Any, **kwargs: Any) -> Markup:
    """Fill ``format_string`` (trusted HTML, ``str.format`` syntax) with escaped arguments.

    ``format_html('<a href="{}">{}</a>', url, label)`` escapes ``url`` and ``label`` unless
    they are already safe.
    """
    if not args and not kwargs:
        raise TypeError(
            "format_html() needs arguments to fill in; for fixed HTML use mark_safe() instead."
        )
    return Markup(format_string).format(*args, **kwargs)


def format_html_join(
    separator: str,
    format_string: str,
    args_list: Iterable[Any],
    *,
    formatter: Callable[..., Markup] | None = None,
) -> Markup:
    """Join ``format_html(format_string, *args)`` for each ``args`` in ``args_list``.

    Each item of ``args_list`` is a sequence of positional arguments, or a mapping of keyword
    arguments. ``separator`` is trusted HTML.
    """
    fill = formatter or format_html
    parts = []
    for item in args_list:
        if isinstance(item, dict):
            parts.append(fill(format_string, **item))
        else:
            parts.append(fill(format_string, *item))
    return Markup(separator).join(parts)


class _TagStripper(HTMLParser):
    """Collect the text of a fragment, leaving entities as they were written."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        self.parts.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.parts.append(f"&#{name};")


def _strip_once(value: str) -> str:
    parser = _TagStripper()
    parser.feed(value)
    parser.close()
    return "".join(parser.parts)


def strip_tags(value: object) -> str:
    """Remove HTML tags (and comments) from ``value``; the result is plain, unsafe text.

    Stripping repeats until nothing changes, so ``<<b>script>`` cannot turn into a tag. The
    result is not marked safe: a template still escapes what is left.
    """
    text = str(value)
    for _ in range(50):
        if "<" not in text:
            break
        stripped = _strip_once(text)
        if stripped == text:
            break
        text = stripped
    return text


def _json_default(value: Any) -> Any:
    from decimal import Decimal

    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, set | frozenset):
        return list(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def json_script(value: Any, element_id: str | None = None) -> Markup:
    """Return ``<script type="application/json">`` holding ``value`` as JSON, safe to embed.

    ``<``, ``>`` and ``&`` are written as ``\\u003C``, ``\\u003E`` and ``\\u0026``, so the
    data can never close the script element; read it in JavaScript with
    ``JSON.parse(document.getElementById(id).textContent)``.
    """
    import orjson

    data = orjson.dumps(value, default=_json_default, option=orjson.OPT_NON_STR_KEYS)
    payload = data.decode("utf-8").translate(_JSON_SCRIPT_ESCAPES)
    if element_id:
        return Markup('<script id="{}" type="application/json">{}</script>').format(
            element_id, Markup(payload)
        )
    return Markup('<script type="application/json">{}</script>').format(Markup(payload))
