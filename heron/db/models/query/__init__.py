"""The QuerySet layer: managers, QuerySets, expressions and instance persistence.

Map of the room:

- ``expressions``: ``F``, ``Value``, arithmetic, ``Q``; ``lookups``: ``__exact`` and friends
  as SQLAlchemy clauses;
- ``plan``: the query state (``Query``), the steps an I/O-free core yields, and the sync and
  async shells that run them (``run_sync`` / ``run_async``);
- ``compiler``: ``Query`` -> SQLAlchemy Core -> SQL + params, compiled once per query shape;
- ``queryset``, ``manager``: the public API; ``persistence``: save/delete/refresh cores and
  the relation loaders installed into ``heron.db.models.related``.

Importing this package does not import SQLAlchemy (``compiler`` and ``lookups`` do, on first
query).
"""

from .. import related as _related
from .expressions import Aggregate as Aggregate
from .expressions import Avg as Avg
from .expressions import Count as Count
from .expressions import F as F
from .expressions import Max as Max
from .expressions import Min as Min
from .expressions import Q as Q
from .expressions import Sum as Sum
from .expressions import Value as Value
from .manager import Manager as Manager
from .persistence import load_deferred_field, load_relation
from .queryset import QuerySet as QuerySet

_related.lazy_loader = load_relation
_related.deferred_loader = load_deferred_field

__all__ = [
    "Aggregate",
    "Avg",
    "Count",
    "F",
    "Manager",
    "Max",
    "Min",
    "Q",
    "QuerySet",
    "Sum",
    "Value",
]
