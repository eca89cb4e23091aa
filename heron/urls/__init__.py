"""URL routing: ``path``/``re_path``/``include`` to declare, ``resolve``/``reverse`` to use.

converters.py  <int:pk> and friends; register_converter()
route.py       parsing one route string or regex
patterns.py    path(), re_path(): URLPattern, URLInclude
include.py     include(), loading URLconf modules
compiled.py    flattening a URLconf into precompiled full routes
resolver.py    URLResolver: static dict + first-segment index
match.py       ResolverMatch
reverse.py     namespaces, argument matching and quoting for reverse()
cache.py       get_resolver(), clear_url_caches()
lookup.py      resolve(), reverse(), reverse_lazy()
exceptions.py  Resolver404, NoReverseMatch
"""

from .cache import clear_url_caches as clear_url_caches
from .cache import get_resolver as get_resolver
from .converters import Converter as Converter
from .converters import register_converter as register_converter
from .exceptions import NoReverseMatch as NoReverseMatch
from .exceptions import Resolver404 as Resolver404
from .include import include as include
from .lookup import resolve as resolve
from .lookup import reverse as reverse
from .lookup import reverse_lazy as reverse_lazy
from .match import ResolverMatch as ResolverMatch
from .patterns import URLInclude as URLInclude
from .patterns import URLPattern as URLPattern
from .patterns import path as path
from .patterns import re_path as re_path
from .resolver import RouteInfo as RouteInfo
from .resolver import URLResolver as URLResolver

__all__ = [
    "Converter",
    "NoReverseMatch",
    "Resolver404",
    "ResolverMatch",
    "RouteInfo",
    "URLInclude",
    "URLPattern",
    "URLResolver",
    "clear_url_caches",
    "get_resolver",
    "include",
    "path",
    "re_path",
    "register_converter",
    "resolve",
    "reverse",
    "reverse_lazy",
]
