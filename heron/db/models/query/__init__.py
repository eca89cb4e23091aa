"""The QuerySet layer: managers, QuerySets, expressions and instance persistence.

Map of the room:

- ``expressions``: ``F``, ``Value``, arithmetic, ``Q``, functions, ``Case``/``When``,
  ``Subquery``/``OuterRef``/``Exists``, aggregates and window functions; ``lookups``:
  ``__exact`` and friends as SQLAlchemy clauses, and JSONField key paths;
- ``plan``: the query state (``Query``), the steps an I/O-free core yields, and the sync and
  async shells that run them (``run_sync`` / ``run_async``); ``state``: ``SelectQuery``, the
  read-only extras (``distinct``, ``only``/``defer``, ``select_for_update``);
- ``bulk``: the ``bulk_update`` core; ``raw``: ``Manager.raw()``;
- ``compiler``: ``Query`` -> SQLAlchemy Core -> SQL + params, compiled once per query shape;
- ``queryset``, ``manager``: the public API; ``persistence``: save/delete/refresh cores and
  the relation loaders installed into ``heron.db.models.related``;
- ``m2m``: the many-to-many managers (``add``/``remove``/``set``/``clear``, ``m2m_changed``);
  ``joins``: many-to-many joins and ``select_related`` chains; ``prefetch``:
  ``prefetch_related`` and ``Prefetch``;
- ``transforms``: ``__year``/``__hour``... ; ``functions``: the SQL of ``Func`` expressions
  (``Concat``, ``Cast``, ``Now``...);
- ``combinators``: ``union``/``intersection``/``difference``; ``dates``: ``dates()`` /
  ``datetimes()``; ``conflicts``: ``bulk_create`` upserts; ``latest``: ``earliest()`` /
  ``latest()``; ``explain``: ``explain()``; ``chunks``: ``iterator()`` / ``aiterator()``.

Importing this package does not import SQLAlchemy (``compiler`` and ``lookups`` do, on first
query).
"""

from .. import related as _related
from .expressions import Aggregate as Aggregate
from .expressions import Avg as Avg
from .expressions import Case as Case
from .expressions import Cast as Cast
from .expressions import Coalesce as Coalesce
from .expressions import Concat as Concat
from .expressions import Count as Count
from .expressions import DenseRank as DenseRank
from .expressions import Exists as Exists
from .expressions import ExpressionWrapper as ExpressionWrapper
from .expressions import F as F
from .expressions import Func as Func
from .expressions import Lag as Lag
from .expressions import Lead as Lead
from .expressions import Length as Length
from .expressions import Lower as Lower
from .expressions import Max as Max
from .expressions import Min as Min
from .expressions import Now as Now
from .expressions import OuterRef as OuterRef
from .expressions import Q as Q
from .expressions import Rank as Rank
from .expressions import RowNumber as RowNumber
from .expressions import StdDev as StdDev
from .expressions import Subquery as Subquery
from .expressions import Sum as Sum
from .expressions import Upper as Upper
from .expressions import Value as Value
from .expressions import Variance as Variance
from .expressions import When as When
from .expressions import Window as Window
from .m2m import ManyManager as ManyManager
from .manager import Manager as Manager
from .manager import ReverseManager as ReverseManager
from .persistence import load_deferred_field, load_relation
from .prefetch import Prefetch as Prefetch
from .queryset import QuerySet as QuerySet
from .raw import RawQuerySet as RawQuerySet

_related.lazy_loader = load_relation
_related.deferred_loader = load_deferred_field

__all__ = [
    "Aggregate",
    "Avg",
    "Case",
    "Cast",
    "Coalesce",
    "Concat",
    "Count",
    "DenseRank",
    "Exists",
    "ExpressionWrapper",
    "F",
    "Func",
    "Lag",
    "Lead",
    "Length",
    "Lower",
    "Manager",
    "Max",
    "ManyManager",
    "ReverseManager",
    "Min",
    "Now",
    "OuterRef",
    "Prefetch",
    "Q",
    "QuerySet",
    "Rank",
    "RawQuerySet",
    "RowNumber",
    "StdDev",
    "Subquery",
    "Sum",
    "Upper",
    "Value",
    "Variance",
    "When",
    "Window",
]
