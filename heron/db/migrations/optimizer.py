"""Shorten a list of operations without changing what it does.

``optimize(operations, app_label)`` repeatedly looks for two operations that can be merged
(``CreateModel`` then ``AddField`` on it: one ``CreateModel``; ``AddField`` then
``RemoveField`` of the same field: nothing) and that may be brought together: every
operation between them must be independent of one of the pair (touch neither its model nor
its fields). It stops when no pair merges.

The merge rules are the table ``RULES``: ``(type of first, type of second) -> function``;
a rule returns the replacement list, or None when this particular pair does not merge (for
example ``AddField`` then ``RemoveField`` of a *different* field). ``RunPython``, ``RunSQL``
and ``SeparateDatabaseAndState`` are opaque: nothing moves across them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from . import operations as ops
from .operations.models import ALTER_OPTION_KEYS

__all__ = ["RULES", "independent", "optimize", "reduce_pair"]

Rule = Callable[[Any, Any], list[Any] | None]


def _same(a: str, b: str) -> bool:
    return a.lower() == b.lower()


# -- helpers that rebuild a CreateModel --------------------------------------------------------


def _create(base: Any, **changes: Any) -> Any:
    values = {
        "name": base.name,
        "fields": list(base.fields),
        "options": dict(base.options),
        "bases": base.bases,
    }
    if getattr(base, "managers", None):
        values["managers"] = base.managers
    values.update(changes)
    return ops.CreateModel(**values)


def _rename_in_options(options: dict[str, Any], old: str, new: str) -> dict[str, Any]:
    options = dict(options)
    together = options.get("unique_together")
    if together:
        options["unique_together"] = [
            tuple(new if name == old else name for name in group) for group in together
        ]
    return options


def _drop_from_options(options: dict[str, Any], name: str) -> dict[str, Any] | None:
    """Return options without field ``name``; None when an index or constraint still uses it."""
    options = dict(options)
    together = options.get("unique_together")
    if together:
        groups = [tuple(n for n in group if n != name) for group in together]
        options["unique_together"] = [g for g in groups if len(g) > 1]
        if not options["unique_together"]:
            del options["unique_together"]
    for key in ("indexes", "constraints"):
        for item in options.get(key, ()):
            used = item.field_names() if hasattr(item, "field_names") else []
            if name in used:
                return None
    return options


# -- the rules -------------------------------------------------------------------------------


def create_delete(a: Any, b: Any) -> list[Any] | None:
    return [] if _same(a.name, b.name) else None


def create_rename_model(a: Any, b: Any) -> list[Any] | None:
    return [_create(a, name=b.new_name)] if _same(a.name, b.old_name) else None


def create_alter_options(a: Any, b: Any) -> list[Any] | None:
    if not _same(a.name, b.name):
        return None
    options = {k: v for k, v in a.options.items() if k not in ALTER_OPTION_KEYS}
    options.update({k: v for k, v in b.options.items() if k in ALTER_OPTION_KEYS})
    return [_create(a, options=options)]


def create_alter_table(a: Any, b: Any) -> list[Any] | None:
    if not _same(a.name, b.name):
        return None
    options = dict(a.options)
    if b.table:
        options["db_table"] = b.table
    else:
        options.pop("db_table", None)
    return [_create(a, options=options)]


def create_unique_together(a: Any, b: Any) -> list[Any] | None:
    if not _same(a.name, b.name):
        return None
    options = dict(a.options)
    together = [tuple(group) for group in b.unique_together]
    if together:
        options["unique_together"] = together
    else:
        options.pop("unique_together", None)
    return [_create(a, options=options)]


def create_add_field(a: Any, b: Any) -> list[Any] | None:
    if not _same(a.name, b.model_name):
        return None
    return [_create(a, fields=[*a.fields, (b.name, b.field)])]


def create_alter_field(a: Any, b: Any) -> list[Any] | None:
    if not _same(a.name, b.model_name):
        return None
    fields = [(n, b.field if n == b.name else f) for n, f in a.fields]
    return [_create(a, fields=fields)]


def create_remove_field(a: Any, b: Any) -> list[Any] | None:
    if not _same(a.name, b.model_name):
        return None
    options = _drop_from_options(a.options, b.name)
    if options is None:
        return None
    fields = [(n, f) for n, f in a.fields if n != b.name]
    return [_create(a, fields=fields, options=options)]


def create_rename_field(a: Any, b: Any) -> list[Any] | None:
    if not _same(a.name, b.model_name):
        return None
    for key in ("indexes", "constraints"):
        if any(b.old_name in item.field_names() for item in a.options.get(key, ())):
            return None
    fields = [(b.new_name if n == b.old_name else n, f) for n, f in a.fields]
    options = _rename_in_options(a.options, b.old_name, b.new_name)
    return [_create(a, fields=fields, options=options)]


def _create_adding(a: Any, b: Any, key: str, item: Any) -> list[Any] | None:
    """CreateModel ``a`` with ``item`` added to its ``key`` option (indexes, constraints)."""
    if not _same(a.name, b.model_name):
        return None
    options = dict(a.options)
    options[key] = [*options.get(key, []), item]
    return [_create(a, options=options)]


def _create_removing(a: Any, b: Any, key: str, name: str) -> list[Any] | None:
    """CreateModel ``a`` without the ``key`` item called ``name`` (None: it has none)."""
    if not _same(a.name, b.model_name):
        return None
    items = a.options.get(key, [])
    kept = [item for item in items if item.name != name]
    if len(kept) == len(items):
        return None
    options = dict(a.options)
    options[key] = kept
    if not kept:
        del options[key]
    return [_create(a, options=options)]


def create_add_index(a: Any, b: Any) -> list[Any] | None:
    return _create_adding(a, b, "indexes", b.index)


def create_remove_index(a: Any, b: Any) -> list[Any] | None:
    return _create_removing(a, b, "indexes", b.index_name)


def create_add_constraint(a: Any, b: Any) -> list[Any] | None:
    return _create_adding(a, b, "constraints", b.constraint)


def create_remove_constraint(a: Any, b: Any) -> list[Any] | None:
    return _create_removing(a, b, "constraints", b.constraint_name)


def _same_field(a: Any, b: Any, name: str | None = None) -> bool:
    return _same(a.model_name, b.model_name) and a.name == (b.name if name is None else name)


def add_remove_field(a: Any, b: Any) -> list[Any] | None:
    return [] if _same_field(a, b) else None


def add_alter_field(a: Any, b: Any) -> list[Any] | None:
    if not _same_field(a, b):
        return None
    return [ops.AddField(model_name=a.model_name, name=a.name, field=b.field)]


def add_rename_field(a: Any, b: Any) -> list[Any] | None:
    if not (_same(a.model_name, b.model_name) and a.name == b.old_name):
        return None
    return [ops.AddField(model_name=a.model_name, name=b.new_name, field=a.field)]


def alter_alter_field(a: Any, b: Any) -> list[Any] | None:
    return [b] if _same_field(a, b) else None


def alter_remove_field(a: Any, b: Any) -> list[Any] | None:
    return [b] if _same_field(a, b) else None


def rename_rename_field(a: Any, b: Any) -> list[Any] | None:
    if not (_same(a.model_name, b.model_name) and a.new_name == b.old_name):
        return None
    if a.old_name == b.new_name:
        return []
    return [ops.RenameField(model_name=a.model_name, old_name=a.old_name, new_name=b.new_name)]


def rename_remove_field(a: Any, b: Any) -> list[Any] | None:
    if not (_same(a.model_name, b.model_name) and a.new_name == b.name):
        return None
    return [ops.RemoveField(model_name=a.model_name, name=a.old_name)]


def rename_rename_model(a: Any, b: Any) -> list[Any] | None:
    if not _same(a.new_name, b.old_name):
        return None
    if _same(a.old_name, b.new_name):
        return []
    return [ops.RenameModel(old_name=a.old_name, new_name=b.new_name)]


def rename_delete_model(a: Any, b: Any) -> list[Any] | None:
    return [ops.DeleteModel(name=a.old_name)] if _same(a.new_name, b.name) else None


def model_op_then_delete(a: Any, b: Any) -> list[Any] | None:
    """Any change to a model followed by deleting that model: just delete it."""
    return [b] if _same(_model_of(a), b.name) else None


def same_name_cancels(a: Any, b: Any) -> list[Any] | None:
    """AddIndex then RemoveIndex (or constraints) of the same name: nothing."""
    if isinstance(a, ops.AddIndex):
        added, removed = a.index.name, b.index_name
    else:
        added, removed = a.constraint.name, b.constraint_name
    return [] if _same(a.model_name, b.model_name) and added == removed else None


def last_one_wins(a: Any, b: Any) -> list[Any] | None:
    """Two AlterModelOptions / AlterModelTable / AlterUniqueTogether of one model: the second."""
    return [b] if _same(a.name, b.name) else None


RULES: dict[tuple[type[Any], type[Any]], Rule] = {
    (ops.CreateModel, ops.DeleteModel): create_delete,
    (ops.CreateModel, ops.RenameModel): create_rename_model,
    (ops.CreateModel, ops.AlterModelOptions): create_alter_options,
    (ops.CreateModel, ops.AlterModelTable): create_alter_table,
    (ops.CreateModel, ops.AlterUniqueTogether): create_unique_together,
    (ops.CreateModel, ops.AddField): create_add_field,
    (ops.CreateModel, ops.AlterField): create_alter_field,
    (ops.CreateModel, ops.RemoveField): create_remove_field,
    (ops.CreateModel, ops.RenameField): create_rename_field,
    (ops.CreateModel, ops.AddIndex): create_add_index,
    (ops.CreateModel, ops.RemoveIndex): create_remove_index,
    (ops.CreateModel, ops.AddConstraint): create_add_constraint,
    (ops.CreateModel, ops.RemoveConstraint): create_remove_constraint,
    (ops.AddField, ops.RemoveField): add_remove_field,
    (ops.AddField, ops.AlterField): add_alter_field,
    (ops.AddField, ops.RenameField): add_rename_field,
    (ops.AlterField, ops.AlterField): alter_alter_field,
    (ops.AlterField, ops.RemoveField): alter_remove_field,
    (ops.RenameField, ops.RenameField): rename_rename_field,
    (ops.RenameField, ops.RemoveField): rename_remove_field,
    (ops.RenameModel, ops.RenameModel): rename_rename_model,
    (ops.RenameModel, ops.DeleteModel): rename_delete_model,
    (ops.AddIndex, ops.RemoveIndex): same_name_cancels,
    (ops.AddConstraint, ops.RemoveConstraint): same_name_cancels,
    (ops.AlterModelOptions, ops.AlterModelOptions): last_one_wins,
    (ops.AlterModelTable, ops.AlterModelTable): last_one_wins,
    (ops.AlterUniqueTogether, ops.AlterUniqueTogether): last_one_wins,
}
for _kind in (
    ops.AddField,
    ops.AlterField,
    ops.RemoveField,
    ops.RenameField,
    ops.AddIndex,
    ops.RemoveIndex,
    ops.AddConstraint,
    ops.RemoveConstraint,
    ops.AlterModelOptions,
    ops.AlterModelTable,
    ops.AlterUniqueTogether,
):
    RULES[(_kind, ops.DeleteModel)] = model_op_then_delete


def reduce_pair(a: Any, b: Any) -> list[Any] | None:
    """Return what ``a`` followed by ``b`` reduces to, or None when they do not merge."""
    rule = RULES.get((type(a), type(b)))
    return None if rule is None else rule(a, b)


# -- what an operation touches -----------------------------------------------------------------

OPAQUE = (ops.RunPython, ops.RunSQL, ops.SeparateDatabaseAndState)
WHOLE = None  # the whole model, as opposed to one field of it


def _model_of(op: Any) -> str:
    name = getattr(op, "model_name", None) or getattr(op, "name", "")
    return str(name)


def _targets(field: Any, app_label: str) -> Iterable[tuple[str, None]]:
    for spec in (getattr(field, "to", None), getattr(field, "through_spec", None)):
        if spec is None:
            continue
        if isinstance(spec, type):
            yield getattr(spec, "_meta").model_name, WHOLE  # noqa: B009 - a model class
        elif spec != "self":
            yield spec.rpartition(".")[2].lower(), WHOLE


def touches(op: Any, app_label: str = "") -> set[tuple[str, str | None]]:
    """Return the ``(model name, field name or None)`` pairs ``op`` reads or writes."""
    if isinstance(op, ops.CreateModel):
        found: set[tuple[str, str | None]] = {(op.name.lower(), WHOLE)}
        for _, field in op.fields:
            found.update(_targets(field, app_label))
        for base in op.bases:
            if isinstance(base, str):
                found.add((base.rpartition(".")[2].lower(), WHOLE))
            elif hasattr(base, "_meta"):
                found.add((base._meta.model_name, WHOLE))
        return found
    if isinstance(op, ops.RenameModel):
        return {(op.old_name.lower(), WHOLE), (op.new_name.lower(), WHOLE)}
    if isinstance(op, ops.RenameField):
        model = op.model_name.lower()
        return {(model, op.old_name), (model, op.new_name)}
    if isinstance(op, ops.AddField | ops.AlterField | ops.RemoveField):
        found = {(op.model_name.lower(), op.name)}
        if not isinstance(op, ops.RemoveField):
            found.update(_targets(op.field, app_label))
        return found
    return {(_model_of(op).lower(), WHOLE)}


def independent(a: Any, b: Any, app_label: str = "") -> bool:
    """Return True if ``a`` and ``b`` may swap places (they touch nothing in common)."""
    if isinstance(a, OPAQUE) or isinstance(b, OPAQUE):
        return False
    # RemoveField does not say where a removed relation pointed: keep it before any drop.
    dropping = (ops.DeleteModel, ops.RenameModel)
    if isinstance(a, ops.RemoveField) and isinstance(b, dropping):
        return False
    if isinstance(b, ops.RemoveField) and isinstance(a, dropping):
        return False
    for model, field in touches(a, app_label):
        for other_model, other_field in touches(b, app_label):
            if model != other_model:
                continue
            if field is WHOLE or other_field is WHOLE or field == other_field:
                return False
    return True


def _one_pass(operations: list[Any], app_label: str) -> list[Any] | None:
    for i, first in enumerate(operations):
        for j in range(i + 1, len(operations)):
            second = operations[j]
            result = reduce_pair(first, second)
            if result is None:
                continue
            between = operations[i + 1 : j]
            rest = operations[j + 1 :]
            if all(independent(first, op, app_label) for op in between):
                return [*operations[:i], *between, *result, *rest]
            if all(independent(second, op, app_label) for op in between):
                return [*operations[:i], *result, *between, *rest]
    return None


def optimize(operations: Sequence[Any], app_label: str = "") -> list[Any]:
    """Return an equivalent, shorter list of operations (the input is left unchanged)."""
    current = list(operations)
    while True:
        reduced = _one_pass(current, app_label)
        if reduced is None:
            return current
        current = reduced
