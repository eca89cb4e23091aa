"""``QuerySet``: a lazy, chainable description of a query, with sync methods and a-twins.

Each query method is written once, as a *core* generator (``_count``, ``_get``...) that
yields ``Execute`` / ``Send`` / ``Atomic`` steps; ``count()`` runs it with ``run_sync`` and
``acount()`` with ``run_async``. Chaining methods return new QuerySets and never query.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from heron.db import connections
from heron.db.exceptions import IntegrityError, TransactionManagementError
from heron.db.routers import router
from heron.db.transaction import in_atomic_block

from ..exceptions import FieldDoesNotExist, FieldError
from .chunks import aiterate, iterate
from .combinators import combine_querysets
from .conflicts import conflict_options
from .display import REPR_OUTPUT_SIZE as REPR_OUTPUT_SIZE
from .display import queryset_repr
from .explain import explain_core
from .expressions import Aggregate, Combinable, Count, Q
from .fastget import MAX_GET_RESULTS, afast_get, fast_get, get_error, pristine_query
from .latest import earliest_core
from .names import check_alias, field_attnames
from .plan import Atomic, Core, Query, run_async, run_sync
from .shapes import check_filter

if TYPE_CHECKING:
    import datetime as dt
    from types import ModuleType

    from heron.db.backends.base.wrapper import DatabaseWrapper

    from ..base import Model
    from .dates import DateList
    from .manager import Manager
    from .prefetch import Prefetch

__all__ = ["QuerySet"]

_M = TypeVar("_M", bound="Model")


def _compiler() -> ModuleType:
    from . import compiler  # cycle: query -> queryset

    return compiler


def _named_rows(names: Sequence[str], rows: list[Any]) -> list[Any]:
    from collections import namedtuple

    row_type = namedtuple("Row", names)  # type: ignore[misc]
    return [row_type(*row) for row in rows]


class QuerySet(Generic[_M]):
    """Rows of ``model``; see the module docstring."""

    def __init__(self, model: type[_M], query: Query | None = None, using: str | None = None):
        self.model = model
        self.query = query if query is not None else pristine_query(model)
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

    def _check_not_combined(self, action: str) -> None:
        combined = getattr(self.query, "combined", None)
        if combined is not None:
            raise TypeError(
                f"Calling {action}() after {combined[0]}() is not supported; apply it to "
                "each QuerySet before combining them."
            )

    def union(self, *others: QuerySet[Any], all: bool = False) -> QuerySet[_M]:
        """Rows of this QuerySet or the others (``UNION``; ``all=True`` keeps duplicates)."""
        return combine_querysets(self, others, "union", all)

    def intersection(self, *others: QuerySet[Any], all: bool = False) -> QuerySet[_M]:
        """Rows found in this QuerySet and in every other one (``INTERSECT``)."""
        return combine_querysets(self, others, "intersection", all)

    def difference(self, *others: QuerySet[Any], all: bool = False) -> QuerySet[_M]:
        """Rows of this QuerySet found in none of the others (``EXCEPT``)."""
        return combine_querysets(self, others, "difference", all)

    def _check_names(self, names: Iterable[str]) -> None:
        """Validate field paths now (FieldError at the call site, not at execution)."""
        from .compiler import Resolver  # cycle: query -> queryset

        resolver = Resolver(self.model, None, self.query.annotations)
        for name in names:
            resolver.resolve(name, allow_lookup=False)

    def __repr__(self) -> str:
        return queryset_repr(self)

    @classmethod
    def as_manager(cls) -> Manager[Any]:
        """A manager whose QuerySets are ``cls`` and which has ``cls``'s public methods::

        class Question(models.Model):
            objects = QuestionQuerySet.as_manager()
        """
        from .manager import Manager  # cycle: query -> queryset

        return Manager.from_queryset(cls)()

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
        """The rows ``filter()`` would not return. Across a many-to-many or reverse foreign
        key it drops the rows with *any* matching related row (``pk NOT IN (subquery)``)."""
        q = Q(*args, **kwargs)
        from .joins import crosses_many  # cycle: query -> queryset

        if q.children and crosses_many(self.model, q):
            self._check_not_combined("exclude")
            base = QuerySet(self.model, using=self._db)._chain(annotations=self.query.annotations)
            return self._filter(~Q(pk__in=base._filter(q).values("pk")))
        return self._filter(~q)

    def _filter(self, q: Q) -> QuerySet[_M]:
        self._check_not_sliced("filter")
        self._check_not_combined("filter")
        if not q.children:
            return self._chain()
        check_filter(self.model, self.query.annotations, q)  # unknown names fail here
        return self._chain(where=(*self.query.where, q))

    def order_by(self, *names: str) -> QuerySet[_M]:
        self._check_not_sliced("reorder")
        if getattr(self.query, "combined", None) is None:
            self._check_names(n.lstrip("-") for n in names if n != "?")
        return self._chain(ordering=tuple(names))

    def values(self, *fields: str) -> QuerySet[Any]:
        names = fields or tuple(self.model._meta.attnames)
        return self._select(tuple(names), "dict")

    def _select(self, names: tuple[str, ...], mode: str) -> QuerySet[Any]:
        """``values()`` / ``values_list()``: after ``union()`` and friends, of every part."""
        combined = getattr(self.query, "combined", None)
        if combined is None:
            self._check_names(names)
            return self._chain(fields=names, mode=mode)
        parts = tuple(p.replace(fields=names, mode=mode) for p in combined[2])
        return self._chain(fields=names, mode=mode, combined=(*combined[:2], parts))

    def values_list(self, *fields: str, flat: bool = False, named: bool = False) -> QuerySet[Any]:
        """Tuples of ``fields``; ``flat=True``: the values of one field; ``named=True``:
        named tuples (``row.question_text``)."""
        if flat and named:
            raise TypeError("values_list(): 'flat' and 'named' can't be used together.")
        if flat and len(fields) != 1:
            raise TypeError("values_list(flat=True) needs exactly one field.")
        names = fields or tuple(self.model._meta.attnames)
        return self._select(tuple(names), "flat" if flat else "named" if named else "tuple")

    def alias(self, **annotations: Combinable) -> QuerySet[_M]:
        """Like ``annotate()``, for use in ``filter()``, ``order_by()`` and other annotations
        only: the values are not set on the instances nor added to ``values()`` rows."""
        aliases = (*getattr(self.query, "aliases", ()), *annotations)
        if self.query.fields is not None:
            raise TypeError("alias() must come before values()/values_list().")
        return self.annotate(**annotations)._chain(aliases=aliases)

    def annotate(self, **annotations: Combinable) -> QuerySet[_M]:
        """Add an expression per row (``annotate(n=Count("choices"))``). Aggregates group by
        the row, or by the ``values()`` fields when ``values()`` came first."""
        self._check_not_sliced("annotate")
        self._check_not_combined("annotate")
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
        self._check_not_combined("distinct")
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

    def only(self, *fields: str) -> QuerySet[_M]:
        """Load only ``fields`` (and the primary key); the others load on first access."""
        self._check_not_combined("only")
        wanted = field_attnames(self.model, fields, "only") | {self.model._meta.pk.attname}
        return self._chain(loaded=tuple(sorted(wanted)))

    def defer(self, *fields: str | None) -> QuerySet[_M]:
        """Load every field but ``fields`` (never the primary key); ``defer(None)`` clears."""
        self._check_not_combined("defer")
        names = [f for f in fields if f is not None]
        if not names:
            return self._chain(loaded=None)
        skip = field_attnames(self.model, names, "defer") - {self.model._meta.pk.attname}
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
        self._check_not_combined("select_for_update")
        return self._chain(for_update=(nowait, skip_locked, tuple(of)))

    def select_related(self, *names: str) -> QuerySet[_M]:
        """Fetch the rows of these foreign keys in the same query (a JOIN); follow keys of
        keys with ``__`` (``select_related("question__author")``); no names: every
        non-null foreign key of the model."""
        # cycle: db.models -> query -> queryset
        from ..fields.related import ForeignKey
        from .joins import related_steps

        self._check_not_combined("select_related")
        if not names:  # every non-null foreign key, one level
            fields = self.model._meta.fields
            names = tuple(f.name for f in fields if isinstance(f, ForeignKey) and not f.null)
        related_steps(self.model, names)  # FieldError for an unknown key, here
        return self._chain(select_related=(*self.query.select_related, *names))

    def prefetch_related(self, *lookups: str | Prefetch | None) -> QuerySet[_M]:
        """Fetch related rows for the whole result in one more query per relation (reverse
        and many-to-many relations, and foreign keys); ``prefetch_related(None)`` clears."""
        from .prefetch import check_lookup, normalize  # cycle: query -> queryset

        if None in lookups:
            return self._chain(prefetch_related=())
        wanted = [item for item in lookups if item is not None]
        for pf in normalize(wanted):
            check_lookup(self.model, pf)
        return self._chain(prefetch_related=(*self.query.prefetch_related, *wanted))

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
        if getattr(self.query, "for_update", None) is not None and not in_atomic_block(self.db):
            raise TransactionManagementError(
                "select_for_update() is only valid inside atomic(): the locks last until "
                "the transaction ends."
            )
        if self.query.empty:
            return []
        if getattr(self.query, "combined", None) is not None:
            from .combinators import select_step  # cycle: query -> queryset

            plan = select_step(self.query, self.db, wrapper)
        else:
            plan = _compiler().select_plan(self.query, self.db, wrapper)
        rows: list[Any] = yield plan
        aliases = getattr(self.query, "aliases", ())
        if aliases and self.query.mode == "model":
            for obj in rows:
                for name in aliases:
                    obj.__dict__.pop(name, None)
        if self.query.mode == "named":
            rows = _named_rows(self.query.fields or (), rows)
        if self.query.prefetch_related and rows and self.query.mode == "model":
            from .prefetch import prefetch_core  # cycle: query -> queryset

            yield from prefetch_core(rows, self.query.prefetch_related, self.db)
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
        if getattr(self.query, "combined", None) is not None:
            from .combinators import count_step  # cycle: query -> queryset

            count: int = yield count_step(self.query, self.db, self._wrapper())
            return count
        count = yield _compiler().count_plan(self.query, self.db, self._wrapper())
        return count

    def _exists(self) -> Core[bool]:
        if self._result_cache is not None:
            return bool(self._result_cache)
        query = self.query
        if query.empty or (query.high is not None and query.high <= query.low):
            return False
        if getattr(query, "combined", None) is not None:
            from .combinators import exists_step  # cycle: query -> queryset

            found: bool = yield exists_step(query, self.db, self._wrapper())
            return found
        found = yield _compiler().exists_plan(query, self.db, self._wrapper())
        return found

    def _get(self, args: tuple[Q, ...], kwargs: dict[str, Any]) -> Core[_M]:
        qs = self.filter(*args, **kwargs) if args or kwargs else self
        if not qs.query.is_sliced:
            qs = qs._chain(ordering=(), high=MAX_GET_RESULTS)
        rows = yield from qs._fetch()
        return self._one(rows)

    def _one(self, rows: list[Any]) -> _M:
        """The single row ``get()`` expects, else ``DoesNotExist``/``MultipleObjectsReturned``."""
        if len(rows) == 1:
            return rows[0]  # type: ignore[no-any-return]
        raise get_error(self.model, rows)

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
        from .persistence import save_core  # cycle: query -> queryset

        self._for_write = True
        obj = self.model(**kwargs)
        yield from save_core(obj, self.db, force_insert=True)
        return obj

    def _get_or_create(
        self, defaults: dict[str, Any] | None, kwargs: dict[str, Any]
    ) -> Core[tuple[_M, bool]]:
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
        self,
        defaults: dict[str, Any] | None,
        kwargs: dict[str, Any],
    ) -> Core[tuple[_M, bool]]:
        from .persistence import save_core  # cycle: query -> queryset

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
        self._check_not_combined("aggregate")
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
        self._check_not_combined("update")
        self._for_write = True
        if self.query.empty or not kwargs:
            return 0
        from . import writes  # cycle: query -> queryset

        wrapper = self._wrapper()
        pks = None
        if writes.needs_pk_fetch(self.query, wrapper):
            pks = yield from self.values_list("pk", flat=True)._fetch()
        count: int = yield writes.update_plan(self.query, kwargs, self.db, wrapper, pks)
        return count

    def _delete(self) -> Core[tuple[int, dict[str, int]]]:
        from .persistence import delete_core  # cycle: query -> queryset

        self._check_not_sliced("delete")
        self._check_not_combined("delete")
        self._for_write = True
        if self.query.empty:
            return 0, {}
        result: tuple[int, dict[str, int]] = yield Atomic(self.db, delete_core(self.query, self.db))
        return result

    def _bulk_create(
        self,
        objs: Sequence[_M],
        batch_size: int | None,
        options: dict[str, Any] | None = None,
        # cycle: query -> queryset
    ) -> Core[list[_M]]:
        from .persistence import bulk_insert_core

        self._for_write = True
        conflict = None
        if options:
            from .conflicts import check_conflict, conflict_insert_core  # cycle: query -> queryset

            conflict = check_conflict(self.model, vendor=self._wrapper().vendor, **options)
        if not objs:
            return list(objs)
        if conflict is not None:
            core = conflict_insert_core(self.model, objs, self.db, batch_size, conflict)
        else:
            core = bulk_insert_core(self.model, objs, self.db, batch_size)
        done: list[_M] = yield Atomic(self.db, core)
        return done

    def _bulk_update(
        self,
        objs: Sequence[_M],
        fields: Sequence[str],
        batch_size: int | None,
        # cycle: query -> queryset
    ) -> Core[int]:
        from .bulk import bulk_update_core

        self._for_write = True
        if not objs:
            return 0
        done: int = yield Atomic(
            self.db, bulk_update_core(self.model, objs, fields, self.db, batch_size)
        )
        return done

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
        rows = None if args else fast_get(self, kwargs)  # fastget.py
        if rows is not None:
            return self._one(rows)
        return run_sync(self._get(args, kwargs))

    def first(self) -> _M | None:
        return run_sync(self._first(False))

    def last(self) -> _M | None:
        return run_sync(self._first(True))

    def dates(self, field_name: str, kind: str, order: str = "ASC") -> DateList:
        """The distinct dates of ``field_name`` truncated to ``kind`` (year, month, week,
        day), as ``datetime.date``; iterate it (``for``/``async for``) or ``await .alist()``."""
        from .dates import DateList  # cycle: query -> queryset

        self._check_names([field_name])
        return DateList(self, (field_name, kind, order, None, False))

    def datetimes(
        self, field_name: str, kind: str, order: str = "ASC", tzinfo: dt.tzinfo | None = None
    ) -> DateList:
        """Like ``dates()`` for a DateTimeField, also by hour, minute or second; aware
        datetimes in ``tzinfo`` (default: the current time zone)."""
        from .dates import DateList  # cycle: query -> queryset

        self._check_names([field_name])
        return DateList(self, (field_name, kind, order, tzinfo, True))

    def earliest(self, *fields: str) -> _M:
        """The first row ordered by ``fields`` (default ``Meta.get_latest_by``)."""
        return run_sync(earliest_core(self, fields, False))

    def latest(self, *fields: str) -> _M:
        """The last row ordered by ``fields`` (default ``Meta.get_latest_by``)."""
        return run_sync(earliest_core(self, fields, True))

    def explain(self, *, format: str | None = None, **options: Any) -> str:
        """The database's plan for this query, as text (``EXPLAIN``)."""
        return run_sync(explain_core(self, format, options))

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

    def bulk_create(
        self,
        objs: Iterable[_M],
        batch_size: int | None = None,
        *,
        ignore_conflicts: bool = False,
        update_conflicts: bool = False,
        update_fields: Sequence[str] | None = None,
        unique_fields: Sequence[str] | None = None,
    ) -> list[_M]:
        """INSERT ``objs`` in batches (no signals). ``ignore_conflicts`` skips rows that
        break a unique constraint; ``update_conflicts`` updates ``update_fields`` of the
        row they conflict with on ``unique_fields`` instead (see docs/queries.md)."""
        options = conflict_options(ignore_conflicts, update_conflicts, update_fields, unique_fields)
        return run_sync(self._bulk_create(list(objs), batch_size, options))

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
        """Yield rows fetched ``chunk_size`` at a time (LIMIT/OFFSET pages, not cached;
        see ``query.chunks``)."""
        return iterate(self, chunk_size)

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
        rows = None if args else await afast_get(self, kwargs)
        if rows is not None:
            return self._one(rows)
        return await run_async(self._get(args, kwargs))

    async def afirst(self) -> _M | None:
        return await run_async(self._first(False))

    async def alast(self) -> _M | None:
        return await run_async(self._first(True))

    async def aearliest(self, *fields: str) -> _M:
        return await run_async(earliest_core(self, fields, False))

    async def alatest(self, *fields: str) -> _M:
        return await run_async(earliest_core(self, fields, True))

    async def aexplain(self, *, format: str | None = None, **options: Any) -> str:
        return await run_async(explain_core(self, format, options))

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

    async def abulk_create(
        self,
        objs: Iterable[_M],
        batch_size: int | None = None,
        *,
        ignore_conflicts: bool = False,
        update_conflicts: bool = False,
        update_fields: Sequence[str] | None = None,
        unique_fields: Sequence[str] | None = None,
    ) -> list[_M]:
        options = conflict_options(ignore_conflicts, update_conflicts, update_fields, unique_fields)
        return await run_async(self._bulk_create(list(objs), batch_size, options))

    async def ain_bulk(
        self, id_list: Iterable[Any] | None = None, *, field_name: str = "pk"
    ) -> dict[Any, _M]:
        return await run_async(self._in_bulk(id_list, field_name))

    async def abulk_update(
        self, objs: Iterable[_M], fields: Sequence[str], batch_size: int | None = None
    ) -> int:
        return await run_async(self._bulk_update(list(objs), fields, batch_size))

    def aiterator(self, chunk_size: int = 2000) -> AsyncIterator[_M]:
        """The async twin of ``iterator()``: ``async for obj in qs.aiterator(500)``."""
        return aiterate(self, chunk_size)
