"""Operations on whole models: create, delete, rename, table and options, indexes, constraints."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from heron.db.models.fields.related import ForeignKey
from heron.db.models.indexes import make_name

from ..state import ModelState, clone_field
from .base import Operation, SymmetricOperation, alter_model_table, model_of

if TYPE_CHECKING:
    from sqlalchemy import Table

    from heron.db.models.base import Model
    from heron.db.models.constraints import BaseConstraint
    from heron.db.models.fields.base import Field
    from heron.db.models.indexes import Index

    from ..editor import SchemaEditor
    from ..state import ProjectState

__all__ = [
    "AddConstraint",
    "AddIndex",
    "AlterModelOptions",
    "AlterModelTable",
    "AlterUniqueTogether",
    "CreateModel",
    "DeleteModel",
    "RemoveConstraint",
    "RemoveIndex",
    "RenameIndex",
    "RenameModel",
]

# Options AlterModelOptions manages (they never touch the database; every other option has
# its own operation). The autodetector and the optimizer read them here too.
ALTER_OPTION_KEYS = (
    "default_related_name",
    "get_latest_by",
    "managed",
    "ordering",
    "verbose_name",
    "verbose_name_plural",
)


class ModelOperation(Operation):
    name: str

    @property
    def name_lower(self) -> str:
        return self.name.lower()

    def references_model(self, name: str, app_label: str) -> bool:
        return name.lower() == self.name_lower


class CreateModel(ModelOperation):
    """Create a model and its table (and its many-to-many join tables)."""

    def __init__(
        self,
        name: str,
        fields: Sequence[tuple[str, Field[Any]]],
        options: dict[str, Any] | None = None,
        bases: tuple[Any, ...] = (),
        managers: list[tuple[str, Any]] | None = None,
    ) -> None:
        self.name = name
        self.fields = list(fields)
        self.options = dict(options or {})
        self.bases = tuple(bases)
        self.managers = list(managers or [])
        names = [n for n, _ in self.fields]
        duplicates = sorted({n for n in names if names.count(n) > 1})
        if duplicates:
            raise ValueError(f"CreateModel {name}: duplicate field names {duplicates}.")

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        fields = [(name, clone_field(field)) for name, field in self.fields]
        options = {
            key: list(value) if isinstance(value, list) else value
            for key, value in self.options.items()
        }
        state.add_model(ModelState(app_label, self.name, fields, options, self.bases))

    def database_forwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        editor.create_model(model_of(to_state, app_label, self.name))

    def database_backwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        editor.delete_model(model_of(from_state, app_label, self.name))

    def describe(self) -> str:
        return f"Create model {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return self.name_lower

    def references_model(self, name: str, app_label: str) -> bool:
        if name.lower() == self.name_lower:
            return True
        target = f"{app_label}.{name}".lower()
        for base in self.bases:  # a proxy model depends on the model it proxies
            if isinstance(base, str) and base.lower() in (target, name.lower()):
                return True
        for _, field in self.fields:
            to = getattr(field, "to", None)
            if isinstance(to, str) and to.lower() in (target, name.lower()):
                return True
        return False


class DeleteModel(ModelOperation):
    """Drop a model's table (and its join tables) and remove it from the state."""

    def __init__(self, name: str) -> None:
        self.name = name

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        state.get_model_state(app_label, self.name)
        state.remove_model(app_label, self.name)

    def database_forwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        editor.delete_model(model_of(from_state, app_label, self.name))

    def database_backwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        editor.create_model(model_of(to_state, app_label, self.name))

    def describe(self) -> str:
        return f"Delete model {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"delete_{self.name_lower}"


def _retarget(state: ProjectState, old_label: str, new_label: str, app_label: str) -> None:
    """Point every relation at ``old_label`` ("app.Model") to ``new_label`` instead."""
    old_lower = old_label.lower()
    old_short = old_label.split(".")[1].lower()
    for model_state in state.models.values():
        for name, field in list(model_state.fields.items()):
            changed = False
            new_field = field
            for attr in ("to", "through_spec"):
                value = getattr(field, attr, None)
                if not isinstance(value, str):
                    continue
                short_match = "." not in value and model_state.app_label == app_label
                if value.lower() == old_lower or (short_match and value.lower() == old_short):
                    if new_field is field:
                        new_field = clone_field(field)
                    setattr(new_field, attr, new_label)
                    changed = True
            if changed:
                model_state.fields[name] = new_field
    state.changed()


def _join_tables(model: type[Model]) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    for field in model._meta.local_many_to_many:
        through: Any = getattr(field, "through", None)
        if through is not None and through._meta.auto_created:
            tables[field.name] = through._meta.table()
    return tables


def _column_renames(old: Table, new: Table) -> dict[str, str]:
    """Columns of a join table matched by position (the model names inside them change)."""
    return {o.name: n.name for o, n in zip(old.columns, new.columns, strict=False)}


def _renamed(table: Table, name: str) -> Table:
    """A copy of ``table`` under a new name, keeping index and constraint names."""
    import sqlalchemy as sa

    metadata = sa.MetaData()
    for other in table.metadata.tables.values():
        other.to_metadata(metadata)
    return table.to_metadata(metadata, name=name)


def move_model(
    editor: SchemaEditor,
    app_label: str,
    before: ProjectState,
    after: ProjectState,
    old_name: str,
    new_name: str,
) -> None:
    """Rename a model's table and join tables, and re-point the relations to it."""
    old_model = model_of(before, app_label, old_name)
    new_model = model_of(after, app_label, new_name)
    if not (editor.allows(old_model) and editor.allows(new_model)):
        return
    old_table, new_table = old_model._meta.table(), new_model._meta.table()
    editor.rename_table(old_table.name, new_table.name)
    source = old_table if old_table.name == new_table.name else _renamed(old_table, new_table.name)
    editor.alter_table(source, new_table)
    old_joins, new_joins = _join_tables(old_model), _join_tables(new_model)
    for field_name, new_join in new_joins.items():
        old_join = old_joins[field_name]
        editor.rename_table(old_join.name, new_join.name)
        if old_join.name != new_join.name:
            old_join = _renamed(old_join, new_join.name)
        editor.alter_table(old_join, new_join, renames=_column_renames(old_join, new_join))
    # Tables of other models whose foreign keys (or join tables) point at the moved one.
    new_key = (app_label, new_name.lower())
    for key in after.models:
        if key == new_key or key not in before.models:
            continue
        other_old = before.apps.get_model(*key)
        other_new = after.apps.get_model(*key)
        if not (editor.allows(other_old) and editor.allows(other_new)):
            continue
        editor.alter_table(other_old._meta.table(), other_new._meta.table())
        old_other_joins, new_other_joins = _join_tables(other_old), _join_tables(other_new)
        for field_name, new_join in new_other_joins.items():
            old_join = old_other_joins[field_name]
            editor.alter_table(old_join, new_join, renames=_column_renames(old_join, new_join))


class RenameModel(ModelOperation):
    """Rename a model: its table (when named after it), join tables and relations follow."""

    def __init__(self, old_name: str, new_name: str) -> None:
        self.old_name = old_name
        self.new_name = new_name

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.old_name

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        model_state = state.get_model_state(app_label, self.old_name).clone()
        state.remove_model(app_label, self.old_name)
        model_state.name = self.new_name
        state.add_model(model_state)
        _retarget(state, f"{app_label}.{self.old_name}", f"{app_label}.{self.new_name}", app_label)

    def database_forwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        move_model(editor, app_label, from_state, to_state, self.old_name, self.new_name)

    def database_backwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        move_model(editor, app_label, from_state, to_state, self.new_name, self.old_name)

    def describe(self) -> str:
        return f"Rename model {self.old_name} to {self.new_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"rename_{self.old_name.lower()}_{self.new_name.lower()}"

    def references_model(self, name: str, app_label: str) -> bool:
        return name.lower() in (self.old_name.lower(), self.new_name.lower())


class AlterModelTable(ModelOperation, SymmetricOperation):
    """Rename a model's table (``Meta.db_table``); None goes back to the default name."""

    def __init__(self, name: str, table: str | None) -> None:
        self.name = name
        self.table = table

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        model_state = state.get_model_state(app_label, self.name)
        if self.table:
            model_state.options["db_table"] = self.table
        else:
            model_state.options.pop("db_table", None)
        state.changed()

    def database_forwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        move_model(editor, app_label, from_state, to_state, self.name, self.name)

    def describe(self) -> str:
        return f"Rename table for {self.name} to {self.table or '(default)'}"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_table"


class AlterModelOptions(ModelOperation, SymmetricOperation):
    """Change options that live only in Python (ordering, verbose names...): no SQL."""

    def __init__(self, name: str, options: dict[str, Any]) -> None:
        self.name = name
        self.options = dict(options)

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        model_state = state.get_model_state(app_label, self.name)
        for key in ALTER_OPTION_KEYS:
            if key in self.options:
                model_state.options[key] = self.options[key]
            else:
                model_state.options.pop(key, None)
        state.changed()

    def database_forwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        return None

    def describe(self) -> str:
        return f"Change Meta options on {self.name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.name_lower}_options"


class _TableChange(ModelOperation, SymmetricOperation):
    """An operation whose database effect is "make the table match the new state"."""

    model_name: str

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.model_name

    def database_forwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        alter_model_table(editor, app_label, self.model_name, from_state, to_state)

    def _append(self, app_label: str, state: ProjectState, key: str, item: Any) -> None:
        """Add a copy of ``item`` to the model's ``Meta.<key>`` list in the state."""
        model_state = state.get_model_state(app_label, self.model_name)
        model_state.options[key] = [*model_state.options[key], copy.copy(item)]
        state.changed()

    def _remove(
        self,
        app_label: str,
        state: ProjectState,
        key: str,
        kind: str,
        name: str,
        name_of: Callable[[Any, ModelState], str],
    ) -> None:
        """Drop the ``kind`` called ``name`` from the model's ``Meta.<key>`` list in the state."""
        model_state = state.get_model_state(app_label, self.model_name)
        items = model_state.options[key]
        kept = [item for item in items if name_of(item, model_state) != name]
        if len(kept) == len(items):
            names = ", ".join(name_of(item, model_state) for item in items) or "none"
            raise LookupError(
                f"{app_label}.{self.model_name} has no {kind} {name!r} in the migration "
                f"state ({key}: {names})."
            )
        model_state.options[key] = kept
        state.changed()


class AlterUniqueTogether(_TableChange):
    """Set ``Meta.unique_together`` (a unique constraint per group of fields)."""

    def __init__(self, name: str, unique_together: Iterable[Sequence[str]] | None) -> None:
        self.model_name = name
        groups = list(unique_together or [])
        if groups and all(isinstance(item, str) for item in groups):
            groups = [groups]  # type: ignore[list-item]
        self.unique_together = [tuple(group) for group in groups]

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        model_state = state.get_model_state(app_label, self.model_name)
        model_state.options["unique_together"] = list(self.unique_together)
        state.changed()

    def describe(self) -> str:
        return (
            f"Alter unique_together for {self.model_name} "
            f"({len(self.unique_together)} constraint(s))"
        )

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.model_name.lower()}_unique_together"


def index_name(index: Index, model_state: ModelState) -> str:
    """The index's name, or the one Heron derives for it."""
    if index.name:
        return index.name

    columns = []
    for spec in index.fields:
        name = spec.removeprefix("-")
        field = model_state.get_field(name)
        if field.db_column:
            columns.append(field.db_column)
        else:
            columns.append(f"{name}_id" if isinstance(field, ForeignKey) else name)
    return make_name(model_state.db_table, columns, "idx")


def _constraint_name(constraint: BaseConstraint, model_state: ModelState) -> str:
    return constraint.name


class AddIndex(_TableChange):
    """Add an index (``Meta.indexes``)."""

    def __init__(self, model_name: str, index: Index) -> None:
        self.model_name = model_name
        self.index = index

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        self._append(app_label, state, "indexes", self.index)

    def describe(self) -> str:
        name = self.index.name or ", ".join(self.index.fields)
        return f"Create index {name} on {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return (self.index.name or f"{self.model_name}_idx").lower()


class RemoveIndex(_TableChange):
    """Drop the index called ``name``."""

    def __init__(self, model_name: str, name: str) -> None:
        self.model_name = model_name
        self.index_name = name

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        self._remove(app_label, state, "indexes", "index", self.index_name, index_name)

    def describe(self) -> str:
        return f"Remove index {self.index_name} from {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"remove_{self.index_name.lower()}"


class RenameIndex(_TableChange):
    """Rename an index (it is dropped and created under the new name)."""

    def __init__(self, model_name: str, new_name: str, old_name: str) -> None:
        self.model_name = model_name
        self.new_name = new_name
        self.old_name = old_name

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        model_state = state.get_model_state(app_label, self.model_name)
        renamed = []
        found = False
        for index in model_state.options["indexes"]:
            if index_name(index, model_state) == self.old_name:
                index = copy.copy(index)
                index.name = self.new_name
                found = True
            renamed.append(index)
        if not found:
            raise LookupError(
                f"{app_label}.{self.model_name} has no index {self.old_name!r} to rename."
            )
        model_state.options["indexes"] = renamed
        state.changed()

    def describe(self) -> str:
        return f"Rename index {self.old_name} on {self.model_name} to {self.new_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"rename_{self.old_name.lower()}_{self.new_name.lower()}"


class AddConstraint(_TableChange):
    """Add a ``UniqueConstraint`` or ``CheckConstraint`` (``Meta.constraints``)."""

    def __init__(self, model_name: str, constraint: BaseConstraint) -> None:
        self.model_name = model_name
        self.constraint = constraint

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        self._append(app_label, state, "constraints", self.constraint)

    def describe(self) -> str:
        return f"Create constraint {self.constraint.name} on model {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return self.constraint.name.lower()


class RemoveConstraint(_TableChange):
    """Drop the constraint called ``name``."""

    def __init__(self, model_name: str, name: str) -> None:
        self.model_name = model_name
        self.constraint_name = name

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        self._remove(
            app_label, state, "constraints", "constraint", self.constraint_name, _constraint_name
        )

    def describe(self) -> str:
        return f"Remove constraint {self.constraint_name} from model {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"remove_{self.model_name.lower()}_{self.constraint_name.lower()}"
