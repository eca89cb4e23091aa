"""Heron's cache framework.

* ``handler``: ``caches`` (by alias, from ``CACHES``) and ``cache`` (the default alias);
* ``backends``: ``base`` (the contract and the shared logic), ``locmem``, ``filebased``,
  ``db``, ``redis``, ``dummy``;
* ``pages``: the I/O-free rules of whole-page caching, used by ``decorators.cache_page`` and
  the per-site ``middleware``;
* ``fragment``: the ``{% cache %}`` template tag.

Every operation has an a-prefixed async twin (``get``/``aget``, ``set``/``aset``, ...).
See docs/caching.md.
"""

from .backends.base import DEFAULT_TIMEOUT as DEFAULT_TIMEOUT
from .backends.base import BaseCache as BaseCache
from .backends.base import InvalidCacheKey as InvalidCacheKey
from .decorators import cache_page as cache_page
from .fragment import make_template_fragment_key as make_template_fragment_key
from .handler import DEFAULT_CACHE_ALIAS as DEFAULT_CACHE_ALIAS
from .handler import CacheHandler as CacheHandler
from .handler import InvalidCacheBackendError as InvalidCacheBackendError
from .handler import cache as cache
from .handler import caches as caches

__all__ = [
    "DEFAULT_CACHE_ALIAS",
    "DEFAULT_TIMEOUT",
    "BaseCache",
    "CacheHandler",
    "InvalidCacheBackendError",
    "InvalidCacheKey",
    "cache",
    "cache_page",
    "caches",
    "make_template_fragment_key",
]
