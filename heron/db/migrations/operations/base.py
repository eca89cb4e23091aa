"""``Operation``: one step of a migration, with its effect on the state and the database."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from sqlalchemy import Table

    from heron.db.models.base import Model

    from ..editor import SchemaEditor
    from ..state import ProjectState

__all__ = ["Operation", "SymmetricOperation"]


class Operation:
    """Base of every operation.

    ``state_forwards`` changes a ``ProjectState`` in place. ``database_forwards`` changes the
    database from ``from_state`` to ``to_state``; ``database_backwards`` undoes it, where
    ``from_state`` is the state *with* the operation applied and ``to_state`` the one before.
    """

    reversible: ClassVar[bool] = True
    reduces_to_sql: ClassVar[bool] = True
    atomic: bool = False
    elidable: bool = False

    _constructor_args: tuple[tuple[Any, ...], dict[str, Any]]

    def __new__(cls, *args: Any, **kwargs: Any) -> Operation:
        self = super().__new__(cls)
        self._constructor_args = (args, kwargs)
        return self

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        """Return ``(class name, args, kwargs)`` that rebuild this operation."""
        args, kwargs = self._constructor_args
        return type(self).__name__, list(args), dict(kwargs)

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        raise NotImplementedError  # abstract: every operation implements it

    def database_forwards(
        self,
        app_label: str,
        editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        raise NotImplementedError  # abstract: every operation implements it

    def database_backwards(
        self,
        app_label: str,
        editor: SchemaEditor,
        from_state: ProjectState,
        to_state: ProjectState,
    ) -> None:
        raise NotImplementedError  # abstract: every operation implements it

    def describe(self) -> str:
        """One human line: "Add field author to post"."""
        return type(self).__name__

    @property
    def migration_name_fragment(self) -> str | None:
        """A file name fragment ("add_author") or None when nothing fits."""
        return None

    def references_model(self, name: str, app_label: str) -> bool:
        """True when the operation may involve model ``name`` (used by the optimizer)."""
        return True

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Operation) or type(self) is not type(other):
            return False
        return self.deconstruct() == other.deconstruct()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        name, args, kwargs = self.deconstruct()
        parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
        return f"<{name} {', '.join(parts)}>"


class SymmetricOperation(Operation):
    """An operation whose database step is the same both ways: backwards runs
    ``database_forwards`` (the two states passed in say which way the tables go)."""

    def database_backwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        self.database_forwards(app_label, editor, from_state, to_state)


def model_of(state: ProjectState, app_label: str, name: str) -> type[Model]:
    """The historical model ``app_label.name`` in ``state``."""
    return state.apps.get_model(app_label, name)


def table_of(state: ProjectState, app_label: str, name: str) -> Table:
    return model_of(state, app_label, name)._meta.table()


def alter_model_table(
    editor: SchemaEditor,
    app_label: str,
    name: str,
    before: ProjectState,
    after: ProjectState,
    *,
    renames: dict[str, str] | None = None,
    fill: dict[str, Any] | None = None,
) -> None:
    """Change model ``name``'s table from its shape in ``before`` to that in ``after``."""
    old, new = model_of(before, app_label, name), model_of(after, app_label, name)
    if not (editor.allows(old) and editor.allows(new)):
        return
    editor.alter_table(
        old._meta.table(),
        new._meta.table(),
        renames=renames,
        fill=fill,
    )
