"""Shape text: slugs, truncation, and paragraphs of plain text as HTML."""

from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup, escape

__all__ = [
    "ELLIPSIS",
    "linebreaks",
    "linebreaksbr",
    "slugify",
    "truncate_chars",
    "truncate_words",
]

ELLIPSIS = "…"

_NOT_SLUG = re.compile(r"[^\w\s-]")
_DASHES = re.compile(r"[-\s]+")
_NEWLINES = re.compile(r"\r\n|\r")
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def slugify(value: object, allow_unicode: bool = False) -> str:
    """Return a URL slug: lower case, words joined by ``-``, other punctuation dropped.

    Accented letters become plain ASCII (``"Crème brûlée"`` -> ``"creme-brulee"``) unless
    ``allow_unicode`` keeps them.
    """
    text = str(value)
    if allow_unicode:
        text = unicodedata.normalize("NFKC", text)
    else:
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _NOT_SLUG.sub("", text.lower())
    return _DASHES.sub("-", text).strip("-_")


def truncate_chars(text: str, length: int) -> str:
    """Cut ``text`` to at most ``length`` characters, ending with ``…`` when cut."""
    if length <= 0:
        return ""
    if len(text) <= length:
        return text
    return text[: length - 1].rstrip() + ELLIPSIS


def truncate_words(text: str, count: int) -> str:
    """Keep the first ``count`` words of ``text``, then ``…`` when words were dropped."""
    words = text.split()
    if count <= 0:
        return ELLIPSIS if words else ""
    if len(words) <= count:
        return " ".join(words)
    return " ".join(words[:count]) + " " + ELLIPSIS


def _normalize_newlines(text: str) -> str:
    return _NEWLINES.sub("\n", text)


def _escape_text(text: object, value: str, autoescape: bool) -> str:
    """Return ``value`` (the text of ``text``) as HTML source: escaped unless trusted."""
    if not autoescape or hasattr(text, "__html__"):
        return value
    return str(escape(value))


def linebreaks(text: object, autoescape: bool = True) -> Markup:
    """Turn plain text into paragraphs: blank lines split ``<p>``, single newlines ``<br>``.

    The text is escaped first, unless ``autoescape`` is off or it is already safe HTML.
    """
    value = _escape_text(text, _normalize_newlines(str(text)), autoescape)
    value = value.strip("\n")
    if not value:
        return Markup("")
    paragraphs = ("<br>".join(p.split("\n")) for p in _PARAGRAPH_BREAK.split(value))
    return Markup("\n\n".join(f"<p>{p}</p>" for p in paragraphs))


def linebreaksbr(text: object, autoescape: bool = True) -> Markup:
    """Turn each newline of plain text into ``<br>`` (escaping the text first)."""
    value = _escape_text(text, _normalize_newlines(str(text)), autoescape)
    return Markup(value.replace("\n", "<br>"))
