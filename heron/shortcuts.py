"""Shortcuts for views: ``render`` a template into a response, ``redirect`` somewhere, and
fetch rows or answer 404 (``get_object_or_404``, ``get_list_or_404`` and async twins)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from heron.http import (
    Http404,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from heron.templates import render_to_string
from heron.urls import NoReverseMatch, reverse

if TYPE_CHECKING:
    from heron.http import HttpRequest

__all__ = [
    "aget_list_or_404",
    "aget_object_or_404",
    "get_list_or_404",
    "get_object_or_404",
    "redirect",
    "render",
    "resolve_url",
]


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


# -- fetch or 404 -----------------------------------------------------------------------------


def _queryset_of(klass: Any, caller: str) -> Any:
    """The QuerySet behind ``klass``: a model (its first manager), a manager or a QuerySet."""
    # here: render() and redirect() need no ORM; only the 404 helpers load it
    from heron.db.models import Model
    from heron.db.models.query.manager import BaseManager, ManagerDescriptor
    from heron.db.models.query.queryset import QuerySet

    if isinstance(klass, QuerySet):
        return klass
    if isinstance(klass, BaseManager):
        return klass.all()
    if isinstance(klass, type) and issubclass(klass, Model):
        for base in klass.__mro__:
            for name, value in vars(base).items():
                if isinstance(value, ManagerDescriptor):
                    return getattr(klass, name).all()
        return klass.objects.all()
    name = klass.__name__ if isinstance(klass, type) else type(klass).__name__
    raise TypeError(
        f"The first argument of {caller}() must be a model, a manager or a QuerySet, not {name!r}."
    )


def _not_found(queryset: Any, kwargs: Mapping[str, Any]) -> Http404:
    lookup = ", ".join(f"{key}={value!r}" for key, value in kwargs.items())
    suffix = f" matches the query ({lookup})" if lookup else " matches the query"
    return Http404(f"No {queryset.model._meta.object_name}{suffix}.")


def get_object_or_404(klass: Any, *args: Any, **kwargs: Any) -> Any:
    """Return ``klass.get(*args, **kwargs)``, or raise ``Http404`` when there is no such row.

    ``klass`` is a model, a manager or a QuerySet. More than one match still raises the
    model's ``MultipleObjectsReturned``: that is a bug in the lookup, not a missing page.
    """
    queryset = _queryset_of(klass, "get_object_or_404")
    try:
        return queryset.get(*args, **kwargs)
    except queryset.model.DoesNotExist:
        raise _not_found(queryset, kwargs) from None


async def aget_object_or_404(klass: Any, *args: Any, **kwargs: Any) -> Any:
    """``get_object_or_404`` for async views (uses ``aget()``)."""
    queryset = _queryset_of(klass, "aget_object_or_404")
    try:
        return await queryset.aget(*args, **kwargs)
    except queryset.model.DoesNotExist:
        raise _not_found(queryset, kwargs) from None


def get_list_or_404(klass: Any, *args: Any, **kwargs: Any) -> list[Any]:
    """Return ``list(klass.filter(*args, **kwargs))``, or raise ``Http404`` when it is empty."""
    queryset = _queryset_of(klass, "get_list_or_404")
    rows = list(queryset.filter(*args, **kwargs))
    if not rows:
        raise _not_found(queryset, kwargs)
    return rows


async def aget_list_or_404(klass: Any, *args: Any, **kwargs: Any) -> list[Any]:
    """``get_list_or_404`` for async views (uses ``alist()``)."""
    queryset = _queryset_of(klass, "aget_list_or_404")
    rows: list[Any] = await queryset.filter(*args, **kwargs).alist()
    if not rows:
        raise _not_found(queryset, kwargs)
    return rows
