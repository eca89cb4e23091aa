"""Operations on one field: add, remove, alter, rename."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from heron.db.models.fields.base import NOT_PROVIDED

from ..state import clone_field
from .base import Operation, SymmetricOperation, alter_model_table, model_of

if TYPE_CHECKING:
    from heron.db.models.fields.base import Field

    from ..editor import SchemaEditor
    from ..state import ModelState, ProjectState

__all__ = ["AddField", "AlterField", "RemoveField", "RenameField"]


class FieldOperation(Operation):
    model_name: str
    name: str

    @property
    def model_name_lower(self) -> str:
        return self.model_name.lower()

    def references_model(self, name: str, app_label: str) -> bool:
        if name.lower() == self.model_name_lower:
            return True
        field = getattr(self, "field", None)
        to = getattr(field, "to", None)
        return isinstance(to, str) and to.split(".")[-1].lower() == name.lower()


def _fill_value(field: Field[Any]) -> Any:
    """The value existing rows get in a new column (the field's default), or None."""
    if field.null and not field.has_default():
        return None
    if field.db_default is not NOT_PROVIDED:
        return None
    return field.get_default()


def _add_column(
    editor: SchemaEditor,
    app_label: str,
    model_name: str,
    name: str,
    before: ProjectState,
    after: ProjectState,
    default_source: Field[Any] | None = None,
) -> None:
    field = model_of(after, app_label, model_name)._meta.get_field(name)
    if field.many_to_many:
        editor.create_join_table(field)
        return
    value = _fill_value(default_source or field)
    fill = {} if value is None else {field.column: field.get_db_prep_value(value, editor.vendor)}
    alter_model_table(editor, app_label, model_name, before, after, fill=fill)


def _remove_column(
    editor: SchemaEditor,
    app_label: str,
    model_name: str,
    name: str,
    before: ProjectState,
    after: ProjectState,
) -> None:
    field = model_of(before, app_label, model_name)._meta.get_field(name)
    if field.many_to_many:
        editor.delete_join_table(field)
        return
    alter_model_table(editor, app_label, model_name, before, after)


class _DefiningOperation(FieldOperation):
    """AddField and AlterField: they carry the field's new definition."""

    def __init__(
        self, model_name: str, name: str, field: Field[Any], preserve_default: bool = True
    ) -> None:
        self.model_name = model_name
        self.name = name
        self.field = field
        self.preserve_default = preserve_default

    def _put_field(self, model_state: ModelState, state: ProjectState) -> None:
        """Store a copy of ``self.field`` (without a one-off default) in the state."""
        field = clone_field(self.field)
        if not self.preserve_default:
            field.default = NOT_PROVIDED
        model_state.fields[self.name] = field
        state.changed()


class AddField(_DefiningOperation):
    """Add a field; existing rows get its default (``preserve_default=False``: a one-off
    default used only to fill them)."""

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        model_state = state.get_model_state(app_label, self.model_name)
        if self.name in model_state.fields:
            raise ValueError(
                f"{app_label}.{self.model_name} already has a field {self.name!r} in the "
                "migration state."
            )
        self._put_field(model_state, state)

    def database_forwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        _add_column(editor, app_label, self.model_name, self.name, from_state, to_state, self.field)

    def database_backwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        _remove_column(editor, app_label, self.model_name, self.name, from_state, to_state)

    def describe(self) -> str:
        return f"Add field {self.name} to {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"{self.model_name_lower}_{self.name.lower()}"


class RemoveField(FieldOperation):
    """Remove a field (its column or join table). Backwards, rows get the field's default."""

    def __init__(self, model_name: str, name: str) -> None:
        self.model_name = model_name
        self.name = name

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        model_state = state.get_model_state(app_label, self.model_name)
        model_state.get_field(self.name)
        del model_state.fields[self.name]
        state.changed()

    def database_forwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        _remove_column(editor, app_label, self.model_name, self.name, from_state, to_state)

    def database_backwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        _add_column(editor, app_label, self.model_name, self.name, from_state, to_state)

    def describe(self) -> str:
        return f"Remove field {self.name} from {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"remove_{self.model_name_lower}_{self.name.lower()}"


class AlterField(_DefiningOperation, SymmetricOperation):
    """Change a field's definition (type, null, default, unique, index, target...)."""

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        model_state = state.get_model_state(app_label, self.model_name)
        model_state.get_field(self.name)
        self._put_field(model_state, state)

    def database_forwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        old = model_of(from_state, app_label, self.model_name)._meta.get_field(self.name)
        new = model_of(to_state, app_label, self.model_name)._meta.get_field(self.name)
        if old.many_to_many and new.many_to_many:
            return  # the join table does not depend on the field's options
        if old.many_to_many or new.many_to_many:
            raise ValueError(
                f"AlterField cannot turn {self.model_name}.{self.name} into or out of a "
                "many-to-many field: remove the field and add a new one instead."
            )
        if old.null and not new.null and new.has_default():
            # Rows still holding NULL take the default before the column refuses NULLs.
            table = model_of(from_state, app_label, self.model_name)._meta.db_table
            quote = editor.connection.ops.quote_name
            value = new.get_db_prep_value(new.get_default(), editor.vendor)
            editor.execute(
                f"UPDATE {quote(table)} SET {quote(old.column)} = %s "
                f"WHERE {quote(old.column)} IS NULL",
                [value],
            )
        # A changed column name (db_column, or a field becoming a foreign key) is a rename.
        renames = {old.column: new.column} if old.column != new.column else None
        alter_model_table(editor, app_label, self.model_name, from_state, to_state, renames=renames)

    def describe(self) -> str:
        return f"Alter field {self.name} on {self.model_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"alter_{self.model_name_lower}_{self.name.lower()}"


def _rename_in(items: list[Any], old: str, new: str) -> list[Any]:
    return [new if item == old else item for item in items]


class RenameField(FieldOperation):
    """Rename a field: its column (unless ``db_column`` is set) follows."""

    def __init__(self, model_name: str, old_name: str, new_name: str) -> None:
        self.model_name = model_name
        self.old_name = old_name
        self.new_name = new_name

    @property
    def name(self) -> str:  # type: ignore[override]
        return self.old_name

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        model_state = state.get_model_state(app_label, self.model_name)
        model_state.get_field(self.old_name)
        if self.new_name in model_state.fields:
            raise ValueError(
                f"{app_label}.{self.model_name} already has a field {self.new_name!r}."
            )
        model_state.fields = {
            (self.new_name if name == self.old_name else name): field
            for name, field in model_state.fields.items()
        }
        options = model_state.options
        options["unique_together"] = [
            tuple(_rename_in(list(group), self.old_name, self.new_name))
            for group in options.get("unique_together", [])
        ]
        if not options["unique_together"]:
            del options["unique_together"]
        for key, attr in (("indexes", "fields"), ("constraints", "fields")):
            renamed = []
            for item in options.get(key, []):
                fields = getattr(item, attr, None)
                if fields is not None:
                    import copy

                    item = copy.copy(item)
                    specs = [
                        spec.replace(self.old_name, self.new_name, 1)
                        if spec.removeprefix("-") == self.old_name
                        else spec
                        for spec in fields
                    ]
                    setattr(item, attr, tuple(specs))
                renamed.append(item)
            options[key] = renamed
        state.changed()

    def _rename(
        self,
        app_label: str,
        editor: SchemaEditor,
        before: ProjectState,
        after: ProjectState,
        old_name: str,
        new_name: str,
    ) -> None:
        old = model_of(before, app_label, self.model_name)._meta.get_field(old_name)
        new = model_of(after, app_label, self.model_name)._meta.get_field(new_name)
        if old.many_to_many:
            old_table = old.through._meta.table()
            new_table = new.through._meta.table()
            editor.rename_table(old_table.name, new_table.name)
            return
        alter_model_table(
            editor,
            app_label,
            self.model_name,
            before,
            after,
            renames={old.column: new.column},
        )

    def database_forwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        self._rename(app_label, editor, from_state, to_state, self.old_name, self.new_name)

    def database_backwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        self._rename(app_label, editor, from_state, to_state, self.new_name, self.old_name)

    def describe(self) -> str:
        return f"Rename field {self.old_name} on {self.model_name} to {self.new_name}"

    @property
    def migration_name_fragment(self) -> str:
        return f"rename_{self.old_name.lower()}_{self.model_name_lower}_{self.new_name.lower()}"
