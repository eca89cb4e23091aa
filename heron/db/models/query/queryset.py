"""``QuerySet``: a lazy, chainable description of a query, with sync methods and a-twins.

Each query method is written once, as a *core* generator (``_count``, ``_get``...) that
yields ``Execute`` / ``Send`` / ``Atomic`` steps; ``count()`` runs it with ``run_sync`` and
``acount()`` with ``run_async``. Chaining methods return new QuerySets and never query.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from heron.db.routers import router

from ..exceptions import FieldDoesNotExist, FieldError
from .expressions import Aggregate, Combinable, Count, Q
from .names import check_alias
from .plan import Atomic, Core, Query, run_async, run_sync
from .state import SelectQuery

if TYPE_CHECKING:
    from types import ModuleType

    from heron.db.backends.base.wrapper import DatabaseWrapper

    from ..base import Model

__all__ = ["QuerySet"]

_M = TypeVar("_M", bound="Model")
MAX_GET_RESULTS = 21


def _compiler() -> ModuleType:
    from . import compiler

    return compiler


class QuerySet(Generic[_M]):
    """Rows of ``model``; see the module docstring."""

    def __init__(self, model: type[_M], query: Query | None = None, using: str | None = None):
        self.model = model
        self.query = query if query is not None else SelectQuery(model)
        self._db = using
        self._result_cache: list[Any] | None = None

    # -- plumbing -------------------------------------------------------------------------------

    _for_write = False  # set by the write cores: route to db_for_write (heron.db.router)

    @property
    def db(self) -> str:
        if self._db is not None:
            return self._db
        if self._for_write:
            return router.db_for_write(self.model)
        return router.db_for_read(self.model)

    def _wrapper(self) -> DatabaseWrapper:
        from heron.db import connections

        return connections[self.db]

    def _chain(self, **changes: Any) -> QuerySet[_M]:
        clone = type(self).__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.query = self.query.replace(**changes) if changes else self.query
        clone._result_cache = None
        return clone

    def _check_not_sliced(self, action: str) -> None:
        if self.query.is_sliced:
            raise TypeError(f"Cannot {action} a query once a slice has been taken.")

    def _check_names(self, names: Iterable[str]) -> None:
        """Validate field paths now (FieldError at the call site, not at execution)."""
        from .compiler import Resolver

        resolver = Resolver(self.model, None, self.query.annotations)
        for name in names:
            resolver.resolve(name, allow_lookup=False)

    def __repr__(self) -> str:
        return f"<QuerySet {self.model._meta.object_name}>"

    # -- chaining -------------------------------------------------------------------------------

    def all(self) -> QuerySet[_M]:
        return self._chain()

    def none(self) -> QuerySet[_M]:
        return self._chain(empty=True)

    def using(self, alias: str) -> QuerySet[_M]:
        clone = self._chain()
        clone._db = alias
        return clone

    def filter(self, *args: Q | Combinable, **kwargs: Any) -> QuerySet[_M]:
        return self._filter(Q(*args, **kwargs))

    def exclude(self, *args: Q | Combinable, **kwargs: Any) -> QuerySet[_M]:
        return self._filter(~Q(*args, **kwargs))

    def _filter(self, q: Q) -> QuerySet[_M]:
        self._check_not_sliced("filter")
        if not q.children:
            return self._chain()
        from .compiler import Resolver

        Resolver(self.model, None, self.query.annotations).check(
            q
        )  # unknown names fail here, not at execution
        return self._chain(where=(*self.query.where, q))

    def order_by(self, *names: str) -> QuerySet[_M]:
        self._check_not_sliced("reorder")
        self._check_names(n.lstrip("-") for n in names if n != "?")
        return self._chain(ordering=tuple(names))

    def values(self, *fields: str) -> QuerySet[Any]:
        names = fields or tuple(self.model._meta.attnames)
        self._check_names(names)
        return self._chain(fields=tuple(names), mode="dict")

    def values_list(self, *fields: str, flat: bool = False) -> QuerySet[Any]:
        if flat and len(fields) != 1:
            raise TypeError("values_list(flat=True) needs exactly one field.")
        names = fields or tuple(self.model._meta.attnames)
        self._check_names(names)
        mode = "flat" if flat else "tuple"
        return self._chain(fields=tuple(names), mode=mode)

    def annotate(self, **annotations: Combinable) -> QuerySet[_M]:
        """Add an expression per row (``annotate(n=Count("choices"))``). Aggregates group by
        the row, or by the ``values()`` fields when ``values()`` came first."""
        self._check_not_sliced("annotate")
        taken = {f.name for f in self.model._meta.fields} | {
            f.attname for f in self.model._meta.fields
        }
        for name, agg in annotations.items():
            check_alias(name)
            if name in taken:
                raise ValueError(
                    f"The annotation {name!r} conflicts with a field of {self.model.__name__}."
                )
            if not isinstance(agg, Combinable):
                raise TypeError(
                    f"annotate({name}=...) takes an expression (Count, F, Case...), not {agg!r}."
                )
            self._check_names(agg.refs())
        changes: dict[str, Any] = {"annotations": (*self.query.annotations, *annotations.items())}
        if self.query.fields is not None:
            changes["fields"] = (*self.query.fields, *annotations)
        return self._chain(**changes)

    def distinct(self) -> QuerySet[_M]:
        """``SELECT DISTINCT`` (no field arguments: ``DISTINCT ON`` is PostgreSQL-only)."""
        self._check_not_sliced("distinct")
        return self._chain(distinct=True)

    def reverse(self) -> QuerySet[_M]:
        """Reverse the ordering (``order_by()`` or ``Meta.ordering``; no-op when unordered)."""
        ordering = self.query.ordering
        if ordering is None:
            ordering = tuple(self.model._meta.ordering)
        flipped = tuple(
            n if n == "?" else n[1:] if n.startswith("-") else f"-{n}" for n in ordering
        )
        return self._chain(ordering=flipped)

    def _field_attnames(self, names: Sequence[str], method: str) -> set[str]:
        opts = self.model._meta
        result = set()
        for name in names:
            try:
                field = opts.pk if name == "pk" else opts.get_field(name)
            except FieldDoesNotExist:
                field = None
            if field is None or field not in opts.fields:
                raise FieldError(
                    f"{method}(): {opts.object_name} has no field {name!r}. Choices are: "
                    f"{', '.join(f.name for f in opts.fields)}."
                )
            result.add(field.attname)
        return result

    def only(self, *fields: str) -> QuerySet[_M]:
        """Load only ``fields`` (and the primary key); the others load on first access."""
        wanted = self._field_attnames(fields, "only") | {self.model._meta.pk.attname}
        return self._chain(loaded=tuple(sorted(wanted)))

    def defer(self, *fields: str | None) -> QuerySet[_M]:
        """Load every field but ``fields`` (never the primary key); ``defer(None)`` clears."""
        names = [f for f in fields if f is not None]
        if not names:
            return self._chain(loaded=None)
        skip = self._field_attnames(names, "defer") - {self.model._meta.pk.attname}
        loaded = getattr(self.query, "loaded", None)
        current = set(self.model._meta.attnames) if loaded is None else set(loaded)
        return self._chain(loaded=tuple(sorted(current - skip)))

    def select_for_update(
        self, nowait: bool = False, skip_locked: bool = False, of: Sequence[str] = ()
    ) -> QuerySet[_M]:
        """Lock the selected rows until the transaction ends (``FOR UPDATE``).

        Evaluate it inside ``atomic()``, else ``TransactionManagementError``. SQLite has no
        row locks (a write transaction locks the database), so it sends no ``FOR UPDATE``.
        """
        if nowait and skip_locked:
            raise ValueError("select_for_update(): nowait and skip_locked are exclusive.")
        return self._chain(for_update=(nowait, skip_locked, tuple(of)))

    def select_related(self, *names: str) -> QuerySet[_M]:
        from ..fields.related import ForeignKey

        fks = {f.name for f in self.model._meta.fields if isinstance(f, ForeignKey)}
        for name in names:
            if name not in fks:
                raise FieldError(
                    f"Invalid field name {name!r} in select_related(): {self.model.__name__} "
                    f"has no foreign key {name!r}. Choices are: {', '.join(sorted(fks))}."
                )
        return self._chain(select_related=(*self.query.select_related, *names))

    def prefetch_related(self, *names: str) -> QuerySet[_M]:
        from ..related import Relation

        valid = {
            r.accessor_name: r
            for r in self.model._meta.related_objects
            if not r.hidden and r.multiple and not r.many_to_many
        }
        for name in names:
            if not isinstance(valid.get(name), Relation):
                raise FieldError(
                    f"Invalid name {name!r} in prefetch_related(): it must be a reverse "
                    f"foreign key of {self.model.__name__}. Choices are: "
                    f"{', '.join(sorted(valid))}."
                )
        return self._chain(prefetch_related=(*self.query.prefetch_related, *names))

    @overload
    def __getitem__(self, key: int) -> _M: ...
    @overload
    def __getitem__(self, key: slice) -> QuerySet[_M]: ...
    def __getitem__(self, key: int | slice) -> _M | QuerySet[_M]:
        if self._result_cache is not None:
            cached: Any = self._result_cache[key]
            return cached  # type: ignore[no-any-return]
        query = self.query
        if isinstance(key, slice):
            if key.step is not None:
                raise ValueError("QuerySet slices do not support a step.")
            start, stop = key.start or 0, key.stop
            if start < 0 or (stop is not None and stop < 0):
                raise ValueError("Negative indexing is not supported.")
            low = query.low + start
            high = query.high
            if stop is not None:
                high = query.low + stop if high is None else min(high, query.low + stop)
            if high is not None and high < low:
                high = low
            return self._chain(low=low, high=high)
        if not isinstance(key, int):
            raise TypeError(
                f"QuerySet indices must be integers or slices, not {type(key).__name__}."
            )
        if key < 0:
            raise ValueError("Negative indexing is not supported.")
        rows = self[key : key + 1]._fetch_all()
        if not rows:
            raise IndexError("QuerySet index out of range.")
        return rows[0]  # type: ignore[no-any-return]

    # -- cores ----------------------------------------------------------------------------------

    def _fetch(self) -> Core[list[Any]]:
        wrapper = self._wrapper()
        if getattr(self.query, "for_update", None) is not None:
            from heron.db.exceptions import TransactionManagementError
            from heron.db.transaction import in_atomic_block

            if not in_atomic_block(self.db):
                raise TransactionManagementError(
                    "select_for_update() is only valid inside atomic(): the locks last until "
                    "the transaction ends."
                )
        if self.query.empty:
            return []
        rows: list[Any] = yield _compiler().select_plan(self.query, self.db, wrapper)
        if self.query.prefetch_related and rows:
            from .persistence import prefetch

            for name in self.query.prefetch_related:
                yield from prefetch(rows, name, self.db)
        return rows

    def _fetch_all(self) -> list[Any]:
        if self._result_cache is None:
            self._result_cache = run_sync(self._fetch())
        return self._result_cache

    def _count(self) -> Core[int]:
        if self._result_cache is not None:
            return len(self._result_cache)
        if self.query.empty:
            return 0
        count: int = yield _compiler().count_plan(self.query, self.db, self._wrapper())
        return count

    def _exists(self) -> Core[bool]:
        if self._result_cache is not None:
            return bool(self._result_cache)
        query = self.query
        if query.empty or (query.high is not None and query.high <= query.low):
            return False
        found: bool = yield _compiler().exists_plan(query, self.db, self._wrapper())
        return found

    def _get(self, args: tuple[Q, ...], kwargs: dict[str, Any]) -> Core[_M]:
        qs = self.filter(*args, **kwargs) if args or kwargs else self
        if not qs.query.is_sliced:
            qs = qs._chain(ordering=(), high=MAX_GET_RESULTS)
        rows = yield from qs._fetch()
        if len(rows) == 1:
            return rows[0]  # type: ignore[no-any-return]
        name = self.model._meta.object_name
        if not rows:
            raise self.model.DoesNotExist(f"{name} matching query does not exist.")
        many = "more than 20" if len(rows) == MAX_GET_RESULTS else str(len(rows))
        raise self.model.MultipleObjectsReturned(
            f"get() returned {many} {name} rows, expected one."
        )

    def _first(self, last: bool) -> Core[_M | None]:
        if self.query.is_sliced:
            if last:
                raise TypeError("Cannot call last() on a sliced QuerySet.")
            rows = yield from self[:1]._fetch()  # keep the slice's own ordering
            return rows[0] if rows else None
        ordering = self.query.ordering
        if ordering is None:
            ordering = tuple(self.model._meta.ordering)
        if not ordering:
            ordering = ("pk",)
        if last:
            ordering = tuple(n[1:] if n.startswith("-") else f"-{n}" for n in ordering)
        qs = self._chain(ordering=ordering)[:1]
        rows = yield from qs._fetch()
        return rows[0] if rows else None

    def _create(self, kwargs: dict[str, Any]) -> Core[_M]:
        from .persistence import save_core

        self._for_write = True
        obj = self.model(**kwargs)
        yield from save_core(obj, self.db, force_insert=True)
        return obj

    def _get_or_create(
        self, defaults: dict[str, Any] | None, kwargs: dict[str, Any]
    ) -> Core[tuple[_M, bool]]:
        from heron.db.exceptions import IntegrityError

        self._for_write = True
        lookup = dict(kwargs)
        try:
            obj = yield from self._get((), lookup)
            return obj, False
        except self.model.DoesNotExist:
            pass
        params = {k: v for k, v in kwargs.items() if "__" not in k}
        params.update(defaults or {})
        try:
            created: _M = yield Atomic(self.db, self._create(params))
            return created, True
        except IntegrityError as error:
            try:
                obj = yield from self._get((), lookup)
            except self.model.DoesNotExist:
                raise error from None
            return obj, False

    def _update_or_create(
        self, defaults: dict[str, Any] | None, kwargs: dict[str, Any]
    ) -> Core[tuple[_M, bool]]:
        from .persistence import save_core

        self._for_write = True

        def inner() -> Core[tuple[_M, bool]]:
            obj, created = yield from self._get_or_create(defaults, kwargs)
            if created:
                return obj, True
            for key, value in (defaults or {}).items():
                setattr(obj, key, value)
            yield from save_core(obj, self.db)
            return obj, False

        result: tuple[_M, bool] = yield Atomic(self.db, inner())
        return result

    def _aggregate(
        self, args: tuple[Aggregate, ...], kwargs: dict[str, Aggregate]
    ) -> Core[dict[str, Any]]:
        aggregates = {agg.default_alias(): agg for agg in args}
        aggregates.update(kwargs)
        for name in kwargs:
            check_alias(name, "aggregate")
        for agg in aggregates.values():
            if not isinstance(agg, Aggregate):
                raise TypeError(f"aggregate() takes aggregates (Count, Sum...), not {agg!r}.")
            self._check_names(agg.refs())
        plan = _compiler().aggregate_plan(self.query, aggregates, self.db, self._wrapper())
        if self.query.empty:
            return {name: 0 if isinstance(agg, Count) else None for name, agg in aggregates.items()}
        result: dict[str, Any] = yield plan
        return result

    def _update(self, kwargs: dict[str, Any]) -> Core[int]:
        self._check_not_sliced("update")
        self._for_write = True
        if self.query.empty or not kwargs:
            return 0
        from . import writes

        wrapper = self._wrapper()
        pks = None
        if writes.needs_pk_fetch(self.query, wrapper):
            pks = yield from self.values_list("pk", flat=True)._fetch()
        count: int = yield writes.update_plan(self.query, kwargs, self.db, wrapper, pks)
        return count

    def _delete(self) -> Core[tuple[int, dict[str, int]]]:
        from .persistence import delete_core

        self._check_not_sliced("delete")
        self._for_write = True
        if self.query.empty:
            return 0, {}
        result: tuple[int, dict[str, int]] = yield Atomic(self.db, delete_core(self.query, self.db))
        return result

    def _bulk_create(self, objs: Sequence[_M], batch_size: int | None) -> Core[list[_M]]:
        from .persistence import bulk_insert_core

        self._for_write = True
        if not objs:
            return list(objs)
        done: list[_M] = yield Atomic(
            self.db, bulk_insert_core(self.model, objs, self.db, batch_size)
        )
        return done

    def _bulk_update(
        self, objs: Sequence[_M], fields: Sequence[str], batch_size: int | None
    ) -> Core[int]:
        from .bulk import bulk_update_core

        self._for_write = True
        if not objs:
            return 0
        done: int = yield Atomic(
            self.db, bulk_update_core(self.model, objs, fields, self.db, batch_size)
        )
        return done

    def _chunk_base(self) -> QuerySet[_M]:
        """This QuerySet ordered deterministically (the primary key breaks ties)."""
        ordering = self.query.ordering
        if ordering is None:
            ordering = tuple(self.model._meta.ordering)
        pk = self.model._meta.pk
        if not {"pk", "-pk", pk.name, f"-{pk.name}", pk.attname} & set(ordering):
            ordering = (*ordering, "pk")
        return self._chain(ordering=ordering)

    def _in_bulk(self, id_list: Iterable[Any] | None, field_name: str) -> Core[dict[Any, _M]]:
        if field_name != "pk":
            try:
                field = self.model._meta.get_field(field_name)
            except FieldDoesNotExist as exc:
                raise FieldError(str(exc)) from None
            if not getattr(field, "unique", False):
                raise ValueError(
                    f"in_bulk()'s field_name must be a unique field; {field_name!r} is not."
                )
        qs = self if id_list is None else self.filter(**{f"{field_name}__in": list(id_list)})
        rows = yield from qs._fetch()
        attr = self.model._meta.pk.attname if field_name == "pk" else field_name
        return {getattr(obj, attr): obj for obj in rows}

    # -- sync shells ----------------------------------------------------------------------------

    def __iter__(self) -> Iterator[_M]:
        return iter(self._fetch_all())

    def __len__(self) -> int:
        return len(self._fetch_all())

    def __bool__(self) -> bool:
        return bool(self._fetch_all())

    def count(self) -> int:
        return run_sync(self._count())

    def exists(self) -> bool:
        return run_sync(self._exists())

    def get(self, *args: Q, **kwargs: Any) -> _M:
        return run_sync(self._get(args, kwargs))

    def first(self) -> _M | None:
        return run_sync(self._first(False))

    def last(self) -> _M | None:
        return run_sync(self._first(True))

    def create(self, **kwargs: Any) -> _M:
        return run_sync(self._create(kwargs))

    def get_or_create(
        self, defaults: dict[str, Any] | None = None, **kwargs: Any
    ) -> tuple[_M, bool]:
        return run_sync(self._get_or_create(defaults, kwargs))

    def update_or_create(
        self, defaults: dict[str, Any] | None = None, **kwargs: Any
    ) -> tuple[_M, bool]:
        return run_sync(self._update_or_create(defaults, kwargs))

    def aggregate(self, *args: Aggregate, **kwargs: Aggregate) -> dict[str, Any]:
        return run_sync(self._aggregate(args, kwargs))

    def update(self, **kwargs: Any) -> int:
        return run_sync(self._update(kwargs))

    def delete(self) -> tuple[int, dict[str, int]]:
        return run_sync(self._delete())

    def bulk_create(self, objs: Iterable[_M], batch_size: int | None = None) -> list[_M]:
        return run_sync(self._bulk_create(list(objs), batch_size))

    def in_bulk(
        self, id_list: Iterable[Any] | None = None, *, field_name: str = "pk"
    ) -> dict[Any, _M]:
        return run_sync(self._in_bulk(id_list, field_name))

    def bulk_update(
        self, objs: Iterable[_M], fields: Sequence[str], batch_size: int | None = None
    ) -> int:
        """Save ``fields`` of ``objs`` with one ``UPDATE ... CASE`` per batch; no signals."""
        return run_sync(self._bulk_update(list(objs), fields, batch_size))

    def iterator(self, chunk_size: int = 2000) -> Iterator[_M]:
        """Yield rows fetched ``chunk_size`` at a time (LIMIT/OFFSET pages, not cached).

        Pages are ordered with the primary key as tie-breaker; rows inserted or deleted
        meanwhile can shift pages (run it in ``atomic()`` for a stable snapshot on
        PostgreSQL/MariaDB)."""
        if chunk_size < 1:
            raise ValueError("iterator() chunk_size must be at least 1.")
        base = self._chunk_base()
        start = 0
        while True:
            rows = run_sync(base[start : start + chunk_size]._fetch())
            yield from rows
            if len(rows) < chunk_size:
                return
            start += chunk_size

    # -- async shells ---------------------------------------------------------------------------

    async def __aiter__(self) -> AsyncIterator[_M]:
        if self._result_cache is None:
            self._result_cache = await run_async(self._fetch())
        for obj in self._result_cache:
            yield obj

    async def alist(self) -> list[_M]:
        """All rows as a list (``[obj async for obj in qs]`` in one call)."""
        if self._result_cache is None:
            self._result_cache = await run_async(self._fetch())
        return list(self._result_cache)

    async def acount(self) -> int:
        return await run_async(self._count())

    async def aexists(self) -> bool:
        return await run_async(self._exists())

    async def aget(self, *args: Q, **kwargs: Any) -> _M:
        return await run_async(self._get(args, kwargs))

    async def afirst(self) -> _M | None:
        return await run_async(self._first(False))

    async def alast(self) -> _M | None:
        return await run_async(self._first(True))

    async def acreate(self, **kwargs: Any) -> _M:
        return await run_async(self._create(kwargs))

    async def aget_or_create(
        self, defaults: dict[str, Any] | None = None, **kwargs: Any
    ) -> tuple[_M, bool]:
        return await run_async(self._get_or_create(defaults, kwargs))

    async def aupdate_or_create(
        self, defaults: dict[str, Any] | None = None, **kwargs: Any
    ) -> tuple[_M, bool]:
        return await run_async(self._update_or_create(defaults, kwargs))

    async def aaggregate(self, *args: Aggregate, **kwargs: Aggregate) -> dict[str, Any]:
        return await run_async(self._aggregate(args, kwargs))

    async def aupdate(self, **kwargs: Any) -> int:
        return await run_async(self._update(kwargs))

    async def adelete(self) -> tuple[int, dict[str, int]]:
        return await run_async(self._delete())

    async def abulk_create(self, objs: Iterable[_M], batch_size: int | None = None) -> list[_M]:
        return await run_async(self._bulk_create(list(objs), batch_size))

    async def ain_bulk(
        self, id_list: Iterable[Any] | None = None, *, field_name: str = "pk"
    ) -> dict[Any, _M]:
        return await run_async(self._in_bulk(id_list, field_name))

    async def abulk_update(
        self, objs: Iterable[_M], fields: Sequence[str], batch_size: int | None = None
    ) -> int:
        return await run_async(self._bulk_update(list(objs), fields, batch_size))

    async def aiterator(self, chunk_size: int = 2000) -> AsyncIterator[_M]:
        """The async twin of ``iterator()``: ``async for obj in qs.aiterator(500)``."""
        if chunk_size < 1:
            raise ValueError("aiterator() chunk_size must be at least 1.")
        base = self._chunk_base()
        start = 0
        while True:
            rows = await run_async(base[start : start + chunk_size]._fetch())
            for row in rows:
                yield row
            if len(rows) < chunk_size:
                return
            start += chunk_size
