"""Shortcuts for views: ``render`` a template into a response, ``redirect`` somewhere."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from heron.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseRedirect
from heron.templates import render_to_string

if TYPE_CHECKING:
    from heron.http import HttpRequest

__all__ = ["redirect", "render", "resolve_url"]


def render(
    request: HttpRequest,
    template_name: str,
    context: Mapping[str, Any] | None = None,
    content_type: str | None = None,
    status: int = 200,
) -> HttpResponse:
    """Render ``template_name`` with ``context`` (plus ``request``) into an ``HttpResponse``."""
    content = render_to_string(template_name, context, request)
    if content_type is None:
        return HttpResponse(content, status=status)
    return HttpResponse(content, content_type=content_type, status=status)


def resolve_url(to: Any, *args: Any, **kwargs: Any) -> str:
    """Turn ``to`` into a URL.

    ``to`` is an object with ``get_absolute_url()``, a URL name reversed with ``args`` and
    ``kwargs`` (``"polls:detail"``), or a URL used as is (``"/polls/"``, ``"https://..."``,
    ``"../"``). A string that looks like neither re-raises ``NoReverseMatch``.
    """
    get_absolute_url = getattr(to, "get_absolute_url", None)
    if callable(get_absolute_url):
        return str(get_absolute_url())
    target = str(to)
    if target.startswith(("/", "./", "../", "?", "#")) or "://" in target:
        return target
    from heron.urls import NoReverseMatch, reverse

    try:
        return reverse(target, args=args or None, kwargs=kwargs or None)
    except NoReverseMatch:
        # "example.com/x" or "page.html": a relative URL, not a view name.
        if "/" in target or "." in target:
            return target
        raise


def redirect(
    to: Any, *args: Any, permanent: bool = False, **kwargs: Any
) -> HttpResponseRedirect | HttpResponsePermanentRedirect:
    """Return a redirect to ``to`` (see ``resolve_url``); ``permanent`` picks 301 over 302."""
    url = resolve_url(to, *args, **kwargs)
    if permanent:
        return HttpResponsePermanentRedirect(url)
    return HttpResponseRedirect(url)
