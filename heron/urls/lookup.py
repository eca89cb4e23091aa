"""The module-level entry points, on the resolver for ROOT_URLCONF (or a given urlconf)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from heron._internal.lazy import LazyStr, lazy_str

from .cache import get_resolver
from .include import URLConf
from .match import ResolverMatch
from .reverse import Query

__all__ = ["resolve", "reverse", "reverse_lazy"]


def resolve(path: str, urlconf: URLConf | None = None) -> ResolverMatch:
    """Return the ``ResolverMatch`` for ``path``; raise ``Resolver404`` if nothing matches."""
    return get_resolver(urlconf).resolve(path)


def reverse(
    viewname: str | Callable[..., Any],
    urlconf: URLConf | None = None,
    args: Sequence[Any] | None = None,
    kwargs: Mapping[str, Any] | None = None,
    current_app: str | None = None,
    query: Query | None = None,
) -> str:
    """Return the path for a view: ``reverse('polls:detail', args=[1])`` -> ``'/polls/1/'``.

    ``viewname`` is ``'name'``, ``'ns:name'`` (namespaces nest: ``'a:b:name'``) or the view
    callable. Pass ``args`` or ``kwargs``, not both. ``current_app`` picks the instance of
    an application namespace; ``query`` (a mapping) is appended as a query string. Raises
    ``NoReverseMatch`` with what was tried.
    """
    return get_resolver(urlconf).reverse(viewname, args, kwargs, current_app, query)


def reverse_lazy(
    viewname: str | Callable[..., Any],
    urlconf: URLConf | None = None,
    args: Sequence[Any] | None = None,
    kwargs: Mapping[str, Any] | None = None,
    current_app: str | None = None,
    query: Query | None = None,
) -> LazyStr:
    """Like ``reverse()``, computed on first use (for class attributes and settings)."""
    return lazy_str(reverse, viewname, urlconf, args, kwargs, current_app, query)
