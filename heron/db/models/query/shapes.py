"""The compiled-SQL cache: one compile per query *shape*, then the SQL text is reused.

A query's shape is everything its SQL text depends on: the model, the structure of the
filter tree (lookup paths and connectors, not the values), which values are None, the length
of each ``in`` list, the ordering, whether it is sliced, ``values()`` fields and mode,
``select_related``, ``only``/``defer``, ``distinct``, ``select_for_update``, and the database
flavour. The first query of a shape is built with SQLAlchemy and compiled as usual; the
cache keeps the SQL text, where each parameter comes from, and the row builder. A later
query of the same shape walks its filter tree once to collect the values, turns them into
driver parameters and executes the stored SQL: no SQLAlchemy statement is built.

What is *not* cached (it is compiled every time, exactly as before): queries with
annotations, expressions (``F``, ``Exists``...) or sub-queries in a filter, values of types
the cache does not know, JSON key paths, lookups outside ``SIMPLE_LOOKUPS``, and any
statement carrying a parameter whose origin the cache cannot name. When a shape is first
seen, the parameters the cache would produce are checked against the ones SQLAlchemy bound;
a difference marks the shape as uncacheable.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import decimal
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .expressions import Combinable, Q
from .plan import Execute, Query

if TYPE_CHECKING:
    from heron.db.backends.base.wrapper import DatabaseWrapper

__all__ = [
    "SIMPLE_LOOKUPS",
    "ShapeCache",
    "cached_plan",
    "check_filter",
    "recorder",
    "recording",
    "shape_cache",
]

SIMPLE_LOOKUPS = frozenset(
    (
        "exact",
        "iexact",
        "gt",
        "gte",
        "lt",
        "lte",
        "in",
        "range",
        "isnull",
        "contains",
        "icontains",
        "startswith",
        "istartswith",
        "endswith",
        "iendswith",
    )
)
"""Lookups whose parameters the cache knows how to produce (others are always compiled)."""

_SCALARS = frozenset(
    (
        int,
        str,
        float,
        bytes,
        decimal.Decimal,
        dt.date,
        dt.datetime,
        dt.time,
        dt.timedelta,
        uuid.UUID,
    )
)
_SCALAR_BASES = tuple(_SCALARS)
_SEQUENCES = frozenset((list, tuple, set, frozenset))
_KEY_ATOMS = (str, int, float, bool, type(None), type)
_NULL = "<null>"
# Query fields the key handles itself; prefetch_related is left out (it runs after the
# SELECT, which does not depend on it). Every other field is part of the key, by value.
_SPECIAL = frozenset(("where", "low", "high", "annotations", "prefetch_related"))

# Planner signature: (query, alias, wrapper) -> (statement, fetch, build).
Planner = Callable[[Query, str, "DatabaseWrapper"], tuple[Any, Any, Any]]


class _Plan:
    """A cached statement: its SQL, how to make its parameters, how to build its result."""

    __slots__ = ("build", "consts", "fetch", "order", "slice", "sql", "transforms")

    def __init__(
        self,
        sql: str,
        transforms: tuple[Callable[[Any], list[Any]], ...],
        order: tuple[int, ...] | None,
        slice_: tuple[bool, bool],
        consts: tuple[Any, ...],
        fetch: Any,
        build: Any,
    ) -> None:
        self.sql = sql
        self.transforms = transforms
        # The flat parameter list is: each leaf's parameters, then LIMIT and OFFSET (when
        # ``slice`` says so), then ``consts``; ``order`` picks them in SQL order (None: as is).
        self.order = order
        self.slice = slice_
        self.consts = consts
        self.fetch = fetch
        self.build = build


_UNCACHEABLE = object()


class ShapeCache:
    """A bounded LRU of compiled plans, with counters tests can read."""

    def __init__(self, limit: int = 1000) -> None:
        self.limit = limit
        self.enabled = True  # False: compile every query (for comparisons)
        self._plans: OrderedDict[Any, Any] = OrderedDict()
        self._lock = threading.Lock()
        self.compiles = 0  # statements built and compiled by SQLAlchemy for a cacheable shape
        self.hits = 0
        self.bypasses = 0  # queries compiled without the cache (uncacheable shapes)

    def __len__(self) -> int:
        return len(self._plans)

    def clear(self) -> None:
        with self._lock:
            self._plans.clear()
            _get_plans.clear()
        self.compiles = self.hits = self.bypasses = 0

    def get(self, key: Any) -> Any:
        plan = self._plans.get(key)
        if plan is not None:
            try:
                self._plans.move_to_end(key)
            except KeyError:  # evicted by another thread meanwhile
                pass
        return plan

    def put(self, key: Any, plan: Any) -> None:
        with self._lock:
            self._plans[key] = plan
            self._plans.move_to_end(key)
            while len(self._plans) > self.limit:
                self._plans.popitem(last=False)


shape_cache = ShapeCache()


# -- learning which clause each filter leaf made --------------------------------------------

recorder = threading.local()
"""``compiler.Resolver.where`` appends ``(child, clause, resolver)`` to ``recorder.leaves``
while ``recording()`` is active (the cache learning a new shape)."""


@contextlib.contextmanager
def recording() -> Iterator[list[Any]]:
    """Collect ``(child, clause, resolver)`` for every filter leaf built in this block."""
    previous = getattr(recorder, "leaves", None)
    leaves: list[Any] = []
    recorder.leaves = leaves
    try:
        yield leaves
    finally:
        recorder.leaves = previous


# -- checking filter names once -----------------------------------------------------------------

# (model, lookup path) pairs that resolved without error: checking them again is skipped.
_checked_paths: set[tuple[Any, str]] = set()


def check_filter(model: type[Any], annotations: Sequence[tuple[str, Any]], q: Q) -> None:
    """Validate the names and lookups of ``q`` (``Resolver.check``), remembering the plain
    lookup paths that passed so a repeated ``filter(pk=...)`` does not resolve them again."""
    if not annotations and _known_paths(model, q):
        return
    # cycle: compiler -> shapes
    from .compiler import Resolver

    Resolver(model, None, annotations).check(q)
    if not annotations:
        if len(_checked_paths) > 10_000:
            _checked_paths.clear()
        _remember_paths(model, q)


def _known_paths(model: type[Any], q: Q) -> bool:
    for child in q.children:
        if type(child) is tuple:
            if (model, child[0]) not in _checked_paths or isinstance(child[1], Combinable):
                return False
        elif type(child) is not Q or not _known_paths(model, child):
            return False
    return True


def _remember_paths(model: type[Any], q: Q) -> None:
    for child in q.children:
        if type(child) is tuple:
            _checked_paths.add((model, child[0]))
        elif isinstance(child, Q):
            _remember_paths(model, child)


# -- the shape of a query ---------------------------------------------------------------------


def _value_shape(value: Any) -> Any:
    """What of ``value`` the SQL depends on; None when the value makes the query uncacheable."""
    kind = type(value)
    if kind in _SCALARS:
        return kind
    if value is None:
        return _NULL
    if kind is bool:
        return value  # isnull=True and isnull=False are different SQL
    if kind in _SEQUENCES:
        for item in value:
            if item is not None and _value_shape(item) is None:
                return None
            if type(item) in _SEQUENCES:
                return None
        return (kind, len(value))
    if isinstance(value, Combinable):
        return None
    if isinstance(value, (*_SCALAR_BASES, _model_base())):
        return kind
    return None


def _q_shape(q: Any, values: list[Any], leaves: list[Any]) -> Any:
    if type(q) is not Q:
        return None
    parts: list[Any] = [q.connector, q.negated]
    for child in q.children:
        if type(child) is tuple:
            key, value = child
            shape = _value_shape(value)
            if shape is None:
                return None
            parts.append(key)
            parts.append(shape)
            values.append(value)
            leaves.append(child)
        elif type(child) is Q:
            sub = _q_shape(child, values, leaves)
            if sub is None:
                return None
            parts.append(sub)
        else:
            return None
    return tuple(parts)


def _keyable(value: Any) -> bool:
    if isinstance(value, _KEY_ATOMS):
        return True
    if type(value) is tuple:
        return all(type(item) is str or _keyable(item) for item in value)
    return False


_getters: dict[type[Any], Callable[[Any], tuple[Any, ...]]] = {}
_good_rest: dict[tuple[Any, ...], bool] = {}  # the non-filter parts already checked


def _rest_getter(cls: type[Any]) -> Callable[[Any], tuple[Any, ...]]:
    """Read every dataclass field of ``cls`` but the filter, the slice and annotations: a
    field added to ``Query`` later is part of the key without anyone remembering to."""
    import operator

    names = [f.name for f in dataclasses.fields(cls) if f.name not in _SPECIAL]
    getter = operator.attrgetter(*names)
    _getters[cls] = getter
    return getter


def _flavour(wrapper: DatabaseWrapper) -> tuple[Any, ...]:
    dialect = wrapper.dialect
    found: tuple[Any, ...] | None = dialect.__dict__.get("_heron_flavour")
    if found is None:
        found = (wrapper.vendor, dialect.paramstyle, bool(getattr(dialect, "is_mariadb", False)))
        dialect.__dict__["_heron_flavour"] = found
    return found


def shape_key(
    kind: str, query: Query, alias: str, wrapper: DatabaseWrapper
) -> tuple[Any, list[Any], list[Any]] | None:
    """``(key, values, leaves)`` of ``query``, or None when it cannot be cached."""
    if query.annotations:
        return None
    values: list[Any] = []
    leaves: list[Any] = []
    where = []
    for q in query.where:
        shape = _q_shape(q, values, leaves)
        if shape is None:
            return None
        where.append(shape)
    cls = type(query)
    getter = _getters.get(cls) or _rest_getter(cls)
    rest = getter(query)
    try:
        known = _good_rest.get(rest)
    except TypeError:  # an unhashable part
        return None
    if known is None:
        known = _keyable(rest)
        if len(_good_rest) > 4 * shape_cache.limit:
            _good_rest.clear()
        _good_rest[rest] = known
    if not known:
        return None
    if kind == "select":
        sliced: Any = (query.low != 0, query.high is not None)
    else:
        sliced = (query.low, query.high)
    key = (kind, alias, _flavour(wrapper), _use_tz(), cls, tuple(where), sliced, rest)
    return key, values, leaves


def _use_tz() -> Any:
    """The time zone part of every key: False with USE_TZ off, else the current time zone
    (date/time transforms of datetimes compile per zone: see zones.py)."""
    global _USE_TZ
    if _USE_TZ is None:
        # cycle: query -> queryset -> shapes
        from .zones import zone_key

        _USE_TZ = zone_key
    return _USE_TZ()


_USE_TZ: Callable[[], Any] | None = None


# -- turning values into parameters -------------------------------------------------------------


def _transform(field: Any, lookup: str, value: Any, vendor: str) -> Callable[[Any], list[Any]]:
    """``value -> [parameters]`` of one filter leaf, in the order its SQL uses them, made the
    way ``lookups.build_lookup`` makes them (``_unsupported`` when the SQL itself depends on
    the value). ``_learn`` checks the result against what SQLAlchemy bound."""
    # cycle: query -> queryset -> shapes
    from .lookups import _pattern

    model_base = _model_base()

    def prep(item: Any) -> Any:
        if isinstance(item, model_base):
            item = item.pk
        return field.get_db_prep_value(item, vendor)

    if lookup in ("exact", "gt", "gte", "lt", "lte"):
        if value is None and lookup == "exact":
            return _no_params
        if _keeps_ints(field):  # the common pk=1: an int is its own parameter

            def ints(v: Any) -> list[Any]:
                return [v] if type(v) is int else [prep(v)]

            ints.keeps_ints = True  # type: ignore[attr-defined]  # fastget.py inlines it
            return ints
        return lambda v: [prep(v)]
    if lookup == "isnull":
        return _no_params
    if lookup == "in":
        return lambda v: [prep(item) for item in v]
    if lookup == "range":
        return lambda v: [prep(v[0]), prep(v[1])]
    if lookup == "iexact":
        return lambda v: [str(prep(v)).lower()]
    if lookup.startswith("i"):
        return lambda v: [_pattern(lookup, str(prep(v)).lower())]
    if vendor == "sqlite":  # instr(column, ?) > 0 for contains, = 1 for startswith
        if lookup == "endswith":
            return _unsupported  # SQLite's SQL embeds the value's length
        found = 0 if lookup == "contains" else 1
        return lambda v: [str(prep(v)), found]
    return lambda v: [_pattern(lookup, str(prep(v)))]


def _keeps_ints(field: Any) -> bool:
    """True when ``field`` turns an ``int`` into itself (the built-in integer fields)."""
    # cycle: db.models -> query -> queryset -> shapes
    from ..fields.base import Field
    from ..fields.numeric import AutoField, IntegerField

    kind = type(field)
    return kind.get_db_prep_value is Field.get_db_prep_value and kind.get_prep_value in (
        IntegerField.get_prep_value,
        AutoField.get_prep_value,
    )


def _no_params(value: Any) -> list[Any]:
    return []


def _unsupported(value: Any) -> list[Any]:
    raise AssertionError("not cacheable")  # pragma: no cover - never stored in a plan


def _model_base() -> type[Any]:
    # cycle: db.models -> query -> queryset -> shapes
    from ..base import Model

    return Model


# -- the cache in use ---------------------------------------------------------------------------


def cached_plan(
    kind: str, query: Query, alias: str, wrapper: DatabaseWrapper, planner: Planner
) -> Execute:
    """The ``Execute`` step of ``query``: from the cache, or built by ``planner`` and stored."""
    found = shape_key(kind, query, alias, wrapper) if shape_cache.enabled else None
    if found is None:
        return _uncached(query, alias, wrapper, planner)
    key, values, leaves = found
    plan = shape_cache.get(key)
    if plan is None:
        plan = _learn(kind, query, alias, wrapper, planner, leaves)
        shape_cache.put(key, plan)
        if plan is _UNCACHEABLE:
            return _uncached(query, alias, wrapper, planner)
        shape_cache.compiles += 1
    elif plan is _UNCACHEABLE:
        return _uncached(query, alias, wrapper, planner)
    else:
        shape_cache.hits += 1
    return Execute(alias, plan.sql, _params(plan, query, values), plan.fetch, plan.build)


def _params(plan: _Plan, query: Query, values: list[Any]) -> list[Any]:
    return _params_for(plan, values, query.low, query.high)


def _params_for(plan: _Plan, values: list[Any], low: int, high: int | None) -> list[Any]:
    flat: list[Any] = []
    for transform, value in zip(plan.transforms, values, strict=True):
        flat += transform(value)
    limit, offset = plan.slice
    if limit:
        assert high is not None
        flat.append(high - low)
    if offset:
        flat.append(low)
    if plan.consts:
        flat += plan.consts
    if plan.order is None:
        return flat
    return [flat[i] for i in plan.order]


def _uncached(query: Query, alias: str, wrapper: DatabaseWrapper, planner: Planner) -> Execute:
    # cycle: compiler -> shapes
    from .compiler import compile_statement

    shape_cache.bypasses += 1
    stmt, fetch, build = planner(query, alias, wrapper)
    sql, params = compile_statement(stmt, wrapper)
    return Execute(alias, sql, params, fetch, build)


def _learn(
    kind: str,
    query: Query,
    alias: str,
    wrapper: DatabaseWrapper,
    planner: Planner,
    leaves: list[Any],
) -> Any:
    """Build and compile ``query`` once, and work out how to rebuild its parameters."""
    import sqlalchemy as sa

    # cycle: compiler -> shapes
    from .compiler import Resolver

    with recording() as recorded:
        stmt, fetch, build = planner(query, alias, wrapper)
    if len(recorded) != len(leaves) or any(
        child is not leaf for (child, _, _), leaf in zip(recorded, leaves, strict=True)
    ):
        return _UNCACHEABLE
    compiled = stmt.compile(dialect=wrapper.dialect)
    names = list(compiled.positiontup or ())
    bound = compiled.construct_params()
    actual = [bound[name] for name in names]
    # Where each named parameter comes from: (position in the flat list).
    origin: dict[str, int] = {}
    transforms: list[Callable[[Any], list[Any]]] = []
    flat: list[Any] = []
    vendor = wrapper.vendor
    for child, clause, resolver in recorded:
        key, value = child
        scratch = Resolver(resolver.model, wrapper, ())
        field, column, lookup = scratch.resolve(key, allow_lookup=True)
        if field is None or lookup not in SIMPLE_LOOKUPS or not isinstance(column, sa.ColumnClause):
            return _UNCACHEABLE
        if lookup == "isnull" and type(value) is not bool:
            return _UNCACHEABLE
        transform = _transform(field, lookup, value, vendor)
        if transform is _unsupported:
            return _UNCACHEABLE
        produced = transform(value)
        params = [
            p
            for p in sa.sql.visitors.iterate(clause)
            if isinstance(p, sa.sql.elements.BindParameter)
        ]
        if len(params) != len(produced) or any(p not in compiled.bind_names for p in params):
            return _UNCACHEABLE
        # In the order the SQL text uses them (the transform makes them in that order).
        params.sort(key=lambda p: _position(names, compiled.bind_names[p]))
        for param, mine in zip(params, produced, strict=True):
            if not _same(param.value, mine):
                return _UNCACHEABLE
            name = compiled.bind_names.get(param)
            if name is None or name in origin:
                return _UNCACHEABLE
            origin[name] = len(flat)
            flat.append(mine)
        transforms.append(transform)
    limit = offset = False
    if kind == "select":  # LIMIT/OFFSET values come from the query's slice
        for which, bound_param in (
            ("limit", getattr(stmt, "_limit_clause", None)),
            ("offset", getattr(stmt, "_offset_clause", None)),
        ):
            if bound_param is None:
                continue
            name = compiled.bind_names.get(bound_param)
            if name is None or name not in names:
                continue
            origin[name] = len(flat)
            flat.append(bound_param.value)
            if which == "limit":
                limit = True
            else:
                offset = True
        if limit and query.high is None:
            return _UNCACHEABLE
    # Other LIMIT/OFFSET parameters (count/exists: the slice is part of their key) and
    # parameters the dialect made up while compiling (SQLite's "OFFSET 0") are constants of
    # the shape; any other parameter of unknown origin makes it uncacheable.
    in_tree = {id(p) for p in sa.sql.visitors.iterate(stmt)}
    consts: list[Any] = []
    for param, name in compiled.bind_names.items():
        if name in origin or name not in names:
            continue
        limits = kind != "select" and isinstance(param, _offset_limit_class())
        if id(param) in in_tree and not limits:
            return _UNCACHEABLE  # the SQL may hold a value the cache cannot rebuild
        origin[name] = len(flat)
        flat.append(param.value)
        consts.append(param.value)
    try:
        order = tuple(origin[name] for name in names)
    except KeyError:
        return _UNCACHEABLE
    if [flat[i] for i in order] != actual:
        return _UNCACHEABLE
    plan = _Plan(
        str(compiled.string),
        tuple(transforms),
        None if order == tuple(range(len(flat))) else order,
        (limit, offset),
        tuple(consts),
        fetch,
        build,
    )
    if _params(plan, query, [child[1] for child, _, _ in recorded]) != actual:
        return _UNCACHEABLE
    return plan


def _position(names: list[str], name: str) -> int:
    return names.index(name) if name in names else len(names)


def _offset_limit_class() -> type[Any]:
    from sqlalchemy.sql.selectable import _OffsetLimitParam

    return _OffsetLimitParam


def _same(a: Any, b: Any) -> bool:
    return type(a) is type(b) and bool(a == b)


# (model, name, value shape, wrapper, time zone) -> the plan of get(name=value) (fastget.py)
_get_plans: dict[tuple[Any, ...], Any] = {}


def _select_parts() -> Planner:
    # cycle: compiler -> shapes
    from .compiler import _select_parts as parts

    return parts
