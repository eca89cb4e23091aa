"""``get(name=value)`` without building a query: the shortest way from ``Model.objects.get(pk=1)``
to the instance.

The compiled-SQL cache (``shapes.py``) still builds a ``Query`` and walks it to find its shape.
A ``get()`` with one keyword argument on a manager's untouched QuerySet has a shape given by
four things only: the model, the argument's name, the type of its value (for the usual
scalar types) and the database wrapper, plus the current time zone that every key carries.
``GetPlan`` keeps, per such key, the SQL, a function making the driver parameters from the
value and the row builder; ``manager_get`` (``Model.objects.get``, when the manager does not
override ``get_queryset``) and ``fast_get`` (``QuerySet.get`` on a manager's untouched
QuerySet, ``.using()`` included) look it up and run it.

Nothing the usual path decides is skipped: the alias comes from the routers on every call,
the statement goes through the wrapper (execution listeners, the transaction pinned by
``atomic()``, the pool), and the first call of a key takes the usual path, which validates the
name and learns the plan (or marks the key uncacheable: it then always takes the usual path).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from heron.db.handler import connections
from heron.db.routers import router

from .plan import Query
from .shapes import (
    _SCALARS,
    _UNCACHEABLE,
    _get_plans,
    _Plan,
    _select_parts,
    _value_shape,
    cached_plan,
    shape_cache,
    shape_key,
)

__all__ = ["GetPlan", "afast_get", "amanager_get", "fast_get", "manager_get", "pristine_query"]

MAX_GET_RESULTS = 21
"""``get()`` fetches at most this many rows, to say "more than 20" when there are more."""


class GetPlan:
    """The cached ``get(name=value)`` of one key: SQL, ``value -> parameters``, row builder."""

    __slots__ = ("build", "params", "sql")

    def __init__(self, plan: _Plan, high: int) -> None:
        self.sql = plan.sql
        self.build = plan.build
        self.params = _one_value_params(plan, high)


def _one_value_params(plan: _Plan, high: int) -> Callable[[Any], list[Any]]:
    """``shapes._params_for(plan, [value], 0, high)`` for a one-leaf plan, with everything but
    the leaf's own parameters worked out once."""
    (transform,) = plan.transforms
    limit, offset = plan.slice
    tail = ([high] if limit else []) + ([0] if offset else []) + list(plan.consts)
    order = plan.order
    if order is None:
        if not tail:
            return transform
        if getattr(transform, "keeps_ints", False):  # pk=1: [1, *tail], no call
            return lambda v: [v, *tail] if type(v) is int else transform(v) + tail
        return lambda value: transform(value) + tail

    def reordered(value: Any) -> list[Any]:
        flat = transform(value) + tail
        return [flat[i] for i in order]

    return reordered


_pristine: dict[type[Any], Query] = {}


def pristine_query(model: type[Any]) -> Query:
    """The query of ``Model.objects.all()``: one shared (immutable) instance per model, so
    ``fast_get`` can tell an untouched QuerySet by identity."""
    query = _pristine.get(model)
    if query is None:
        # cycle: query -> manager -> fastget
        from .state import SelectQuery

        query = _pristine[model] = SelectQuery(model)
    return query


# -- Model.objects.get(name=value) --------------------------------------------------------------


def manager_get(manager: Any, kwargs: dict[str, Any]) -> list[Any] | None:
    """The rows of ``manager.get(**kwargs)`` from a learnt plan, or None: take the usual path
    (``get_queryset().get()``), which learns the plan on a key's first call."""
    return _rows(_manager_plan(manager, kwargs))


async def amanager_get(manager: Any, kwargs: dict[str, Any]) -> list[Any] | None:
    """The async twin of ``manager_get``."""
    return await _arows(_manager_plan(manager, kwargs))


def _manager_plan(manager: Any, kwargs: dict[str, Any]) -> tuple[GetPlan, Any, Any] | None:
    if len(kwargs) != 1 or not shape_cache.enabled:
        return None
    ((name, value),) = kwargs.items()
    kind = type(value)
    if kind not in _SCALARS:  # None, bools, lists, instances: the QuerySet path knows them
        return None
    model = manager.model
    wrapper = connections[router.db_for_read(model)]
    plan = _get_plans.get((model, name, kind, wrapper, _zone_key()))
    if plan is None or plan is _UNCACHEABLE:
        return None
    shape_cache.hits += 1
    return plan, wrapper, value


def get_error(model: Any, rows: list[Any]) -> Exception:
    """``DoesNotExist`` or ``MultipleObjectsReturned`` for ``get()`` rows that are not one."""
    name = model._meta.object_name
    if not rows:
        error: Exception = model.DoesNotExist(f"{name} matching query does not exist.")
        return error
    many = "more than 20" if len(rows) == MAX_GET_RESULTS else str(len(rows))
    error = model.MultipleObjectsReturned(f"get() returned {many} {name} rows, expected one.")
    return error


# -- QuerySet.get(name=value) on a manager's untouched QuerySet -------------------------------


def _get_plan(qs: Any, kwargs: dict[str, Any]) -> tuple[GetPlan, Any, Any] | None:
    """``(plan, wrapper, value)`` for ``qs.get(**kwargs)``, or None (take the usual path)."""
    model = qs.model
    if (
        len(kwargs) != 1
        or qs.query is not _pristine.get(model)
        or type(qs) is not _queryset_class()
        or not shape_cache.enabled
    ):
        return None
    ((name, value),) = kwargs.items()
    shape = _value_shape(value)
    if shape is None:
        return None
    wrapper = connections[qs.db]
    key = (model, name, shape, wrapper, _zone_key())
    plan: Any = _get_plans.get(key)
    if plan is None:
        # Learn it the usual way (this validates the name too) and keep the shape's plan.
        query = qs.filter(**kwargs)._chain(ordering=(), high=MAX_GET_RESULTS).query
        alias = wrapper.alias
        found = shape_key("select", query, alias, wrapper)
        if found is not None:
            cached_plan("select", query, alias, wrapper, _select_parts())
            learnt = shape_cache.get(found[0])
            if isinstance(learnt, _Plan) and len(learnt.transforms) == 1:
                plan = GetPlan(learnt, MAX_GET_RESULTS)
        if plan is None:
            plan = _UNCACHEABLE
        if len(_get_plans) >= shape_cache.limit:
            _get_plans.clear()
        _get_plans[key] = plan
    elif plan is not _UNCACHEABLE:
        shape_cache.hits += 1
    if plan is _UNCACHEABLE:
        return None
    return plan, wrapper, value


def fast_get(qs: Any, kwargs: dict[str, Any]) -> list[Any] | None:
    """The rows of ``qs.get(**kwargs)`` (LIMIT 21) straight from a cached plan, or None when
    the usual path must run: the QuerySet is not a manager's untouched one, the lookup's
    shape is not cacheable..."""
    return _rows(_get_plan(qs, kwargs))


async def afast_get(qs: Any, kwargs: dict[str, Any]) -> list[Any] | None:
    """The async twin of ``fast_get``."""
    return await _arows(_get_plan(qs, kwargs))


def _rows(found: tuple[GetPlan, Any, Any] | None) -> list[Any] | None:
    """Run a found ``(plan, wrapper, value)``; None when there is no plan."""
    if found is None:
        return None
    plan, wrapper, value = found
    rows: list[Any] = wrapper._execute((plan.sql, plan.params(value), "all", plan.build, False))
    return rows


async def _arows(found: tuple[GetPlan, Any, Any] | None) -> list[Any] | None:
    """The async twin of ``_rows``."""
    if found is None:
        return None
    plan, wrapper, value = found
    statement = (plan.sql, plan.params(value), "all", plan.build, False)
    rows: list[Any] = await wrapper._aexecute(statement)
    return rows


# -- lazily imported names --------------------------------------------------------------------


def _zone_key() -> Any:
    # cycle: query -> manager -> fastget
    from .zones import zone_key

    globals()["_zone_key"] = zone_key
    return zone_key()


def _queryset_class() -> type[Any]:
    # cycle: queryset -> fastget
    from .queryset import QuerySet

    globals()["_queryset_class"] = lambda: QuerySet
    return QuerySet
