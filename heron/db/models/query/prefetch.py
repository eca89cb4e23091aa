"""``prefetch_related()``: load the related rows of a whole result list, one query per level.

A lookup is a path of relation names (``"choices"``, ``"tags"``, ``"question__author"``,
``"choices__votes"``) or a ``Prefetch(lookup, queryset=..., to_attr=...)``. Each hop is one
of:

- a forward ``ForeignKey`` / ``OneToOneField``: ``WHERE pk IN (...)`` on the target, cached
  where ``choice.question`` reads it;
- a reverse foreign key (``question.choices``): ``WHERE question_id IN (...)``, kept as the
  result of ``question.choices.all()``; a reverse one-to-one is cached as the instance;
- a many-to-many, either side (``question.tags``, ``tag.questions``): the through rows of
  the instances, then the far rows (two queries), kept as ``question.tags.all()``.

``to_attr`` stores the list (or the instance, for a forward key) on that attribute instead.
``prefetch_core`` is a core (see ``plan``): the sync and async QuerySet shells both run it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..exceptions import FieldError
from ..fields.related import ForeignKey
from ..related import Relation
from .joins import many_sides
from .plan import Core

if TYPE_CHECKING:
    from ..base import Model
    from .queryset import QuerySet

__all__ = ["Prefetch", "check_lookup", "normalize", "prefetch_core"]


class Prefetch:
    """``Prefetch("choices", queryset=Choice.objects.filter(votes__gt=0), to_attr="hot")``."""

    def __init__(
        self, lookup: str, queryset: QuerySet[Any] | None = None, to_attr: str | None = None
    ) -> None:
        if not isinstance(lookup, str) or not lookup:
            raise TypeError(f"Prefetch() takes a lookup such as 'choices', not {lookup!r}.")
        if queryset is not None:
            # cycle: query -> prefetch
            from .queryset import QuerySet

            if not isinstance(queryset, QuerySet) or queryset.query.mode != "model":
                raise TypeError(
                    "Prefetch(queryset=...) takes a QuerySet of model instances (no values())."
                )
            if queryset.query.is_sliced:
                raise ValueError("Prefetch(queryset=...) cannot be sliced.")
        if to_attr is not None and not (isinstance(to_attr, str) and to_attr.isidentifier()):
            raise FieldError(
                f"Prefetch(to_attr={to_attr!r}) is not a valid attribute name: use letters, "
                "digits and underscores, not starting with a digit."
            )
        self.lookup = lookup
        self.queryset = queryset
        self.to_attr = to_attr

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Prefetch) and other.lookup == self.lookup

    def __hash__(self) -> int:
        return hash((Prefetch, self.lookup))

    def __repr__(self) -> str:
        return f"<Prefetch {self.lookup!r}>"


def normalize(lookups: Sequence[Any]) -> list[Prefetch]:
    """Strings become ``Prefetch`` objects; a later duplicate of a lookup is dropped."""
    found: dict[str, Prefetch] = {}
    for item in lookups:
        pf = item if isinstance(item, Prefetch) else Prefetch(item)
        key = pf.to_attr or pf.lookup
        if key in found and isinstance(item, Prefetch) and found[key] is not pf:
            raise ValueError(f"prefetch_related(): lookup {key!r} was given twice.")
        found.setdefault(key, pf)
    return list(found.values())


def _hop(model: type[Model], part: str, lookup: str) -> tuple[str, Any, type[Model]]:
    """Return ``(kind, field_or_relation, next model)`` for the relation ``part`` of ``model``."""
    opts = model._meta
    for field in opts.fields:
        if field.name == part and isinstance(field, ForeignKey):
            return "forward", field, field.related_model
    for field in opts.many_to_many:
        if field.name == part:
            return "many", field, many_sides(field).target
    for rel in opts.related_objects:
        if rel.accessor_name == part:
            if rel.many_to_many:
                return "many", rel, rel.related_model
            return ("one" if rel.one_to_one else "reverse"), rel, rel.related_model
    choices = [f.name for f in opts.fields if isinstance(f, ForeignKey)]
    choices += [f.name for f in opts.many_to_many]
    choices += [r.accessor_name for r in opts.related_objects]
    raise FieldError(
        f"Invalid lookup {lookup!r} in prefetch_related(): {opts.object_name} has no relation "
        f"{part!r}. Choices are: {', '.join(sorted(choices)) or '(none)'}."
    )


def check_lookup(model: type[Model], lookup: Prefetch) -> None:
    """Validate every hop of ``lookup`` now (``FieldError`` at the call site)."""
    current = model
    for part in lookup.lookup.split("__"):
        current = _hop(current, part, lookup.lookup)[2]
    qs = lookup.queryset
    if qs is not None and qs.model is not current:
        raise ValueError(
            f"Prefetch({lookup.lookup!r}) needs a QuerySet of {current.__name__}, not of "
            f"{qs.model.__name__}."
        )


def _cache_key(kind: str, rel: Any) -> str:
    if kind == "forward":
        return str(rel.name)
    if kind == "one":
        return str(rel.accessor_name)
    name = rel.accessor_name if isinstance(rel, Relation) else rel.name
    return f"prefetch:{name}"


def _loaded(objs: list[Any], key: str) -> bool:
    return all(key in obj._state.fields_cache for obj in objs)


def _next_level(objs: list[Any], kind: str, key: str, to_attr: str | None) -> list[Any]:
    out: list[Any] = []
    for obj in objs:
        value = getattr(obj, to_attr) if to_attr else obj._state.fields_cache.get(key)
        if isinstance(value, list):
            out.extend(value)
        elif value is not None:
            out.append(value)
    return out


def prefetch_core(instances: list[Any], lookups: Sequence[Any], alias: str) -> Core[None]:
    """Run every prefetch lookup over ``instances`` (all of one model)."""
    for pf in normalize(lookups):
        yield from _prefetch_one(instances, pf, alias)
    return None


def _prefetch_one(instances: list[Any], pf: Prefetch, alias: str) -> Core[None]:
    parts = pf.lookup.split("__")
    level = instances
    for depth, part in enumerate(parts):
        level = [obj for obj in level if obj is not None]
        if not level:
            return None
        kind, rel, _ = _hop(type(level[0]), part, pf.lookup)
        last = depth == len(parts) - 1
        key = _cache_key(kind, rel)
        custom = last and (pf.queryset is not None or pf.to_attr is not None)
        if custom or not _loaded(level, key):
            base = pf.queryset if last else None
            to_attr = pf.to_attr if last else None
            yield from _FETCHERS[kind](level, rel, key, base, to_attr, alias)
            level = _next_level(level, kind, key, to_attr)
        else:
            level = _next_level(level, kind, key, None)
    return None


def _queryset(model: type[Model], base: QuerySet[Any] | None, alias: str) -> QuerySet[Any]:
    # cycle: query -> prefetch
    from .queryset import QuerySet

    if base is None:
        return QuerySet(model, using=alias)
    return base if base._db is not None else base.using(alias)


def _fetch(qs: QuerySet[Any]) -> Core[list[Any]]:
    rows: list[Any] = yield from qs._chain()._fetch()
    return rows


def _forward(
    objs: list[Any], fk: Any, key: str, base: QuerySet[Any] | None, to_attr: str | None, alias: str
) -> Core[None]:
    target_attname = fk.target_field.attname
    keys = {obj.__dict__.get(fk.attname) for obj in objs} - {None}
    found: dict[Any, Any] = {}
    if keys:
        qs = _queryset(fk.related_model, base, alias)
        lookup = {f"{fk.target_field.name}__in": sorted(keys, key=repr)}
        for item in (yield from _fetch(qs.filter(**lookup))):
            found[item.__dict__[target_attname]] = item
    for obj in objs:
        value = found.get(obj.__dict__.get(fk.attname))
        if to_attr:
            setattr(obj, to_attr, value)
        else:
            obj._state.fields_cache[key] = value
    return None


def _reverse(
    objs: list[Any],
    rel: Relation,
    key: str,
    base: QuerySet[Any] | None,
    to_attr: str | None,
    alias: str,
) -> Core[None]:
    fk: ForeignKey[Any] = rel.field  # type: ignore[assignment]
    source = fk.target_field.attname
    keys = {getattr(obj, source) for obj in objs} - {None}
    groups: dict[Any, list[Any]] = {}
    if keys:
        qs = _queryset(rel.related_model, base, alias)
        rows = yield from _fetch(qs.filter(**{f"{fk.name}__in": sorted(keys, key=repr)}))
        for item in rows:
            groups.setdefault(item.__dict__[fk.attname], []).append(item)
    for obj in objs:
        items = groups.get(getattr(obj, source), [])
        for item in items:
            item._state.fields_cache[fk.name] = obj
        if rel.one_to_one:
            value: Any = items[0] if items else None
        else:
            value = items
        if to_attr:
            setattr(obj, to_attr, value)
        else:
            obj._state.fields_cache[key] = value
    return None


def _many(
    objs: list[Any],
    rel: Any,
    key: str,
    base: QuerySet[Any] | None,
    to_attr: str | None,
    alias: str,
    # cycle: query -> prefetch
) -> Core[None]:
    from .queryset import QuerySet

    sides = many_sides(rel)
    near, far = sides.near, sides.far
    source = near.target_field.attname
    keys = {getattr(obj, source) for obj in objs} - {None}
    groups: dict[Any, list[Any]] = {}
    if keys:
        links = QuerySet(sides.through, using=alias).filter(
            **{f"{near.attname}__in": sorted(keys, key=repr)}
        )
        pairs = yield from _fetch(links.values_list(near.attname, far.attname).order_by())
        owners: dict[Any, list[Any]] = {}
        for near_key, far_key in pairs:
            owners.setdefault(far_key, []).append(near_key)
        if owners:
            qs = _queryset(sides.target, base, alias)
            lookup = {f"{far.target_field.name}__in": sorted(owners, key=repr)}
            for item in (yield from _fetch(qs.filter(**lookup))):
                for near_key in owners.get(item.__dict__[far.target_field.attname], ()):
                    groups.setdefault(near_key, []).append(item)
    for obj in objs:
        items = groups.get(getattr(obj, source), [])
        if to_attr:
            setattr(obj, to_attr, items)
        else:
            obj._state.fields_cache[key] = items
    return None


_FETCHERS: dict[str, Any] = {
    "forward": _forward,
    "reverse": _reverse,
    "one": _reverse,
    "many": _many,
}
