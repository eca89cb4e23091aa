"""Operations that run code or SQL, and ``SeparateDatabaseAndState``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from ..exceptions import IrreversibleError
from .base import Operation

if TYPE_CHECKING:
    from ..editor import SchemaEditor
    from ..state import ProjectState, StateApps

__all__ = ["RunPython", "RunSQL", "SeparateDatabaseAndState", "split_sql"]

SQL = str | Sequence[Any] | None


def split_sql(sql: str) -> list[str]:
    """Split a script on ``;`` outside quotes and comments; drop empty statements."""
    statements: list[str] = []
    current: list[str] = []
    quote: str | None = None
    i = 0
    while i < len(sql):
        char = sql[i]
        if quote:
            current.append(char)
            if char == quote:
                quote = None
        elif char in ("'", '"'):
            quote = char
            current.append(char)
        elif sql.startswith("--", i):
            end = sql.find("\n", i)
            i = len(sql) if end == -1 else end
            continue
        elif char == ";":
            statements.append("".join(current))
            current = []
        else:
            current.append(char)
        i += 1
    statements.append("".join(current))
    return [s.strip() for s in statements if s.strip()]


def _statements(sql: SQL) -> list[tuple[str, Any]]:
    if sql is None or sql == "":
        return []
    if isinstance(sql, str):
        return [(statement, None) for statement in split_sql(sql)]
    found: list[tuple[str, Any]] = []
    for item in sql:
        if isinstance(item, str):
            found.extend((statement, None) for statement in split_sql(item))
        elif isinstance(item, list | tuple) and len(item) == 2:
            found.append((str(item[0]), item[1]))
        else:
            raise ValueError(f"RunSQL statements are strings or (sql, params) pairs; got {item!r}.")
    return found


class RunSQL(Operation):
    """Run raw SQL forwards (and ``reverse_sql`` backwards).

    ``sql`` is a string (split on ``;``), or a list of strings and ``(sql, params)`` pairs
    with ``%s`` placeholders. ``state_operations`` tell the state what the SQL did to models.
    """

    noop = ""

    def __init__(
        self,
        sql: SQL,
        reverse_sql: SQL = None,
        state_operations: Sequence[Operation] | None = None,
        hints: dict[str, Any] | None = None,
        elidable: bool = False,
    ) -> None:
        self.sql = sql
        self.reverse_sql = reverse_sql
        self.state_operations = list(state_operations or [])
        self.hints = dict(hints or {})
        self.elidable = elidable

    @property
    def reversible(self) -> bool:  # type: ignore[override]
        return self.reverse_sql is not None

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        for operation in self.state_operations:
            operation.state_forwards(app_label, state)

    def _run(self, app_label: str, editor: SchemaEditor, sql: SQL) -> None:
        if not editor.allows_code(app_label, self.hints):
            return
        for statement, params in _statements(sql):
            editor.execute(statement, params)

    def database_forwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        self._run(app_label, editor, self.sql)

    def database_backwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        if self.reverse_sql is None:
            raise IrreversibleError(
                "RunSQL has no reverse_sql, so it cannot be unapplied. Give it "
                "reverse_sql=... (RunSQL.noop when nothing needs undoing)."
            )
        self._run(app_label, editor, self.reverse_sql)

    def describe(self) -> str:
        return "Raw SQL operation"


RunPythonCode = Callable[["StateApps", "SchemaEditor"], Any]


class RunPython(Operation):
    """Run ``code(apps, schema_editor)`` forwards and ``reverse_code`` backwards.

    ``apps.get_model("app_label", "Model")`` returns the *historical* model: the fields and
    table the model had at this point of the migrations, not today's class.
    """

    reduces_to_sql = False

    def __init__(
        self,
        code: RunPythonCode,
        reverse_code: RunPythonCode | None = None,
        atomic: bool | None = None,
        hints: dict[str, Any] | None = None,
        elidable: bool = False,
    ) -> None:
        if not callable(code):
            raise TypeError("RunPython's code must be callable (a function of apps, editor).")
        if reverse_code is not None and not callable(reverse_code):
            raise TypeError("RunPython's reverse_code must be callable or None.")
        self.code = code
        self.reverse_code = reverse_code
        self.atomic = atomic  # type: ignore[assignment]
        self.hints = dict(hints or {})
        self.elidable = elidable

    @staticmethod
    def noop(apps: StateApps, schema_editor: SchemaEditor) -> None:
        """A ``code``/``reverse_code`` that does nothing."""
        return None

    @property
    def reversible(self) -> bool:  # type: ignore[override]
        return self.reverse_code is not None

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        return None

    def _run(
        self, app_label: str, code: RunPythonCode, editor: SchemaEditor, state: ProjectState
    ) -> None:
        if not editor.allows_code(app_label, self.hints):
            return
        if editor.collect_sql:
            editor.comment(f"RunPython: {_name(code)} (Python code; no SQL to show)")
            return
        code(state.apps, editor)

    def database_forwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        self._run(app_label, self.code, editor, from_state)

    def database_backwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        if self.reverse_code is None:
            raise IrreversibleError(
                f"RunPython({_name(self.code)}) has no reverse_code, so it cannot be "
                "unapplied. Give it reverse_code=... (RunPython.noop when nothing needs "
                "undoing)."
            )
        self._run(app_label, self.reverse_code, editor, to_state)

    def describe(self) -> str:
        return f"Run Python code {_name(self.code)}"


def _name(code: Callable[..., Any]) -> str:
    return getattr(code, "__qualname__", None) or repr(code)


class SeparateDatabaseAndState(Operation):
    """Run ``database_operations`` on the database and apply ``state_operations`` to the
    state, when the two must differ (e.g. adopting a table that already exists)."""

    def __init__(
        self,
        database_operations: Sequence[Operation] | None = None,
        state_operations: Sequence[Operation] | None = None,
    ) -> None:
        self.database_operations = list(database_operations or [])
        self.state_operations = list(state_operations or [])

    @property
    def reversible(self) -> bool:  # type: ignore[override]
        return all(op.reversible for op in self.database_operations)

    def state_forwards(self, app_label: str, state: ProjectState) -> None:
        for operation in self.state_operations:
            operation.state_forwards(app_label, state)

    def database_forwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        for operation in self.database_operations:
            after = from_state.clone()
            operation.state_forwards(app_label, after)
            operation.database_forwards(app_label, editor, from_state, after)
            from_state = after

    def database_backwards(
        self, app_label: str, editor: SchemaEditor, from_state: ProjectState, to_state: ProjectState
    ) -> None:
        states = [to_state]
        for operation in self.database_operations:
            after = states[-1].clone()
            operation.state_forwards(app_label, after)
            states.append(after)
        for index in range(len(self.database_operations) - 1, -1, -1):
            self.database_operations[index].database_backwards(
                app_label, editor, states[index + 1], states[index]
            )

    def describe(self) -> str:
        return "Custom state/database change combination"
