"""System checks of ``CACHES`` (run by ``heron check``, ``heron run`` and ``heron serve``).

caches.E001   a CACHES entry cannot be built (unknown backend, missing LOCATION, bad TIMEOUT)
caches.E002   CACHES has no "default" entry
caches.E003   RATELIMIT_CACHE or CACHE_MIDDLEWARE_ALIAS names an alias that is not in CACHES
"""

from __future__ import annotations

from typing import Any

from heron.checks.messages import CheckMessage, Error
from heron.checks.registry import Tags, register
from heron.conf import settings
from heron.conf.exceptions import ImproperlyConfigured

from .handler import DEFAULT_CACHE_ALIAS, caches

__all__ = ["check_cache_aliases", "check_caches"]


@register(Tags.settings, Tags.caches)
def check_caches(**kwargs: Any) -> list[CheckMessage]:
    """Build every CACHES entry once (no connection is made) and report what fails."""
    messages: list[CheckMessage] = []
    configured = caches.configured()
    if DEFAULT_CACHE_ALIAS not in configured:
        messages.append(
            Error(
                "CACHES has no 'default' entry; heron.cache.cache and the cache users "
                "(cache_page, rate limits, sessions) need one.",
                hint='Add "default": {"BACKEND": "heron.cache.backends.locmem.LocMemCache"}.',
                obj="CACHES",
                id="caches.E002",
            )
        )
    for alias in configured:
        try:
            backend = caches.create(alias)
        except (ImproperlyConfigured, ImportError, TypeError, ValueError) as exc:
            messages.append(
                Error(
                    f"CACHES[{alias!r}] cannot be used: {exc}",
                    hint="Fix the entry; docs/caching.md lists the backends and their keys.",
                    obj="CACHES",
                    id="caches.E001",
                )
            )
        else:
            backend.close()
    return messages


@register(Tags.settings, Tags.caches)
def check_cache_aliases(**kwargs: Any) -> list[CheckMessage]:
    """Settings that name a cache alias must name one that exists."""
    configured = caches.configured()
    messages: list[CheckMessage] = []
    for setting in ("RATELIMIT_CACHE", "CACHE_MIDDLEWARE_ALIAS"):
        alias = getattr(settings, setting)
        if alias not in configured:
            names = ", ".join(repr(name) for name in configured) or "none"
            messages.append(
                Error(
                    f"{setting} is {alias!r}, which is not in CACHES (configured: {names}).",
                    hint=f"Set {setting} to one of the CACHES aliases, or add {alias!r}.",
                    obj=setting,
                    id="caches.E003",
                )
            )
    return messages
