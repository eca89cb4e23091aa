"""``cache_page``: cache one view's responses (the per-site middleware's rules, per view)."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from heron.conf import settings
from heron.http import HttpRequest

from .handler import caches
from .pages import arun, fetch, run, store

__all__ = ["cache_page"]

_F = TypeVar("_F", bound=Callable[..., Any])


def cache_page(
    timeout: float | None, *, cache: str | None = None, key_prefix: str | None = None
) -> Callable[[_F], _F]:
    """Cache the view's responses for ``timeout`` seconds (``def`` and ``async def`` views).

    ``cache`` names the ``CACHES`` alias (default ``CACHE_MIDDLEWARE_ALIAS``);
    ``key_prefix`` keeps this view's entries apart (default ``CACHE_MIDDLEWARE_KEY_PREFIX``).
    A response's own ``Cache-Control: max-age`` wins over ``timeout``; see
    ``heron.cache.pages`` for what is never cached.
    """
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, int | float)):
        raise TypeError(
            f"cache_page() takes the timeout in seconds first, e.g. @cache_page(60), not "
            f"{timeout!r}."
        )

    def settings_now() -> tuple[str, str]:
        alias = cache if cache is not None else str(settings.CACHE_MIDDLEWARE_ALIAS)
        prefix = key_prefix if key_prefix is not None else str(settings.CACHE_MIDDLEWARE_KEY_PREFIX)
        return alias, prefix

    def decorator(view: _F) -> _F:
        if inspect.iscoroutinefunction(view):

            @functools.wraps(view)
            async def async_inner(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
                alias, prefix = settings_now()
                backend = caches[alias]
                hit = await arun(fetch(request, prefix), backend)
                if hit is not None:
                    return hit
                response = await view(request, *args, **kwargs)
                await arun(store(request, response, timeout, prefix), backend)
                return response

            return async_inner  # type: ignore[return-value]

        @functools.wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            alias, prefix = settings_now()
            backend = caches[alias]
            hit = run(fetch(request, prefix), backend)
            if hit is not None:
                return hit
            response = view(request, *args, **kwargs)
            run(store(request, response, timeout, prefix), backend)
            return response

        return inner  # type: ignore[return-value]

    return decorator
