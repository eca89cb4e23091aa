"""Joins beyond one foreign key hop: many-to-many paths and ``select_related`` chains.

``join_many`` is called by ``compiler.Resolver.resolve`` when a path crosses a
``ManyToManyField`` (``Question.objects.filter(tags__name="x")``) or its reverse side
(``Tag.objects.filter(question__question_text="x")``): it joins the through table and, unless
the path stops at the far primary key, the far table.

``related_steps`` expands ``select_related("question__author")`` into the foreign keys to
join, parents first; ``add_related_columns`` joins them and appends their columns to a
SELECT, and ``attach_related`` builds the related instances from a row into each parent's
``fields_cache``. All pure: no query runs here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ..exceptions import FieldError
from ..fields.related import ForeignKey
from ..related import Relation

if TYPE_CHECKING:
    from ..base import Model
    from ..fields.related import ManyToManyField
    from .compiler import Resolver

__all__ = [
    "RelatedStep",
    "crosses_many",
    "add_related_columns",
    "attach_related",
    "join_many",
    "many_sides",
    "related_steps",
]


class ManySides(NamedTuple):
    """A many-to-many hop seen from one side: the through model and its two keys."""

    field: ManyToManyField[Any]
    through: type[Model]
    near: ForeignKey[Any]  # the through key pointing at the side we come from
    far: ForeignKey[Any]  # the through key pointing at the side we go to
    target: type[Model]


def many_sides(field: Any) -> ManySides:
    """``field`` is a ``ManyToManyField`` (forward) or its reverse ``Relation``."""
    if isinstance(field, Relation):
        m2m: ManyToManyField[Any] = field.field  # type: ignore[assignment]
        near_name, far_name, target = m2m.m2m_target_name, m2m.m2m_source_name, m2m.model
    else:
        m2m = field
        near_name, far_name, target = m2m.m2m_source_name, m2m.m2m_target_name, m2m.related_model
    through = m2m.through
    opts = through._meta
    return ManySides(m2m, through, opts.get_field(near_name), opts.get_field(far_name), target)


def join_many(
    resolver: Resolver, path: tuple[str, ...], table: Any, field: Any, rest: list[str]
) -> tuple[Any, Any, type[Model], list[str]]:
    """Join the through table (and the far table unless not needed).

    Returns ``(table, key, model, rest)``. When the path ends at the far primary key
    (``tags``, ``tags__in``, ``tags__pk__gt``), ``key`` is the through table's foreign key
    to the far side, ``table`` the through table (no second join) and ``rest`` the lookup
    left; otherwise ``key`` is None, ``table`` the far table and ``model`` the far model to
    continue from.
    """
    from .lookups import LOOKUPS  # SQLAlchemy: imported on first query, not with the models

    sides = many_sides(field)
    near, far = sides.near, sides.far
    src = table

    def on_near(alias: Any) -> Any:
        return alias.c[near.column] == src.c[near.target_field.column]

    link = resolver._join((*path, "+"), table, sides.through, on_near, True)
    pk_names = ("pk", far.target_field.name, far.target_field.attname)
    if not rest or rest[0] in LOOKUPS:
        return link, far, sides.target, rest
    if (
        rest[0] in pk_names
        and far.target_field.primary_key
        and (len(rest) == 1 or rest[1] in LOOKUPS)
    ):
        return link, far, sides.target, rest[1:]

    def on_far(alias: Any) -> Any:
        return alias.c[far.target_field.column] == link.c[far.column]

    joined = resolver._join(path, link, sides.target, on_far, True)
    return joined, None, sides.target, rest


def crosses_many(model: type[Model], q: Any) -> bool:
    """Whether a lookup of ``q`` follows a many-to-many or a reverse foreign key, where
    ``exclude()`` must mean "no related row matches" rather than "some row does not"."""
    # cycle: query -> m2m -> joins
    from .expressions import Q

    for child in q.children:
        if isinstance(child, Q):
            if crosses_many(model, child):
                return True
        elif isinstance(child, tuple) and _path_crosses_many(model, child[0]):
            return True
    return False


def _path_crosses_many(model: type[Model], key: str) -> bool:
    current = model
    for part in key.split("__"):
        try:
            field = current._meta.get_field(part)
        except Exception:
            return False  # a lookup, a transform or an annotation: the path ends here
        if getattr(field, "many_to_many", False):
            return True
        if isinstance(field, Relation):
            if field.multiple:
                return True
            current = field.related_model
        elif isinstance(field, ForeignKey):
            current = field.related_model
        else:
            return False
    return False


class RelatedStep(NamedTuple):
    """One foreign key of a ``select_related`` chain (``path`` from the queried model)."""

    path: tuple[str, ...]
    fk: ForeignKey[Any]
    target: type[Model]


def related_steps(model: type[Model], names: Sequence[str]) -> list[RelatedStep]:
    """The foreign keys ``names`` (``"question"``, ``"question__author"``) walk, parents first."""
    steps: dict[tuple[str, ...], RelatedStep] = {}
    for name in names:
        current = model
        path: tuple[str, ...] = ()
        for part in name.split("__"):
            opts = current._meta
            fks = [f for f in opts.fields if isinstance(f, ForeignKey)]
            fk = next((f for f in fks if f.name == part), None)
            if fk is None:
                raise FieldError(
                    f"Invalid field name {part!r} in select_related({name!r}): "
                    f"{opts.object_name} has no foreign key {part!r}. Choices are: "
                    f"{', '.join(sorted(f.name for f in fks)) or '(none)'}."
                )
            path = (*path, part)
            if path not in steps:
                steps[path] = RelatedStep(path, fk, fk.related_model)
            current = fk.related_model
    return list(steps.values())


def add_related_columns(
    resolver: Resolver, steps: Sequence[RelatedStep], columns: list[Any]
) -> list[Any]:
    """Join each step's table (LEFT OUTER) and append its columns; return their fields."""
    fields: list[Any] = []
    for step in steps:
        parent = resolver.base if len(step.path) == 1 else resolver.joins[step.path[:-1]][0]

        def on(alias: Any, f: ForeignKey[Any] = step.fk, b: Any = parent) -> Any:
            return b.c[f.column] == alias.c[f.target_field.column]

        table = resolver._join(step.path, parent, step.target, on, True)
        for f in step.target._meta.fields:
            fields.append(f)
            columns.append(table.c[f.column])
    return fields


def attach_related(
    obj: Model, row: Sequence[Any], start: int, steps: Sequence[RelatedStep], alias: str
) -> None:
    """Build the related instances of ``row[start:]`` and cache them on their parents."""
    built: dict[tuple[str, ...], Any] = {(): obj}
    for step in steps:
        target = step.target
        names = tuple(target._meta.attnames)
        part = row[start : start + len(names)]
        start += len(names)
        parent = built.get(step.path[:-1])
        if parent is None:
            built[step.path] = None
            continue
        pk_value = part[names.index(target._meta.pk_attname)]
        rel = None if pk_value is None else target.from_db(names, part, alias)
        built[step.path] = rel
        parent._state.fields_cache[step.fk.name] = rel
