"""What deleting some rows would remove, shown before it happens.

``plan_deletion`` walks the reverse foreign keys the way the ORM's delete does (cascades
followed, ``SET_NULL``/``SET_DEFAULT``/``SET`` rows left in place, ``DO_NOTHING`` ignored)
and reports the rows a cascade removes and the ``PROTECT``/``RESTRICT`` rows that block it.
It only reads; the delete itself is the ORM's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["DeletionPlan", "plan_deletion"]

SHOWN_PER_MODEL = 100


@dataclass
class DeletionPlan:
    """``removed``: ``{verbose_name_plural: [str(obj), ...]}`` (the objects themselves first);
    ``counts``: rows per model; ``protected``: the rows that refuse the delete."""

    removed: dict[str, list[str]] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    protected: list[str] = field(default_factory=list)

    @property
    def blocked(self) -> bool:
        return bool(self.protected)


def plan_deletion(objs: list[Any]) -> DeletionPlan:
    """Describe what deleting ``objs`` (all of one model) would remove or be blocked by."""
    plan = DeletionPlan()
    if objs:
        _walk(type(objs[0]), objs, plan, set())
    return plan


def _walk(model: Any, objs: list[Any], plan: DeletionPlan, seen: set[tuple[Any, Any]]) -> None:
    objs = [o for o in objs if (model, o.pk) not in seen]
    if not objs:
        return
    seen.update((model, o.pk) for o in objs)
    name = str(model._meta.verbose_name_plural)
    plan.counts[name] = plan.counts.get(name, 0) + len(objs)
    shown = plan.removed.setdefault(name, [])
    shown.extend(str(o) for o in objs[: max(0, SHOWN_PER_MODEL - len(shown))])
    for relation in model._meta.get_relations(include_hidden=True):
        if relation.many_to_many:
            continue
        action = getattr(relation.on_delete, "name", "CASCADE")
        if action not in ("CASCADE", "PROTECT", "RESTRICT"):
            continue
        fk = relation.field
        targets = [getattr(o, fk.target_field.attname) for o in objs]
        found = list(relation.related_model.objects.filter(**{f"{fk.name}__in": targets}))
        if not found:
            continue
        if action == "CASCADE":
            _walk(relation.related_model, found, plan, seen)
        else:
            label = str(relation.related_model._meta.verbose_name)
            plan.protected.extend(f"{label}: {o}" for o in found[:SHOWN_PER_MODEL])
