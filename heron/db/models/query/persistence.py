"""Instance persistence as cores: save, delete (with a small on_delete collector), refresh,
bulk insert, prefetch; and the relation loaders the model layer calls.

After ``save()`` a field that was assigned an expression (``choice.votes = F("votes") + 1``)
is removed from the instance, so it reads as deferred: the next read of ``choice.votes``
fetches the new value (sync code), or call ``await choice.arefresh_from_db()``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from heron.db import connections
from heron.db.exceptions import DatabaseError
from heron.db.routers import router

from .. import signals
from ..deletion import ProtectedError, RestrictedError
from ..fields.related import ForeignKey
from ..related import Relation
from .expressions import Combinable, Q
from .plan import Core, Query, Send, run_sync

if TYPE_CHECKING:
    from heron.db.backends.base.wrapper import DatabaseWrapper

    from ..base import Model
    from ..fields.base import Field

__all__ = [
    "bulk_insert_core",
    "delete_core",
    "delete_instance_core",
    "load_deferred_field",
    "load_relation",
    "prefetch",
    "refresh_core",
    "save_core",
]

DELETE_BATCH = 500


def _wrapper(alias: str) -> DatabaseWrapper:
    return connections[alias]


def _alias(instance: Model, using: str | None, *, write: bool = False) -> str:
    """``using``, else the router's choice (by default the instance's own database)."""
    if using:
        return using

    if write:
        return router.db_for_write(type(instance), instance=instance)
    return router.db_for_read(type(instance), instance=instance)


def _sync_fk_ids(instance: Model) -> None:
    for field in instance._meta.fields:
        if isinstance(field, ForeignKey) and instance.__dict__.get(field.attname) is None:
            cached = instance._state.fields_cache.get(field.name)
            if cached is not None:
                if cached.pk is None:
                    raise ValueError(
                        f"save() prohibited: {type(instance).__name__}.{field.name} is the "
                        f"unsaved {cached!r}; save it first."
                    )
                instance.__dict__[field.attname] = cached.pk


def _auto_pk(model: type[Model]) -> bool:
    # cycle: db.models -> query -> persistence
    from ..fields.numeric import AutoField

    return isinstance(model._meta.pk, AutoField)


def save_core(
    instance: Model,
    using: str | None = None,
    *,
    force_insert: bool = False,
    force_update: bool = False,
    update_fields: Sequence[str] | None = None,
) -> Core[None]:
    """INSERT or UPDATE ``instance`` (see ``Model.save``)."""
    # cycle: query -> persistence
    from . import compiler, writes

    cls = type(instance)
    opts = cls._meta
    alias = _alias(instance, using, write=True)
    wrapper = _wrapper(alias)
    vendor = wrapper.vendor
    if force_insert and (force_update or update_fields):
        raise ValueError("Cannot force both insert and updating in model saving.")
    if update_fields is not None:
        known = {f.name for f in opts.fields} | {f.attname for f in opts.fields}
        unknown = [n for n in update_fields if n not in known]
        if unknown:
            raise ValueError(
                f"update_fields: {', '.join(map(repr, unknown))} are not fields of "
                f"{opts.object_name}. Choices are: {', '.join(opts.field_names)}."
            )
        if not update_fields:
            return None
    _sync_fk_ids(instance)
    fields_arg = None if update_fields is None else frozenset(update_fields)
    if signals.pre_save.has_listeners(cls):
        yield Send(
            signals.pre_save,
            cls,
            {"instance": instance, "raw": False, "using": alias, "update_fields": fields_arg},
        )
    pk_value = instance.pk
    updated = False
    expressions: list[Field[Any]] = []
    # A new instance whose pk came from a default (UUID...) is inserted directly; one with
    # an explicit pk tries UPDATE first and inserts when no row matched.
    try_update = (
        not instance._state.adding
        or force_update
        or update_fields is not None
        or not opts.pk.has_default()
    )
    if not force_insert and pk_value is not None and try_update:
        chosen = [
            f
            for f in opts.fields
            if not f.primary_key
            and (fields_arg is None or f.name in fields_arg or f.attname in fields_arg)
        ]
        values = {f.name: f.pre_save(instance, False) for f in chosen}
        expressions = [f for f in chosen if isinstance(values[f.name], Combinable)]
        count = 0
        if values:
            count = yield writes.update_plan(Query(cls), values, alias, wrapper, [pk_value])
        else:
            count = yield compiler.count_plan(Query(cls, where=(Q(pk=pk_value),)), alias, wrapper)
        if not count and wrapper.vendor == "mysql":
            # MySQL counts *changed* rows: an UPDATE that rewrites equal values returns 0.
            query = Query(cls, where=(Q(pk=pk_value),))
            count = yield compiler.count_plan(query, alias, wrapper)
        updated = count > 0
        if not updated and (force_update or update_fields is not None):
            raise DatabaseError(
                f"Save of {instance!r} with update_fields/force_update did not affect any rows."
            )
    if not updated:
        need_pk = pk_value is None and _auto_pk(cls)
        chosen = [f for f in opts.fields if not (need_pk and f.primary_key)]
        row = []
        for f in chosen:
            value = f.pre_save(instance, True)
            if isinstance(value, Combinable):
                raise TypeError(
                    f"Cannot insert {f.name}={value!r}: expressions only work on update."
                )
            row.append(f.get_db_prep_value(value, vendor))
        returning = need_pk and not wrapper.features.has_lastrowid
        result = yield writes.insert_plan(
            cls, chosen, [row], alias, wrapper, returning=returning, lastrowid=need_pk
        )
        if need_pk:
            instance.pk = result[0] if returning else result
    for f in expressions:
        instance.__dict__.pop(f.attname, None)  # now deferred: the next read fetches it
    instance._state.adding = False
    instance._state.db = alias
    if signals.post_save.has_listeners(cls):
        yield Send(
            signals.post_save,
            cls,
            {
                "instance": instance,
                "created": not updated,
                "raw": False,
                "using": alias,
                "update_fields": fields_arg,
            },
        )
    return None


def bulk_insert_core(
    model: type[Model], objs: Sequence[Any], alias: str, batch_size: int | None
) -> Core[list[Any]]:
    """INSERT ``objs`` in batches; set their pks where the backend returns them.

    Rows whose pk is known go out with ``executemany`` of one cached one-row INSERT. Rows
    that need an auto pk go out as multi-row ``INSERT ... VALUES (...), (...) RETURNING pk``
    batches (SQL cached per batch size) where the backend can return rows; elsewhere
    (MySQL/MariaDB) with ``executemany``, and their pks are not set. No signals are sent
    (as in Django).
    """
    # cycle: query -> persistence
    from . import writes

    wrapper = _wrapper(alias)
    opts = model._meta
    vendor = wrapper.vendor
    auto = _auto_pk(model)
    if any(isinstance(f, ForeignKey) for f in opts.fields):
        for obj in objs:
            _sync_fk_ids(obj)
    pk_attname = opts.pk_attname
    if auto:
        with_pk = [o for o in objs if o.__dict__.get(pk_attname) is not None]
        without_pk = [o for o in objs if o.__dict__.get(pk_attname) is None]
    else:
        with_pk, without_pk = list(objs), []
    limit = wrapper.features.max_query_params
    for group, need_pk in ((with_pk, False), (without_pk, True)):
        if not group:
            continue
        fields = [f for f in opts.fields if not (need_pk and f.primary_key)]
        returning = need_pk and wrapper.features.can_return_rows_from_bulk_insert
        size = batch_size or len(group)
        if limit and returning:
            size = max(1, min(size, limit // max(1, len(fields))))
        if not fields:  # a model with nothing but its auto pk: one row of defaults each
            ret = not wrapper.features.has_lastrowid
            for o in group:
                result = yield writes.insert_plan(
                    model, [], [[]], alias, wrapper, returning=ret, lastrowid=True
                )
                o.pk = result[0] if ret else result
            continue
        if need_pk and not returning and vendor == "sqlite":
            # An old SQLite without RETURNING: one row at a time, each pk from lastrowid.
            for o in group:
                row = _insert_row(o, fields, vendor)
                o.pk = yield writes.insert_plan(
                    model, fields, [row], alias, wrapper, returning=False, lastrowid=True
                )
            continue
        for start in range(0, len(group), size):
            batch = group[start : start + size]
            rows = _prepare_rows(batch, fields, vendor)
            if returning:
                result = yield writes.insert_plan(
                    model, fields, rows, alias, wrapper, returning=True
                )
                for o, pk in zip(batch, result, strict=True):
                    o.__dict__[pk_attname] = pk
            else:
                yield writes.insert_plan(
                    model, fields, rows, alias, wrapper, returning=False, many=True
                )
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias
    return list(objs)


def _insert_row(obj: Any, fields: Sequence[Field[Any]], vendor: str) -> list[Any]:
    return [f.get_db_prep_value(f.pre_save(obj, True), vendor) for f in fields]


def _prepare_rows(objs: Sequence[Any], fields: Sequence[Field[Any]], vendor: str) -> list[Any]:
    """The database values of ``fields`` for each of ``objs``, as row tuples.

    Column by column: a field that does not override ``pre_save`` is read straight from
    each ``__dict__``, and one whose database value is the Python value is not converted."""
    # cycle: db.models -> query -> persistence
    from ..fields.base import Field as BaseField

    dicts = [o.__dict__ for o in objs]
    columns = []
    for f in fields:
        cls = type(f)
        if cls.pre_save is BaseField.pre_save:
            attname = f.attname
            values = [d.get(attname) for d in dicts]
        else:
            values = [f.pre_save(o, True) for o in objs]
        plain = (
            cls.get_db_prep_value is BaseField.get_db_prep_value
            and cls.get_prep_value is BaseField.get_prep_value
        )
        if not plain:
            to_db = f.get_db_prep_value
            values = [to_db(v, vendor) for v in values]
        columns.append(values)
    return list(zip(*columns, strict=True))


def _relations(model: type[Model]) -> list[Relation]:
    return [r for r in model._meta.get_relations(include_hidden=True) if not r.many_to_many]


# cycle: query -> persistence
def _collect(
    model: type[Model],
    objs: list[Any],
    alias: str,
    order: list[tuple[type[Model], list[Any]]],
    seen: set[tuple[type[Model], Any]],
) -> Core[None]:
    from . import compiler, writes

    wrapper = _wrapper(alias)
    objs = [o for o in objs if (model, o.pk) not in seen]
    if not objs:
        return None
    seen.update((model, o.pk) for o in objs)
    for rel in _relations(model):
        action = getattr(rel.on_delete, "name", "CASCADE")
        if action == "DO_NOTHING":
            continue
        fk: ForeignKey[Any] = rel.field  # type: ignore[assignment]
        related = rel.related_model
        targets = [getattr(o, fk.target_field.attname) for o in objs]
        query = Query(related, where=(Q(**{f"{fk.name}__in": targets}),), ordering=())
        found: list[Any] = yield compiler.select_plan(query, alias, wrapper)
        if not found:
            continue
        label = f"{related._meta.object_name}.{fk.name}"
        if action == "PROTECT":
            raise ProtectedError(
                f"Cannot delete {model._meta.object_name} rows: the protected foreign key "
                f"{label} points at them.",
                found,
            )
        if action == "RESTRICT":
            raise RestrictedError(
                f"Cannot delete {model._meta.object_name} rows: the restricted foreign key "
                f"{label} points at them.",
                found,
            )
        if action == "CASCADE":
            yield from _collect(related, found, alias, order, seen)
            continue
        if action == "SET_NULL":
            value = None
        elif action == "SET_DEFAULT":
            value = fk.get_default()
        else:
            value = rel.on_delete.resolve_value()  # type: ignore[union-attr]
        fk_pks = [o.pk for o in found]
        yield writes.update_plan(Query(related), {fk.name: value}, alias, wrapper, fk_pks)
    order.append((model, objs))
    return None


def delete_core(query: Query, alias: str) -> Core[tuple[int, dict[str, int]]]:
    """Delete the rows of ``query`` and what ``on_delete`` says; send the delete signals."""
    # cycle: query -> persistence
    from . import compiler, writes

    wrapper = _wrapper(alias)
    model = query.model
    listening = signals.pre_delete.has_listeners(model) or signals.post_delete.has_listeners(model)
    if not _relations(model) and not listening and not writes.needs_pk_fetch(query, wrapper):
        count: int = yield writes.delete_plan(query, alias, wrapper)
        return count, ({model._meta.label: count} if count else {})
    objs: list[Any] = yield compiler.select_plan(query.replace(ordering=()), alias, wrapper)
    return (yield from delete_objects_core(model, objs, alias))


def delete_objects_core(
    model: type[Model],
    objs: list[Any],
    alias: str,
    # cycle: query -> persistence
) -> Core[tuple[int, dict[str, int]]]:
    from . import writes

    wrapper = _wrapper(alias)
    order: list[tuple[type[Model], list[Any]]] = []
    yield from _collect(model, objs, alias, order, set())
    counts: dict[str, int] = {}
    for batch_model, batch in order:
        if signals.pre_delete.has_listeners(batch_model):
            for obj in batch:
                yield Send(signals.pre_delete, batch_model, {"instance": obj, "using": alias})
        deleted = 0
        for start in range(0, len(batch), DELETE_BATCH):
            pks = [o.pk for o in batch[start : start + DELETE_BATCH]]
            n: int = yield writes.delete_plan(Query(batch_model), alias, wrapper, pks)
            deleted += n
        if deleted:
            label = batch_model._meta.label
            counts[label] = counts.get(label, 0) + deleted
        if signals.post_delete.has_listeners(batch_model):
            for obj in batch:
                yield Send(signals.post_delete, batch_model, {"instance": obj, "using": alias})
    for _, batch in order:
        for obj in batch:
            obj.pk = None
    return sum(counts.values()), counts


def delete_instance_core(instance: Model, using: str | None) -> Core[tuple[int, dict[str, int]]]:
    if instance.pk is None:
        raise ValueError(f"{instance!r} cannot be deleted: its primary key is None.")
    alias = _alias(instance, using, write=True)
    return (yield from delete_objects_core(type(instance), [instance], alias))


def refresh_core(instance: Model, fields: Sequence[str] | None, using: str | None) -> Core[None]:
    """Reload ``fields`` (all by default) of ``instance`` from the database."""
    # cycle: query -> persistence
    from . import compiler

    cls = type(instance)
    opts = cls._meta
    alias = _alias(instance, using)
    chosen = [opts.get_field(n) for n in fields] if fields is not None else list(opts.fields)
    attnames = tuple(f.attname for f in chosen)
    query = Query(cls, where=(Q(pk=instance.pk),), ordering=(), fields=attnames, mode="tuple")
    rows: list[Any] = yield compiler.select_plan(query, alias, _wrapper(alias))
    if not rows:
        raise cls.DoesNotExist(f"{opts.object_name} matching query does not exist.")
    for field, value in zip(chosen, rows[0], strict=True):
        instance.__dict__[field.attname] = value
        instance._state.fields_cache.pop(field.name, None)
    if fields is None:
        instance._state.fields_cache.clear()
    instance._state.db = alias
    return None


def prefetch(instances: list[Any], name: str, alias: str) -> Core[None]:
    """Fill ``instances``' reverse foreign key ``name`` with one ``IN`` query."""
    # cycle: query -> persistence
    from . import compiler

    model = type(instances[0])
    rel = next(r for r in model._meta.related_objects if r.accessor_name == name)
    fk: ForeignKey[Any] = rel.field
    keys = {getattr(o, fk.target_field.attname) for o in instances}
    query = Query(rel.related_model, where=(Q(**{f"{fk.name}__in": sorted(keys, key=repr)}),))
    found: list[Any] = yield compiler.select_plan(query, alias, _wrapper(alias))
    groups: dict[Any, list[Any]] = {}
    for obj in found:
        groups.setdefault(obj.__dict__[fk.attname], []).append(obj)
    for instance in instances:
        items = groups.get(getattr(instance, fk.target_field.attname), [])
        for item in items:
            item._state.fields_cache[fk.name] = instance
        instance._state.fields_cache[f"prefetch:{name}"] = items
    return None


def load_relation(instance: Any, target: Any) -> Any:
    """``related.lazy_loader``: fetch a forward FK target or a reverse one-to-one instance."""
    # cycle: query -> persistence
    from .queryset import QuerySet

    alias = _alias(instance, None)
    if isinstance(target, ForeignKey):
        value = instance.__dict__.get(target.attname)
        if value is None:
            return None
        qs = QuerySet(target.related_model, using=alias)
        return qs.get(**{target.target_field.name: value})
    assert isinstance(target, Relation)
    fk: ForeignKey[Any] = target.field  # type: ignore[assignment]
    qs = QuerySet(target.related_model, using=alias)
    return qs.filter(**{fk.name: getattr(instance, fk.target_field.attname)}).first()


def load_deferred_field(instance: Any, field: Any) -> None:
    """``related.deferred_loader``: reload one field of ``instance``."""
    run_sync(refresh_core(instance, [field.attname], None))
