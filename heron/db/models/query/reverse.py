"""Writes of a reverse foreign-key manager (``question.choices``): add, remove, clear, set.

Each runs in one ``atomic()`` block on the instance's database and has an a-twin (``aadd``,
``aremove``, ``aclear``, ``aset``); both run the same core.

- ``add(*objs, bulk=True)``: point ``objs`` at the instance. With ``bulk`` one
  ``UPDATE ... WHERE pk IN (...)`` (the objects must be saved already); with ``bulk=False``
  each object is saved (``save()``, signals included), which also inserts unsaved ones.
- ``remove(*objs, bulk=True)`` and ``clear(bulk=True)``: set the foreign key to NULL, so
  they exist only for a nullable ``ForeignKey``; on a non-null one they raise
  ``AttributeError`` saying to delete the rows instead. ``remove`` refuses an object that
  is not related to the instance (``DoesNotExist``).
- ``set(objs, bulk=True, clear=False)``: make ``objs`` the related set. Nullable: detach the
  rows not in ``objs`` (or all of them first, with ``clear=True``) and add the others;
  non-null: ``add()`` only (rows cannot be detached).

The objects passed in are updated in memory too (their foreign key and its cache). A write
drops what ``prefetch_related()`` cached for the relation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from heron.db.routers import router

from .plan import Atomic, Core, run_async, run_sync

if TYPE_CHECKING:
    from ..base import Model
    from ..fields.related import ForeignKey
    from ..related import Relation

__all__ = ["ReverseWrites"]

_M = TypeVar("_M", bound="Model")


class ReverseWrites(Generic[_M]):
    """Mixed into ``manager.ReverseManager`` (which sets these attributes)."""

    instance: Model
    relation: Relation
    model: type[_M]
    field: ForeignKey[Any]

    # -- helpers --------------------------------------------------------------------------------

    def _write_alias(self) -> str:
        return self.instance._state.db or router.db_for_write(self.model, instance=self.instance)

    def _where(self) -> str:
        return f"{self.relation.accessor_name} of {self.instance!r}"

    def _check_instance(self) -> None:
        if self.instance.pk is None:
            raise ValueError(
                f"{self.instance!r} needs a primary key before related rows can be added or "
                "removed; save it first."
            )

    def _check_nullable(self, method: str) -> None:
        if not self.field.null:
            label = f"{self.model.__name__}.{self.field.name}"
            raise AttributeError(
                f"{self.relation.accessor_name}.{method}() is not available: {label} is not "
                f"nullable, so its rows cannot be detached from {type(self.instance).__name__}."
                f" Delete them ({self.relation.accessor_name}.all().delete()) or declare the "
                "ForeignKey with null=True."
            )

    def _objects(self, objs: Iterable[Any], action: str) -> list[_M]:
        out = []
        for obj in objs:
            if not isinstance(obj, self.model):
                raise TypeError(
                    f"{self.relation.accessor_name}.{action}() takes {self.model.__name__} "
                    f"instances, not {obj!r}."
                )
            out.append(obj)
        return out

    def _target_value(self) -> Any:
        return getattr(self.instance, self.field.target_field.attname)

    def _forget_prefetched(self) -> None:
        self.instance._state.fields_cache.pop(f"prefetch:{self.relation.accessor_name}", None)

    def _rows(self, alias: str) -> Any:
        # cycle: query -> manager -> reverse
        from .queryset import QuerySet

        return QuerySet(self.model, using=alias)

    # -- cores ----------------------------------------------------------------------------------

    def _add_core(self, objs: list[_M], bulk: bool, alias: str) -> Core[None]:
        # cycle: query -> manager -> reverse
        from .persistence import save_core

        if bulk:
            for obj in objs:
                if obj.pk is None or obj._state.adding:
                    raise ValueError(
                        f"{obj!r} is not saved: add() with bulk=True updates saved rows; save "
                        "it first or pass bulk=False."
                    )
                if obj._state.db not in (None, alias):
                    raise ValueError(
                        f"{obj!r} is on database {obj._state.db!r}, {self.instance!r} on "
                        f"{alias!r}: they cannot be related."
                    )
            pks = list(dict.fromkeys(obj.pk for obj in objs))
            if pks:
                rows = self._rows(alias).filter(pk__in=pks)
                yield from rows._update({self.field.name: self.instance})
            for obj in objs:
                setattr(obj, self.field.name, self.instance)
            return None
        for obj in objs:
            setattr(obj, self.field.name, self.instance)
            yield from save_core(obj, alias)
        return None

    def _detach_core(self, pks: list[Any], alias: str) -> Core[None]:
        if pks:
            target = {self.field.attname: self._target_value()}
            rows = self._rows(alias).filter(pk__in=pks, **target)
            yield from rows._update({self.field.name: None})
        return None

    def _remove_core(self, objs: list[_M], bulk: bool, alias: str) -> Core[None]:
        # cycle: query -> manager -> reverse
        from .persistence import save_core

        mine = self._target_value()
        for obj in objs:
            if getattr(obj, self.field.attname) != mine:
                raise self.model.DoesNotExist(f"{obj!r} is not related to {self.instance!r}.")
        if bulk:
            yield from self._detach_core(list(dict.fromkeys(obj.pk for obj in objs)), alias)
        for obj in objs:
            setattr(obj, self.field.name, None)
            if not bulk:
                yield from save_core(obj, alias, update_fields=[self.field.name])
        return None

    def _current_pks(self, alias: str) -> Core[list[Any]]:
        rows = self._rows(alias).filter(**{self.field.attname: self._target_value()})
        found: list[Any] = yield from rows.values_list("pk", flat=True).order_by()._fetch()
        return found

    def _clear_core(self, bulk: bool, alias: str) -> Core[None]:
        # cycle: query -> manager -> reverse
        from .persistence import save_core

        if bulk:
            rows = self._rows(alias).filter(**{self.field.attname: self._target_value()})
            yield from rows._update({self.field.name: None})
            return None
        related = self._rows(alias).filter(**{self.field.attname: self._target_value()})
        for obj in (yield from related._fetch()):
            setattr(obj, self.field.name, None)
            yield from save_core(obj, alias, update_fields=[self.field.name])
        return None

    def _set_core(self, objs: list[_M], bulk: bool, clear: bool, alias: str) -> Core[None]:
        if not self.field.null:
            yield from self._add_core(objs, bulk, alias)
            return None
        if clear:
            yield from self._clear_core(bulk, alias)
            yield from self._add_core(objs, bulk, alias)
            return None
        current = yield from self._current_pks(alias)
        wanted = {obj.pk for obj in objs if obj.pk is not None}
        yield from self._detach_core([pk for pk in current if pk not in wanted], alias)
        new = [obj for obj in objs if obj.pk is None or obj.pk not in set(current)]
        yield from self._add_core(new, bulk, alias)
        for obj in objs:  # already related: make the in-memory foreign key agree
            setattr(obj, self.field.name, self.instance)
        return None

    def _atomic(self, make: Any) -> Core[None]:
        self._check_instance()
        self._forget_prefetched()
        alias = self._write_alias()
        yield Atomic(alias, make(alias))
        return None

    # -- sync -----------------------------------------------------------------------------------

    def add(self, *objs: Any, bulk: bool = True) -> None:
        """Point ``objs`` at the instance (see the module docstring)."""
        items = self._objects(objs, "add")
        run_sync(self._atomic(lambda alias: self._add_core(items, bulk, alias)))

    def remove(self, *objs: Any, bulk: bool = True) -> None:
        """Set the foreign key of ``objs`` to NULL (nullable foreign keys only)."""
        self._check_nullable("remove")
        items = self._objects(objs, "remove")
        run_sync(self._atomic(lambda alias: self._remove_core(items, bulk, alias)))

    def clear(self, *, bulk: bool = True) -> None:
        """Detach every related row (nullable foreign keys only)."""
        self._check_nullable("clear")
        run_sync(self._atomic(lambda alias: self._clear_core(bulk, alias)))

    def set(self, objs: Iterable[Any], *, bulk: bool = True, clear: bool = False) -> None:
        """Make ``objs`` the related rows."""
        items = self._objects(objs, "set")
        run_sync(self._atomic(lambda alias: self._set_core(items, bulk, clear, alias)))

    # -- async ----------------------------------------------------------------------------------

    async def aadd(self, *objs: Any, bulk: bool = True) -> None:
        items = self._objects(objs, "add")
        await run_async(self._atomic(lambda alias: self._add_core(items, bulk, alias)))

    async def aremove(self, *objs: Any, bulk: bool = True) -> None:
        self._check_nullable("remove")
        items = self._objects(objs, "remove")
        await run_async(self._atomic(lambda alias: self._remove_core(items, bulk, alias)))

    async def aclear(self, *, bulk: bool = True) -> None:
        self._check_nullable("clear")
        await run_async(self._atomic(lambda alias: self._clear_core(bulk, alias)))

    async def aset(self, objs: Iterable[Any], *, bulk: bool = True, clear: bool = False) -> None:
        items = self._objects(objs, "set")
        await run_async(self._atomic(lambda alias: self._set_core(items, bulk, clear, alias)))
