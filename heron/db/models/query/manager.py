"""Managers: ``Model.objects`` and the reverse foreign key managers (``question.choices``).

A manager hands out QuerySets from ``get_queryset()`` (override it in a subclass to change
the default rows) and forwards the QuerySet methods to it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .. import related
from ..related import RelatedManager
from .expressions import Aggregate, Combinable, Q
from .queryset import QuerySet
from .raw import RawQuerySet

if TYPE_CHECKING:
    from ..base import Model

__all__ = ["BaseManager", "Manager", "ManagerDescriptor", "ReverseManager", "ensure_manager"]

_M = TypeVar("_M", bound="Model")


class BaseManager(Generic[_M]):
    """The QuerySet-forwarding methods shared by every manager."""

    model: type[_M]

    def get_queryset(self) -> QuerySet[_M]:
        return QuerySet(self.model)

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

    def values_list(self, *fields: str, flat: bool = False) -> QuerySet[Any]:
        return self.get_queryset().values_list(*fields, flat=flat)

    def annotate(self, **annotations: Combinable) -> QuerySet[_M]:
        return self.get_queryset().annotate(**annotations)

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

    def prefetch_related(self, *names: str) -> QuerySet[_M]:
        return self.get_queryset().prefetch_related(*names)

    def get(self, *args: Q, **kwargs: Any) -> _M:
        return self.get_queryset().get(*args, **kwargs)

    async def aget(self, *args: Q, **kwargs: Any) -> _M:
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

    def bulk_create(self, objs: Iterable[_M], batch_size: int | None = None) -> list[_M]:
        return self.get_queryset().bulk_create(objs, batch_size)

    async def abulk_create(self, objs: Iterable[_M], batch_size: int | None = None) -> list[_M]:
        return await self.get_queryset().abulk_create(objs, batch_size)

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
        if owner._meta.abstract:
            raise AttributeError(f"{owner.__name__} is abstract: it has no manager to query.")
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


class ReverseManager(RelatedManager[_M], BaseManager[_M]):
    """``question.choices``: the rows of ``related_model`` pointing at the instance."""

    def get_queryset(self) -> QuerySet[_M]:
        alias = self.instance._state.db
        qs = QuerySet(self.model, using=alias).filter(**self.core_filters)
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
