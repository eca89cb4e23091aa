"""The per-site cache: whole responses cached for anonymous-looking GET requests.

Put ``UpdateCacheMiddleware`` first in ``MIDDLEWARE`` and ``FetchFromCacheMiddleware``
last, so the stored response has every header the other middleware add (``Vary: Cookie``
from sessions, ``Vary: Accept-Encoding`` from GZip) and a cached page skips the work
between them; or use ``CacheMiddleware`` alone (both in one place). Settings:
``CACHE_MIDDLEWARE_ALIAS``, ``CACHE_MIDDLEWARE_SECONDS``, ``CACHE_MIDDLEWARE_KEY_PREFIX``.
The rules for what is cached are in ``heron.cache.pages``.
"""

from __future__ import annotations

from heron.conf import settings
from heron.http import HttpRequest, HttpResponseBase
from heron.middleware.base import AsyncHandler, HookMiddleware

from .handler import caches
from .pages import arun, fetch, store

__all__ = ["CacheMiddleware", "FetchFromCacheMiddleware", "UpdateCacheMiddleware"]

# Set on a request that missed the cache and may be stored on the way out.
_UPDATE = "_heron_cache_update"


class _CacheSettings(HookMiddleware):
    def __init__(self, get_response: AsyncHandler) -> None:
        super().__init__(get_response)
        self.alias = str(settings.CACHE_MIDDLEWARE_ALIAS)
        self.timeout = float(settings.CACHE_MIDDLEWARE_SECONDS)
        self.key_prefix = str(settings.CACHE_MIDDLEWARE_KEY_PREFIX)


class FetchFromCacheMiddleware(_CacheSettings):
    """Answer GET/HEAD requests from the cache when a stored response matches."""

    async def process_request(self, request: HttpRequest) -> HttpResponseBase | None:
        hit: HttpResponseBase | None = await arun(
            fetch(request, self.key_prefix), caches[self.alias]
        )
        if hit is None:
            setattr(request, _UPDATE, True)
        return hit


class UpdateCacheMiddleware(_CacheSettings):
    """Store the responses of requests that missed the cache (see ``heron.cache.pages``)."""

    async def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if getattr(request, _UPDATE, False):
            setattr(request, _UPDATE, False)
            await arun(store(request, response, self.timeout, self.key_prefix), caches[self.alias])
        return response


class CacheMiddleware(FetchFromCacheMiddleware, UpdateCacheMiddleware):
    """Fetch and update in one middleware (simpler; sees only the middleware inside it)."""
