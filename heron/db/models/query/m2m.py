"""``ManyManager``: what ``question.tags`` and ``tag.questions`` return.

Reads go through the join table: ``question.tags.all()`` is
``Tag WHERE id IN (SELECT tag_id FROM <through> WHERE question_id = %s)``, so every QuerySet
method (``filter``, ``count``, ``get``, ``exists``...) works on it. Writes change the through
rows only, inside one ``atomic()`` block, and send ``m2m_changed`` around each change:

- ``add(*objs, through_defaults=None)``: insert the missing links (``pre_add`` / ``post_add``
  with ``pk_set`` the keys actually added);
- ``remove(*objs)``: delete those links (``pre_remove`` / ``post_remove``);
- ``clear()``: delete every link of the instance (``pre_clear`` / ``post_clear``,
  ``pk_set=None``);
- ``set(objs, *, clear=False, through_defaults=None)``: remove the links not in ``objs`` and
  add the new ones (or ``clear()`` then ``add()`` with ``clear=True``);
- ``create(**kwargs)`` / ``get_or_create(...)``: make a far row, then ``add()`` it.

``objs`` are instances of the far model or their primary keys. Each write has an a-twin
(``aadd``, ``aremove``, ``aset``, ``aclear``, ``acreate``, ``aget_or_create``); both run the
same core. A write drops what ``prefetch_related()`` cached for the relation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from heron.db.routers import router

from .. import related, signals
from ..related import ManyRelatedManager
from .expressions import Q
from .joins import many_sides
from .manager import BaseManager, RelatedQuerySetMethods, default_queryset_class
from .plan import Atomic, Core, Query, Send, run_async, run_sync
from .queryset import QuerySet

if TYPE_CHECKING:
    from ..base import Model

__all__ = ["ManyManager"]

_M = TypeVar("_M", bound="Model")


class ManyManager(RelatedQuerySetMethods, ManyRelatedManager[_M], BaseManager[_M]):
    """The many-to-many related manager (see the module docstring)."""

    def __init__(self, instance: Model, field: Any, *, reverse: bool) -> None:
        super().__init__(instance, field, reverse=reverse)
        sides = many_sides(field.relation if reverse else field)
        self._near = sides.near
        self._far = sides.far
        self._key = getattr(instance, sides.near.target_field.attname)
        accessor = field.relation.accessor_name if reverse else field.name
        self._cache_name = f"prefetch:{accessor}"
        self._symmetrical = bool(field.symmetrical)

    # -- reads ----------------------------------------------------------------------------------

    def _links(self, alias: str | None = None) -> QuerySet[Any]:
        qs = QuerySet(self.through, using=alias or self.instance._state.db)
        return qs.filter(**{self._near.attname: self._key})

    def get_queryset(self) -> QuerySet[_M]:
        far_ids = self._links().values(self._far.attname).order_by()
        qs_class = default_queryset_class(self.model)
        qs = qs_class(self.model, using=self.instance._state.db)
        qs = qs.filter(**{f"{self._far.target_field.name}__in": far_ids})
        cached = self.instance._state.fields_cache.get(self._cache_name)
        if cached is not None:
            qs._result_cache = list(cached)
        return qs

    # -- cores ----------------------------------------------------------------------------------

    def _alias(self) -> str:
        return self.instance._state.db or router.db_for_write(self.through, instance=self.instance)

    def _far_keys(self, objs: Iterable[Any], action: str) -> list[Any]:
        target_field = self._far.target_field
        keys: list[Any] = []
        for obj in objs:
            if isinstance(obj, self.model):
                value = getattr(obj, target_field.attname)
                if value is None:
                    raise ValueError(
                        f"Cannot {action} {obj!r}: it has no primary key yet; save it first."
                    )
            elif isinstance(obj, related_model_base()):
                raise TypeError(
                    f"{self.field.name}.{action}() takes {self.model.__name__} instances or "
                    f"their keys, not {obj!r}."
                )
            else:
                value = target_field.to_python(obj)
            if value not in keys:
                keys.append(value)
        return keys

    def _send(self, action: str, pk_set: set[Any] | None, alias: str) -> Core[None]:
        if signals.m2m_changed.has_listeners(self.through):
            kwargs = {
                "instance": self.instance,
                "action": action,
                "reverse": self.is_reverse,
                "model": self.model,
                "pk_set": pk_set,
                "using": alias,
            }
            yield Send(signals.m2m_changed, self.through, kwargs)
        return None

    def _current(self, alias: str, keys: list[Any] | None) -> Core[list[Any]]:
        links = self._links(alias)
        if keys is not None:
            links = links.filter(**{f"{self._far.attname}__in": keys})
        found: list[Any] = yield from links.values_list(self._far.attname, flat=True)._fetch()
        return found

    def _add_rows(
        self,
        keys: list[Any],
        through_defaults: dict[str, Any] | None,
        alias: str,
        # cycle: query -> m2m
    ) -> Core[None]:
        from .persistence import bulk_insert_core

        existing = set((yield from self._current(alias, keys))) if keys else set()
        missing = [k for k in keys if k not in existing]
        yield from self._send("pre_add", set(missing), alias)
        if missing:
            defaults = dict(through_defaults or {})
            rows = [
                self.through(**defaults, **{self._near.attname: self._key, self._far.attname: k})
                for k in missing
            ]
            yield from bulk_insert_core(self.through, rows, alias, None)
        if self._symmetrical:
            yield from self._add_mirrors(keys, through_defaults, alias)
        yield from self._send("post_add", set(missing), alias)
        return None

    def _add_mirrors(
        self, keys: list[Any], through_defaults: dict[str, Any] | None, alias: str
    ) -> Core[None]:
        """A symmetrical link (``friends``) also needs the row pointing back."""
        # cycle: query -> m2m
        from .persistence import bulk_insert_core

        near, far = self._near.attname, self._far.attname
        others = [k for k in keys if k != self._key]
        if not others:
            return None
        back = QuerySet(self.through, using=alias).filter(**{far: self._key, f"{near}__in": others})
        present = set((yield from back.values_list(near, flat=True)._fetch()))
        defaults = dict(through_defaults or {})
        rows = [
            self.through(**defaults, **{near: k, far: self._key})
            for k in others
            if k not in present
        ]
        if rows:
            yield from bulk_insert_core(self.through, rows, alias, None)
        return None

    def _remove_rows(self, keys: list[Any], alias: str) -> Core[None]:
        # cycle: query -> m2m
        from .persistence import delete_core

        yield from self._send("pre_remove", set(keys), alias)
        if keys:
            near, far = self._near.attname, self._far.attname
            where = Q(**{near: self._key, f"{far}__in": keys})
            if self._symmetrical:
                where |= Q(**{far: self._key, f"{near}__in": keys})
            yield from delete_core(Query(self.through, where=(where,)), alias)
        yield from self._send("post_remove", set(keys), alias)
        return None

    def _clear_rows(self, alias: str) -> Core[None]:
        # cycle: query -> m2m
        from .persistence import delete_core

        yield from self._send("pre_clear", None, alias)
        where = Q(**{self._near.attname: self._key})
        if self._symmetrical:
            where |= Q(**{self._far.attname: self._key})
        yield from delete_core(Query(self.through, where=(where,)), alias)
        yield from self._send("post_clear", None, alias)
        return None

    def _atomic(self, core: Core[Any]) -> Core[Any]:
        self.instance._state.fields_cache.pop(self._cache_name, None)
        result = yield Atomic(self._alias(), core)
        return result

    def _add(self, objs: tuple[Any, ...], through_defaults: dict[str, Any] | None) -> Core[None]:
        keys = self._far_keys(objs, "add")
        yield from self._atomic(self._add_rows(keys, through_defaults, self._alias()))
        return None

    def _remove(self, objs: tuple[Any, ...]) -> Core[None]:
        keys = self._far_keys(objs, "remove")
        yield from self._atomic(self._remove_rows(keys, self._alias()))
        return None

    def _clear(self) -> Core[None]:
        yield from self._atomic(self._clear_rows(self._alias()))
        return None

    def _set(
        self, objs: Iterable[Any], clear: bool, through_defaults: dict[str, Any] | None
    ) -> Core[None]:
        keys = self._far_keys(objs, "set")
        alias = self._alias()

        def inner() -> Core[None]:
            if clear:
                yield from self._clear_rows(alias)
                yield from self._add_rows(keys, through_defaults, alias)
                return None
            current = yield from self._current(alias, None)
            wanted = set(keys)
            yield from self._remove_rows([k for k in current if k not in wanted], alias)
            yield from self._add_rows(keys, through_defaults, alias)
            return None

        yield from self._atomic(inner())
        return None

    def _create(self, kwargs: dict[str, Any], through_defaults: dict[str, Any] | None) -> Core[_M]:
        alias = self._alias()

        def inner() -> Core[_M]:
            obj: _M = yield from QuerySet(self.model, using=alias)._create(kwargs)
            yield from self._add_rows(self._far_keys([obj], "add"), through_defaults, alias)
            return obj

        created: _M = yield from self._atomic(inner())
        return created

    def _get_or_create(
        self,
        defaults: dict[str, Any] | None,
        kwargs: dict[str, Any],
        through_defaults: dict[str, Any] | None,
    ) -> Core[tuple[_M, bool]]:
        alias = self._alias()

        def inner() -> Core[tuple[_M, bool]]:
            qs = QuerySet(self.model, using=alias)
            obj, created = yield from qs._get_or_create(defaults, kwargs)
            if created:
                yield from self._add_rows(self._far_keys([obj], "add"), through_defaults, alias)
            return obj, created

        result: tuple[_M, bool] = yield from self._atomic(inner())
        return result

    # -- sync shells ----------------------------------------------------------------------------

    def add(self, *objs: _M | Any, through_defaults: dict[str, Any] | None = None) -> None:
        run_sync(self._add(objs, through_defaults))

    def remove(self, *objs: _M | Any) -> None:
        run_sync(self._remove(objs))

    def clear(self) -> None:
        run_sync(self._clear())

    def set(
        self,
        objs: Iterable[_M | Any],
        *,
        clear: bool = False,
        through_defaults: dict[str, Any] | None = None,
    ) -> None:
        run_sync(self._set(objs, clear, through_defaults))

    def create(self, *, through_defaults: dict[str, Any] | None = None, **kwargs: Any) -> _M:
        return run_sync(self._create(kwargs, through_defaults))

    def get_or_create(
        self,
        defaults: dict[str, Any] | None = None,
        *,
        through_defaults: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> tuple[_M, bool]:
        return run_sync(self._get_or_create(defaults, kwargs, through_defaults))

    # -- async shells ---------------------------------------------------------------------------

    async def aadd(self, *objs: _M | Any, through_defaults: dict[str, Any] | None = None) -> None:
        await run_async(self._add(objs, through_defaults))

    async def aremove(self, *objs: _M | Any) -> None:
        await run_async(self._remove(objs))

    async def aclear(self) -> None:
        await run_async(self._clear())

    async def aset(
        self,
        objs: Iterable[_M | Any],
        *,
        clear: bool = False,
        through_defaults: dict[str, Any] | None = None,
    ) -> None:
        await run_async(self._set(objs, clear, through_defaults))

    async def acreate(self, *, through_defaults: dict[str, Any] | None = None, **kwargs: Any) -> _M:
        return await run_async(self._create(kwargs, through_defaults))

    async def aget_or_create(
        self,
        defaults: dict[str, Any] | None = None,
        *,
        through_defaults: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> tuple[_M, bool]:
        return await run_async(self._get_or_create(defaults, kwargs, through_defaults))


def related_model_base() -> type[Model]:
    # cycle: db.models -> query -> m2m
    from ..base import Model

    return Model


related.many_manager_class = ManyManager
