"""Managers: ``Model.objects`` and the reverse foreign key managers (``question.choices``).

A manager hands out QuerySets from ``get_queryset()`` (override it in a subclass to change
the default rows) and forwards the QuerySet methods to it.
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, overload

from .. import related
from ..related import RelatedManager
from .expressions import Aggregate, Combinable, Q
from .fastget import amanager_get, get_error, manager_get
from .queryset import QuerySet
from .raw import RawQuerySet
from .reverse import ReverseWrites

if TYPE_CHECKING:
    import datetime as dt

    from ..base import Model
    from .dates import DateList
    from .prefetch import Prefetch

__all__ = [
    "BaseManager",
    "DefaultManager",
    "Manager",
    "ManagerDescriptor",
    "RelatedQuerySetMethods",
    "ReverseManager",
    "default_queryset_class",
    "ensure_manager",
]

_M = TypeVar("_M", bound="Model")
_O = TypeVar("_O", bound="Model")


class BaseManager(Generic[_M]):
    """The QuerySet-forwarding methods shared by every manager."""

    model: type[_M]
    _queryset_class: type[QuerySet[Any]] = QuerySet

    def get_queryset(self) -> QuerySet[_M]:
        return self._queryset_class(self.model)

    @classmethod
    def from_queryset(
        cls, queryset_class: type[QuerySet[Any]], class_name: str | None = None
    ) -> type[Self]:
        """A subclass of this manager handing out ``queryset_class`` QuerySets, with each
        public method of ``queryset_class`` not already on the manager forwarded to them."""
        if not (isinstance(queryset_class, type) and issubclass(queryset_class, QuerySet)):
            raise TypeError(f"from_queryset() takes a QuerySet subclass, not {queryset_class!r}.")
        attrs: dict[str, Any] = {"_queryset_class": queryset_class}
        for name, value in inspect.getmembers(queryset_class, inspect.isfunction):
            if name.startswith("_") or hasattr(cls, name) or name == "as_manager":
                continue
            if getattr(value, "queryset_only", False):
                continue
            attrs[name] = _forward(name)
        name = class_name or f"{cls.__name__}From{queryset_class.__name__}"
        made: type[Self] = type(name, (cls,), attrs)
        return made

    def all(self) -> QuerySet[_M]:
        return self.get_queryset()

    def none(self) -> QuerySet[_M]:
        return self.get_queryset().none()

    def using(self, alias: str) -> QuerySet[_M]:
        return self.get_queryset().using(alias)

    def filter(self, *args: Q | Combinable, **kwargs: Any) -> QuerySet[_M]:
        return self.get_queryset().filter(*args, **kwargs)

    def exclude(self, *args: Q | Combinable, **kwargs: Any) -> QuerySet[_M]:
        return self.get_queryset().exclude(*args, **kwargs)

    def order_by(self, *names: str) -> QuerySet[_M]:
        return self.get_queryset().order_by(*names)

    def values(self, *fields: str) -> QuerySet[Any]:
        return self.get_queryset().values(*fields)

    def values_list(self, *fields: str, flat: bool = False, named: bool = False) -> QuerySet[Any]:
        return self.get_queryset().values_list(*fields, flat=flat, named=named)

    def annotate(self, **annotations: Combinable) -> QuerySet[_M]:
        return self.get_queryset().annotate(**annotations)

    def alias(self, **annotations: Combinable) -> QuerySet[_M]:
        return self.get_queryset().alias(**annotations)

    def distinct(self) -> QuerySet[_M]:
        return self.get_queryset().distinct()

    def reverse(self) -> QuerySet[_M]:
        return self.get_queryset().reverse()

    def only(self, *fields: str) -> QuerySet[_M]:
        return self.get_queryset().only(*fields)

    def defer(self, *fields: str | None) -> QuerySet[_M]:
        return self.get_queryset().defer(*fields)

    def select_for_update(
        self, nowait: bool = False, skip_locked: bool = False, of: Sequence[str] = ()
    ) -> QuerySet[_M]:
        return self.get_queryset().select_for_update(nowait=nowait, skip_locked=skip_locked, of=of)

    def iterator(self, chunk_size: int = 2000) -> Iterator[_M]:
        return self.get_queryset().iterator(chunk_size)

    def aiterator(self, chunk_size: int = 2000) -> AsyncIterator[_M]:
        return self.get_queryset().aiterator(chunk_size)

    def bulk_update(
        self, objs: Iterable[_M], fields: Sequence[str], batch_size: int | None = None
    ) -> int:
        return self.get_queryset().bulk_update(objs, fields, batch_size)

    async def abulk_update(
        self, objs: Iterable[_M], fields: Sequence[str], batch_size: int | None = None
    ) -> int:
        return await self.get_queryset().abulk_update(objs, fields, batch_size)

    def raw(
        self, sql: str, params: Sequence[Any] | None = None, using: str | None = None
    ) -> RawQuerySet[_M]:
        """Model instances from ``sql`` (``%s`` placeholders); see ``query.raw``."""
        return RawQuerySet(self.model, sql, params, using or self.get_queryset().db)

    def aggregate(self, *args: Aggregate, **kwargs: Aggregate) -> dict[str, Any]:
        return self.get_queryset().aggregate(*args, **kwargs)

    async def aaggregate(self, *args: Aggregate, **kwargs: Aggregate) -> dict[str, Any]:
        return await self.get_queryset().aaggregate(*args, **kwargs)

    def select_related(self, *names: str) -> QuerySet[_M]:
        return self.get_queryset().select_related(*names)

    def prefetch_related(self, *lookups: str | Prefetch | None) -> QuerySet[_M]:
        return self.get_queryset().prefetch_related(*lookups)

    def get(self, *args: Q, **kwargs: Any) -> _M:
        if not args:
            cls = type(self)  # get_queryset() is known: no QuerySet needed (fastget.py)
            if cls.get_queryset is _plain_queryset and cls._queryset_class is QuerySet:
                rows = manager_get(self, kwargs)
                if rows is not None:
                    if len(rows) == 1:
                        return rows[0]  # type: ignore[no-any-return]
                    raise get_error(self.model, rows)
        return self.get_queryset().get(*args, **kwargs)

    async def aget(self, *args: Q, **kwargs: Any) -> _M:
        if not args:
            cls = type(self)
            if cls.get_queryset is _plain_queryset and cls._queryset_class is QuerySet:
                rows = await amanager_get(self, kwargs)
                if rows is not None:
                    if len(rows) == 1:
                        return rows[0]  # type: ignore[no-any-return]
                    raise get_error(self.model, rows)
        return await self.get_queryset().aget(*args, **kwargs)

    def create(self, **kwargs: Any) -> _M:
        return self.get_queryset().create(**kwargs)

    async def acreate(self, **kwargs: Any) -> _M:
        return await self.get_queryset().acreate(**kwargs)

    def get_or_create(
        self, defaults: dict[str, Any] | None = None, **kwargs: Any
    ) -> tuple[_M, bool]:
        return self.get_queryset().get_or_create(defaults, **kwargs)

    async def aget_or_create(
        self, defaults: dict[str, Any] | None = None, **kwargs: Any
    ) -> tuple[_M, bool]:
        return await self.get_queryset().aget_or_create(defaults, **kwargs)

    def update_or_create(
        self, defaults: dict[str, Any] | None = None, **kwargs: Any
    ) -> tuple[_M, bool]:
        return self.get_queryset().update_or_create(defaults, **kwargs)

    async def aupdate_or_create(
        self, defaults: dict[str, Any] | None = None, **kwargs: Any
    ) -> tuple[_M, bool]:
        return await self.get_queryset().aupdate_or_create(defaults, **kwargs)

    def count(self) -> int:
        return self.get_queryset().count()

    async def acount(self) -> int:
        return await self.get_queryset().acount()

    def exists(self) -> bool:
        return self.get_queryset().exists()

    async def aexists(self) -> bool:
        return await self.get_queryset().aexists()

    def dates(self, field_name: str, kind: str, order: str = "ASC") -> DateList:
        return self.get_queryset().dates(field_name, kind, order)

    def datetimes(
        self, field_name: str, kind: str, order: str = "ASC", tzinfo: dt.tzinfo | None = None
    ) -> DateList:
        return self.get_queryset().datetimes(field_name, kind, order, tzinfo)

    def union(self, *others: QuerySet[Any], all: bool = False) -> QuerySet[_M]:
        return self.get_queryset().union(*others, all=all)

    def intersection(self, *others: QuerySet[Any], all: bool = False) -> QuerySet[_M]:
        return self.get_queryset().intersection(*others, all=all)

    def difference(self, *others: QuerySet[Any], all: bool = False) -> QuerySet[_M]:
        return self.get_queryset().difference(*others, all=all)

    def explain(self, *, format: str | None = None, **options: Any) -> str:
        return self.get_queryset().explain(format=format, **options)

    async def aexplain(self, *, format: str | None = None, **options: Any) -> str:
        return await self.get_queryset().aexplain(format=format, **options)

    def earliest(self, *fields: str) -> _M:
        return self.get_queryset().earliest(*fields)

    async def aearliest(self, *fields: str) -> _M:
        return await self.get_queryset().aearliest(*fields)

    def latest(self, *fields: str) -> _M:
        return self.get_queryset().latest(*fields)

    async def alatest(self, *fields: str) -> _M:
        return await self.get_queryset().alatest(*fields)

    def first(self) -> _M | None:
        return self.get_queryset().first()

    async def afirst(self) -> _M | None:
        return await self.get_queryset().afirst()

    def last(self) -> _M | None:
        return self.get_queryset().last()

    async def alast(self) -> _M | None:
        return await self.get_queryset().alast()

    def update(self, **kwargs: Any) -> int:
        return self.get_queryset().update(**kwargs)

    async def aupdate(self, **kwargs: Any) -> int:
        return await self.get_queryset().aupdate(**kwargs)

    def bulk_create(
        self, objs: Iterable[_M], batch_size: int | None = None, **conflicts: Any
    ) -> list[_M]:
        return self.get_queryset().bulk_create(objs, batch_size, **conflicts)

    async def abulk_create(
        self, objs: Iterable[_M], batch_size: int | None = None, **conflicts: Any
    ) -> list[_M]:
        return await self.get_queryset().abulk_create(objs, batch_size, **conflicts)

    def in_bulk(
        self, id_list: Iterable[Any] | None = None, *, field_name: str = "pk"
    ) -> dict[Any, _M]:
        return self.get_queryset().in_bulk(id_list, field_name=field_name)

    async def ain_bulk(
        self, id_list: Iterable[Any] | None = None, *, field_name: str = "pk"
    ) -> dict[Any, _M]:
        return await self.get_queryset().ain_bulk(id_list, field_name=field_name)

    def __iter__(self) -> Any:
        raise TypeError(f"{type(self).__name__} is not iterable; use .all().")


_plain_queryset = BaseManager.get_queryset


def _forward(name: str) -> Any:
    def method(self: BaseManager[Any], *args: Any, **kwargs: Any) -> Any:
        return getattr(self.get_queryset(), name)(*args, **kwargs)

    method.__name__ = name
    return method


class Manager(BaseManager[_M]):
    """``Model.objects``: declare ``objects = MyManager()`` in a model to replace it."""

    def __init__(self) -> None:
        self.name: str | None = None

    def contribute_to_class(self, model: type[Model], name: str) -> None:
        self.model = model  # type: ignore[assignment]
        self.name = name
        setattr(model, name, ManagerDescriptor(self, name))

    def _bind(self, model: type[Model]) -> Manager[Any]:
        clone = type(self).__new__(type(self))
        clone.__dict__.update(self.__dict__)
        clone.model = model  # type: ignore[assignment]
        return clone

    def __repr__(self) -> str:
        model = getattr(self, "model", None)
        label = model._meta.label if model is not None else "unbound"
        return f"<{type(self).__name__} {label}.{self.name}>"


class DefaultManager(Manager[Any]):
    """How type checkers see ``Model.objects``: ``Question.objects`` is a
    ``Manager[Question]``, so ``Question.objects.get(pk=1)`` is a ``Question`` (no plugin).
    At run time every model's ``objects`` is a plain ``Manager`` bound to it."""

    if TYPE_CHECKING:

        @overload
        def __get__(self, instance: None, owner: type[_O]) -> Manager[_O]: ...
        @overload  # instances have no manager (AttributeError at run time)
        def __get__(self, instance: object, owner: Any) -> Manager[Any]: ...
        def __get__(self, instance: Any, owner: Any) -> Any: ...


class ManagerDescriptor:
    """Gives each model class its manager; refuses access from instances."""

    def __init__(self, manager: Manager[Any], name: str) -> None:
        self.manager = manager
        self.name = name

    def __get__(self, instance: Any, owner: type[Model]) -> Any:
        if instance is not None:
            raise AttributeError(
                f"The manager {self.name!r} is not accessible from {owner.__name__} instances; "
                f"use {owner.__name__}.{self.name}."
            )
        opts = owner._meta
        if opts.abstract:
            raise AttributeError(f"{owner.__name__} is abstract: it has no manager to query.")
        if opts.swappable and opts.swapped:
            raise AttributeError(
                f"{opts.label} has been swapped for {opts.swapped!r} ({opts.swappable}); "
                f"query that model instead (get_user_model() for the user model)."
            )
        if self.manager.model is not owner:
            bound = self.manager._bind(owner)
            setattr(owner, self.name, ManagerDescriptor(bound, self.name))
            return bound
        return self.manager


def ensure_manager(model: type[Model]) -> None:
    """Give a concrete model without a declared manager the default ``objects``."""
    for klass in model.__mro__:
        if any(isinstance(v, ManagerDescriptor) for v in vars(klass).values()):
            return
    if "objects" in vars(model):
        return
    Manager().contribute_to_class(model, "objects")


def default_queryset_class(model: type[Model]) -> type[QuerySet[Any]]:
    """The QuerySet class of ``model``'s first declared manager (``QuerySet`` by default)."""
    for klass in model.__mro__:
        for value in vars(klass).values():
            if isinstance(value, ManagerDescriptor):
                return value.manager._queryset_class
    return QuerySet


class RelatedQuerySetMethods:
    """Related managers forward the public methods of the model's own QuerySet class
    (``question.choices.popular()`` when ``Choice.objects = ChoiceQuerySet.as_manager()``)."""

    if TYPE_CHECKING:

        def get_queryset(self) -> QuerySet[Any]: ...

    def __getattr__(self, name: str) -> Any:
        model = self.__dict__.get("model")
        qs_class = None
        if model is not None and not name.startswith("_"):
            qs_class = default_queryset_class(model)
        if qs_class is None or qs_class is QuerySet or not hasattr(qs_class, name):
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        return getattr(self.get_queryset(), name)


class ReverseManager(
    ReverseWrites[_M], RelatedQuerySetMethods, RelatedManager[_M], BaseManager[_M]
):
    """``question.choices``: the rows of ``related_model`` pointing at the instance (writes:
    ``add``/``remove``/``clear``/``set`` in ``reverse.py``)."""

    def get_queryset(self) -> QuerySet[_M]:
        alias = self.instance._state.db
        qs_class = default_queryset_class(self.model)
        qs = qs_class(self.model, using=alias).filter(**self.core_filters)
        cached = self.instance._state.fields_cache.get(f"prefetch:{self.relation.accessor_name}")
        if cached is not None:
            qs._result_cache = list(cached)
        return qs

    def _check_saved(self) -> None:
        if self.instance.pk is None:
            raise ValueError(
                f"{self.instance!r} needs a primary key before its related rows can be used; "
                "save it first."
            )

    def all(self) -> QuerySet[_M]:
        self._check_saved()
        return self.get_queryset()

    def create(self, **kwargs: Any) -> _M:
        self._check_saved()
        kwargs[self.field.name] = self.instance
        return QuerySet(self.model, using=self.instance._state.db).create(**kwargs)

    async def acreate(self, **kwargs: Any) -> _M:
        self._check_saved()
        kwargs[self.field.name] = self.instance
        return await QuerySet(self.model, using=self.instance._state.db).acreate(**kwargs)


related.reverse_manager_class = ReverseManager
