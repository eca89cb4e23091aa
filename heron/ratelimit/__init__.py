"""Rate limits for views and for any code, counted in the cache.

* ``decorators``: ``@ratelimit("5/m", key="ip")``, ``is_ratelimited``/``ais_ratelimited``;
* ``counter``: ``hit``/``ahit`` and ``reset``/``areset``, fixed-window counters by any key
  (what sign-in throttling builds on);
* ``keys``: what a client is (address, user, header, form field, callable);
* ``rates``: ``"5/m"``, ``"100/h"``, ``"5/10m"``;
* ``exceptions``: ``Ratelimited``, answered with 429 and ``Retry-After``.

See docs/rate-limiting.md.
"""

from .counter import Hit as Hit
from .counter import ahit as ahit
from .counter import areset as areset
from .counter import hit as hit
from .counter import reset as reset
from .decorators import ALL as ALL
from .decorators import UNSAFE as UNSAFE
from .decorators import ais_ratelimited as ais_ratelimited
from .decorators import is_ratelimited as is_ratelimited
from .decorators import ratelimit as ratelimit
from .exceptions import Ratelimited as Ratelimited
from .keys import client_address as client_address
from .rates import Rate as Rate
from .rates import parse_rate as parse_rate

__all__ = [
    "ALL",
    "UNSAFE",
    "Hit",
    "Rate",
    "Ratelimited",
    "ahit",
    "ais_ratelimited",
    "areset",
    "client_address",
    "hit",
    "is_ratelimited",
    "parse_rate",
    "ratelimit",
    "reset",
]
