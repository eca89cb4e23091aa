"""``get_resolver()``: one cached ``URLResolver`` per URLconf, cleared when ROOT_URLCONF changes."""

from __future__ import annotations

from typing import Any

from heron.conf import ImproperlyConfigured, settings
from heron.conf.settings import on_change

from .include import URLConf
from .resolver import URLResolver

__all__ = ["clear_url_caches", "get_resolver"]

_default: URLResolver | None = None
# key -> (the urlconf object, its resolver); the object is kept so an id() is never reused.
_resolvers: dict[Any, tuple[Any, URLResolver]] = {}


def get_resolver(urlconf: URLConf | None = None) -> URLResolver:
    """Return the cached resolver for ``urlconf``, or for ``settings.ROOT_URLCONF``."""
    global _default
    if urlconf is None:
        if _default is not None:
            return _default
        root = settings.ROOT_URLCONF
        if not root:
            raise ImproperlyConfigured(
                "ROOT_URLCONF is not set: point it at the module that defines urlpatterns, "
                "e.g. ROOT_URLCONF = 'mysite.urls' in your settings."
            )
        _default = _cached(root, "ROOT_URLCONF")
        return _default
    return _cached(urlconf, None)


def _cached(urlconf: URLConf, setting: str | None) -> URLResolver:
    key = urlconf if isinstance(urlconf, str) else id(urlconf)
    entry = _resolvers.get(key)
    if entry is not None and (isinstance(urlconf, str) or entry[0] is urlconf):
        return entry[1]
    resolver = URLResolver(urlconf, setting=setting)
    _resolvers[key] = (urlconf, resolver)
    return resolver


def clear_url_caches() -> None:
    """Forget every cached resolver (the next lookup re-reads the URLconf)."""
    global _default
    _default = None
    _resolvers.clear()


@on_change
def _settings_changed(names: set[str]) -> None:
    if "ROOT_URLCONF" in names:
        clear_url_caches()
