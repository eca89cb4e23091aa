"""``SchemaEditor``: turns model changes into DDL through Alembic's ``Operations``.

Alembic runs in its "offline" mode: every statement it produces is handed to this editor,
which runs it through the Heron connection (so it joins the transaction the executor opened
and shows up in query logging) or, for ``sqlmigrate``, only collects it.

Every change to an existing table is one call, ``alter_table(old, new)``, given the table as
it was and as it must become (the SQLAlchemy ``Table`` of the historical models before and
after the operation). The editor compares them (columns, unique and check constraints,
foreign keys, indexes) and emits the ALTERs; on SQLite the same changes go through
``batch_alter_table``, which rebuilds the table (new table, copy of the rows, swap) when
SQLite cannot alter in place, keeping data, indexes and foreign keys.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sized
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from heron.db.exceptions import IntegrityError
from heron.db.routers import router
from heron.db.state import Level
from heron.db.transaction import atomic as atomic_block
from heron.db.transaction import in_atomic_block

if TYPE_CHECKING:
    from sqlalchemy import Column, Table

    from heron.db.backends.base.wrapper import DatabaseWrapper
    from heron.db.models.base import Model

__all__ = ["ProgressBar", "SchemaEditor", "schema_transaction"]

T = TypeVar("T")

ProgressBar = Callable[[Iterable[Any], "int | None", str], AbstractContextManager[Iterable[Any]]]
"""``bar(iterable, length, label)``: a context manager yielding the iterable, drawing a bar."""

_DOUBLED_PERCENTS = ("format", "pyformat")


@dataclass
class _Diff:
    """What differs between two versions of a table."""

    dropped: list[Any]
    added: list[Any]
    altered: list[tuple[Any, Any]]
    drop_fks: list[Any]
    add_fks: list[Any]
    drop_idx: list[Any]
    add_idx: list[Any]
    drop_cons: list[Any]
    add_cons: list[Any]


class _Output:
    """The file-like object Alembic writes each offline statement to."""

    def __init__(self, editor: SchemaEditor) -> None:
        self.editor = editor

    def write(self, text: str) -> None:
        sql = text.strip()
        if sql.endswith(";"):
            sql = sql[:-1].rstrip()
        if sql:
            self.editor.run_ddl(sql)

    def flush(self) -> None:
        return None


@contextmanager
def schema_transaction(connection: DatabaseWrapper, *, atomic: bool = True) -> Iterator[None]:
    """The transaction schema changes run in (nothing where DDL cannot be rolled back).

    On SQLite, outside any ``atomic()`` block, foreign-key enforcement is switched off for
    the transaction (a table rebuild drops and recreates tables other rows point at) and
    ``PRAGMA foreign_key_check`` verifies every row before the commit.
    """
    alias = connection.alias
    if not (atomic and connection.features.supports_transactional_ddl):
        yield
    elif connection.vendor == "sqlite" and not in_atomic_block(alias):
        with _sqlite_transaction(connection):
            yield
    else:
        with atomic_block(using=alias):
            if connection.vendor == "sqlite":
                connection.execute("PRAGMA defer_foreign_keys = ON", None, fetch="none")
            yield


@contextmanager
def _sqlite_transaction(wrapper: DatabaseWrapper) -> Iterator[None]:
    state = wrapper.pin()
    try:
        wrapper.run_control(state, "PRAGMA foreign_keys = OFF")
        wrapper.run_control(state, wrapper.ops.begin_sql())
        state.levels.append(Level(None))
        try:
            yield
            problems = wrapper.execute("PRAGMA foreign_key_check")
            if problems:
                table, rowid, parent, _ = problems[0]
                raise IntegrityError(
                    f"FOREIGN KEY check failed after the schema change: row {rowid} of "
                    f"{table} points at a missing row of {parent} ({len(problems)} such "
                    "row(s))."
                )
        except BaseException:
            state.levels.clear()
            wrapper.run_control(state, wrapper.ops.rollback_sql())
            raise
        state.levels.clear()
        wrapper.run_control(state, wrapper.ops.commit_sql())
    finally:
        try:
            wrapper.run_control(state, "PRAGMA foreign_keys = ON")
        finally:
            wrapper.unpin(state)


class SchemaEditor:
    """Runs (or, with ``collect_sql``, records) the DDL of migration operations.

    Used as ``with SchemaEditor(connection) as editor:`` it also opens the schema
    transaction (``schema_transaction``) for the block.
    """

    def __init__(
        self, connection: DatabaseWrapper, *, collect_sql: bool = False, atomic: bool = True
    ) -> None:
        from alembic.operations import Operations
        from alembic.runtime.migration import MigrationContext

        self.connection = connection
        self.vendor = connection.vendor
        self.collect_sql = collect_sql
        self.collected_sql: list[str] = []
        self.executed_sql: list[str] = []
        self.progress_bar: ProgressBar | None = None
        self.atomic = atomic
        self._block: AbstractContextManager[None] | None = None
        context = MigrationContext.configure(
            dialect=connection.dialect,
            opts={"as_sql": True, "output_buffer": _Output(self), "literal_binds": True},
        )
        self.op = Operations(context)

    def __enter__(self) -> SchemaEditor:
        if not self.collect_sql:
            self._block = schema_transaction(self.connection, atomic=self.atomic)
            self._block.__enter__()
        return self

    def __exit__(self, *exc_info: Any) -> None:
        block, self._block = self._block, None
        if block is not None:
            block.__exit__(*exc_info)

    # -- running statements -------------------------------------------------------------------

    def run_ddl(self, sql: str) -> None:
        """Run one statement Alembic compiled (literal values, no parameters)."""
        if self.collect_sql:
            shown = sql
            if self.connection.dialect.paramstyle in _DOUBLED_PERCENTS:
                shown = sql.replace("%%", "%")
            self.collected_sql.append(shown + ";")
            return
        # Format-style drivers turn the compiler's doubled %% back into % only when given
        # a parameter sequence, even an empty one.
        params = () if self.connection.dialect.paramstyle in _DOUBLED_PERCENTS else None
        self.connection.execute(sql, params, fetch="none")
        self.executed_sql.append(sql)

    def execute(self, sql: str, params: Any = None) -> None:
        """Run user SQL (``RunSQL``): ``%s`` placeholders when ``params`` are given."""
        if self.collect_sql:
            text = sql.strip()
            if params:
                text = f"{text}  -- params: {list(params)!r}"
            self.collected_sql.append(text if text.endswith(";") else text + ";")
            return
        with self.connection.cursor() as cursor:
            if params is None:
                cursor.execute(sql)
            else:
                cursor.execute(sql, params)
        self.executed_sql.append(sql)

    def progress(
        self, iterable: Iterable[T], *, length: int | None = None, label: str = ""
    ) -> Iterator[T]:
        """Iterate, drawing a progress bar when run by ``heron migrate`` (data migrations)::

        for book in schema_editor.progress(books, length=count, label="Books"):
            ...
        """
        if self.progress_bar is None:
            yield from iterable
            return
        if length is None and isinstance(iterable, Sized):
            length = len(iterable)
        with self.progress_bar(iterable, length, label) as bar:
            yield from bar

    def comment(self, text: str) -> None:
        """Record a note in collected SQL (e.g. a RunPython step); nothing runs."""
        if self.collect_sql:
            self.collected_sql.append(f"-- {text}")

    def allows(self, model: type[Model]) -> bool:
        """May migrations touch ``model``'s table on this database? Not for
        ``Meta.managed = False`` models, nor proxy models (their table is their concrete
        model's), nor swapped-out models (``Meta.swappable``), nor when the routers'
        ``allow_migrate`` says no."""
        opts = model._meta
        if opts.proxy or not getattr(opts, "managed", True) or opts.swapped:
            return False

        return router.allow_migrate_model(self.connection.alias, model)

    def allows_code(self, app_label: str, hints: dict[str, Any]) -> bool:
        """May ``RunPython``/``RunSQL`` of ``app_label`` run on this database (routers)?"""
        return router.allow_migrate(self.connection.alias, app_label, **hints)

    # -- whole tables ---------------------------------------------------------------------------

    def create_model(self, model: type[Model]) -> None:
        """Create the model's table, its indexes and its many-to-many join tables."""
        if not self.allows(model):
            return
        self.op.impl.create_table(model._meta.table())
        for field in model._meta.local_many_to_many:
            self.create_join_table(field)

    def delete_model(self, model: type[Model]) -> None:
        """Drop the model's join tables, then its table."""
        if not self.allows(model):
            return
        for field in model._meta.local_many_to_many:
            self.delete_join_table(field)
        self.op.impl.drop_table(model._meta.table())

    def create_join_table(self, field: Any) -> None:
        through = field.through
        if through._meta.auto_created and self.allows(field.model):
            self.op.impl.create_table(through._meta.table())

    def delete_join_table(self, field: Any) -> None:
        through = field.through
        if through._meta.auto_created and self.allows(field.model):
            self.op.impl.drop_table(through._meta.table())

    def rename_table(self, old: str, new: str) -> None:
        if old != new:
            self.op.rename_table(old, new)

    # -- altering a table -----------------------------------------------------------------------

    def alter_table(
        self,
        old: Table,
        new: Table,
        *,
        renames: dict[str, str] | None = None,
        fill: dict[str, Any] | None = None,
    ) -> None:
        """Change table ``old`` (as it is in the database) into ``new``.

        ``renames`` maps old column names to new ones; ``fill`` gives the value existing
        rows get in an added column (already converted for the database).
        """
        renames = dict(renames or {})
        fill = dict(fill or {})
        dialect = self.connection.dialect
        old_cols = {c.name: c for c in old.columns}
        new_cols = {c.name: c for c in new.columns}
        inverse = {v: k for k, v in renames.items()}
        source: dict[str, str] = {}
        for name in new_cols:
            origin = inverse.get(name, name)
            kept = origin == name and name not in renames
            if origin in old_cols and (kept or origin in renames):
                source[name] = origin
        dropped = [old_cols[n] for n in old_cols if n not in source.values()]
        added = [new_cols[n] for n in new_cols if n not in source]
        altered = [
            (old_cols[source[n]], new_cols[n])
            for n in new_cols
            if n in source and _column_differs(old_cols[source[n]], new_cols[n], dialect)
        ]
        old_fks, new_fks = _fks(old), _fks(new)
        old_idx, new_idx = _indexes(old), _indexes(new)
        old_cons, new_cons = _constraints(old, dialect), _constraints(new, dialect)
        drop_fks = [c for s, c in old_fks.items() if s not in new_fks]
        add_fks = [c for s, c in new_fks.items() if s not in old_fks]
        drop_idx = [i for s, i in old_idx.items() if s not in new_idx]
        add_idx = [i for s, i in new_idx.items() if s not in old_idx]
        drop_cons = [c for s, c in old_cons.items() if s not in new_cons]
        add_cons = [c for s, c in new_cons.items() if s not in old_cons]
        changes = [dropped, added, altered, drop_fks, add_fks, drop_idx, add_idx]
        if not any(changes) and not (drop_cons or add_cons):
            return
        diff = _Diff(
            dropped, added, altered, drop_fks, add_fks, drop_idx, add_idx, drop_cons, add_cons
        )
        if self.vendor == "sqlite":
            self._alter_sqlite(old, new, diff, fill)
        else:
            self._alter_in_place(old, new, diff, fill)

    def _column_ops(self, op: Any, table: str, diff: _Diff, fill: dict[str, Any]) -> None:
        """Drop the old constraints and indexes, then drop, alter and add columns."""
        import sqlalchemy as sa

        for fk in diff.drop_fks:
            op.drop_constraint(fk.name, **self._table_arg(table), type_="foreignkey")
        for index in diff.drop_idx:
            op.drop_index(index.name, **self._table_arg(table))
        for constraint in diff.drop_cons:
            kind = "unique" if isinstance(constraint, sa.UniqueConstraint) else "check"
            op.drop_constraint(constraint.name, **self._table_arg(table), type_=kind)
        for column in diff.dropped:
            op.drop_column(*self._args(table, column.name))
        for before, after in diff.altered:
            self._alter_column(op, table, before, after)
        for column in diff.added:
            default = column.server_default
            if fill.get(column.name) is not None:
                default = _literal(fill[column.name], self.vendor)
            op.add_column(
                *self._args(
                    table,
                    sa.Column(
                        column.name, column.type, nullable=column.nullable, server_default=default
                    ),
                )
            )

    def _alter_sqlite(self, old: Table, new: Table, diff: _Diff, fill: dict[str, Any]) -> None:
        """SQLite: column changes in one batch on the old table, then (when constraints,
        foreign keys or one-off defaults changed) a rebuild to exactly the new table."""
        if self._rename_sqlite_columns(old, diff):
            return
        columns_change = bool(diff.dropped or diff.added or diff.altered)
        if columns_change:
            with self._batch(old) as op:
                self._column_ops(op, old.name, diff, fill)
        one_off = any(fill.get(c.name) is not None for c in diff.added)
        rebuild = bool(diff.add_fks or diff.add_cons or one_off)
        if not columns_change and (diff.drop_fks or diff.drop_cons):
            rebuild = True
        if rebuild:
            # Alembic recreates the table from ``new``: its columns, constraints, foreign
            # keys and indexes, copying every row across.
            with self.op.batch_alter_table(new.name, copy_from=new, recreate="always"):
                pass
            return
        if not columns_change:
            for index in diff.drop_idx:
                self.op.impl.drop_index(index)
        for index in diff.add_idx:
            self.op.impl.create_index(index)

    def _rename_sqlite_columns(self, old: Table, diff: _Diff) -> bool:
        """A change that only renames columns: ``ALTER TABLE ... RENAME COLUMN`` (SQLite
        3.25+), no table rebuild. SQLite rewrites the indexes, foreign keys (in every table)
        and constraints that name the column; an index whose *name* changes too is dropped
        and created again. Return False (rebuild) for anything else."""
        if sqlite3.sqlite_version_info < (3, 25, 0):
            return False
        if diff.dropped or diff.added or not diff.altered:
            return False
        dialect = self.connection.dialect
        renames: dict[str, str] = {}
        for before, after in diff.altered:
            if before.name == after.name or not _same_but_name(before, after, dialect):
                return False
            renames[before.name] = after.name
        if set(renames.values()) & {c.name for c in old.columns}:
            return False  # a swap (a -> b, b -> a) needs a temporary name: rebuild
        if any(_is_check(c) for c in diff.drop_cons + diff.add_cons):
            return False
        # SQLite keeps foreign keys and unique constraints without usable names (nothing
        # refers to them by name; a rebuild starts from the model), so a name derived from
        # the renamed column may stay as it was: only their columns must match.
        table = old.name
        kept_fks = {_renamed_fk(fk, renames, table) for fk in diff.drop_fks}
        if kept_fks != {_renamed_fk(fk, {}, table) for fk in diff.add_fks}:
            return False
        kept_cons = {_renamed_unique(c, renames) for c in diff.drop_cons}
        if kept_cons != {_renamed_unique(c, {}) for c in diff.add_cons}:
            return False
        new_idx = {_renamed_index(i, {}): i for i in diff.add_idx}
        drop_idx = [i for i in diff.drop_idx if _renamed_index(i, renames) not in new_idx]
        old_idx = {_renamed_index(i, renames) for i in diff.drop_idx}
        add_idx = [i for shape, i in new_idx.items() if shape not in old_idx]
        quote = dialect.identifier_preparer.quote
        for index in drop_idx:
            self.op.impl.drop_index(index)
        for before, after in renames.items():
            self.run_ddl(
                f"ALTER TABLE {quote(table)} RENAME COLUMN {quote(before)} TO {quote(after)}"
            )
        for index in add_idx:
            self.op.impl.create_index(index)
        return True

    def _alter_in_place(self, old: Table, new: Table, diff: _Diff, fill: dict[str, Any]) -> None:
        """PostgreSQL, MariaDB/MySQL: ALTER statements in dependency order."""
        import sqlalchemy as sa

        table = old.name
        dialect = self.connection.dialect
        op = self.op
        self._rename_indexes(table, diff)
        self._column_ops(op, table, diff, fill)
        for constraint in diff.add_cons:
            if isinstance(constraint, sa.UniqueConstraint):
                cols = [c.name for c in constraint.columns]
                op.create_unique_constraint(str(constraint.name), table, cols)
            else:
                condition = sa.text(_check_sql(constraint, dialect))
                op.create_check_constraint(constraint.name, table, condition)
        for index in diff.add_idx:
            op.impl.create_index(index)
        for fk in diff.add_fks:
            op.create_foreign_key(
                fk.name,
                table,
                fk.elements[0].column.table.name,
                [e.parent.name for e in fk.elements],
                [e.column.name for e in fk.elements],
            )
        # A one-off default only served the existing rows: the column keeps none.
        for column in diff.added:
            if fill.get(column.name) is not None and column.server_default is None:
                op.alter_column(
                    table,
                    column.name,
                    server_default=None,
                    existing_type=column.type,
                    existing_nullable=column.nullable,
                    existing_server_default=_literal(fill[column.name], self.vendor),
                )

    def _rename_indexes(self, table: str, diff: _Diff) -> None:
        """An index only renamed (same columns, same table) is renamed, not rebuilt."""
        quote = self.connection.dialect.identifier_preparer.quote
        for index in list(diff.drop_idx):
            shape = (_index_shape(index), bool(index.unique))
            match = next(
                (i for i in diff.add_idx if (_index_shape(i), bool(i.unique)) == shape), None
            )
            if match is None or any(c.name in _index_shape(index) for c in diff.dropped):
                continue
            if any(before.name in _index_shape(index) for before, _ in diff.altered):
                continue
            if self.vendor == "postgresql":
                sql = f"ALTER INDEX {quote(index.name)} RENAME TO {quote(match.name)}"
            else:
                sql = (
                    f"ALTER TABLE {quote(table)} RENAME INDEX {quote(index.name)} "
                    f"TO {quote(match.name)}"
                )
            self.run_ddl(sql)
            diff.drop_idx.remove(index)
            diff.add_idx.remove(match)

    # -- helpers --------------------------------------------------------------------------------

    @contextmanager
    def _batch(self, copy_from: Table) -> Iterator[Any]:
        """Alembic's batch mode on SQLite (table rebuilds); plain operations elsewhere."""
        if self.vendor == "sqlite":
            with self.op.batch_alter_table(
                copy_from.name, copy_from=copy_from, recreate="auto"
            ) as batch:
                self._in_batch = True
                try:
                    yield batch
                finally:
                    self._in_batch = False
        else:
            self._in_batch = False
            yield self.op

    _in_batch = False

    def _table_arg(self, table: str) -> dict[str, str]:
        return {} if self._in_batch else {"table_name": table}

    def _args(self, table: str, *rest: Any) -> tuple[Any, ...]:
        return rest if self._in_batch else (table, *rest)

    def _alter_column(self, op: Any, table: str, before: Column[Any], after: Column[Any]) -> None:
        dialect = self.connection.dialect
        kwargs: dict[str, Any] = {
            "existing_type": before.type,
            "existing_nullable": before.nullable,
            "existing_server_default": before.server_default,
        }
        if before.name != after.name:
            kwargs["new_column_name"] = after.name
        if _type_sql(before, dialect) != _type_sql(after, dialect):
            kwargs["type_"] = after.type
            if self.vendor == "postgresql" and _needs_cast(before.type, after.type):
                kwargs["postgresql_using"] = (
                    f"{dialect.identifier_preparer.quote(before.name)}::{_type_sql(after, dialect)}"
                )
        if before.nullable != after.nullable:
            kwargs["nullable"] = after.nullable
        if _default_sql(before, dialect) != _default_sql(after, dialect):
            default = after.server_default
            kwargs["server_default"] = getattr(default, "arg", None) if default else None
        op.alter_column(*self._args(table, before.name), **kwargs)


def _literal(value: Any, vendor: str) -> Any:
    """A database-ready Python value as a server default Alembic can render.

    On SQLite a plain string keeps ``ADD COLUMN`` in place (column affinity turns '0' into
    0); an expression would make Alembic rebuild the table for it.
    """
    import sqlalchemy as sa

    if vendor == "sqlite" and not isinstance(value, bytes):
        return str(int(value)) if isinstance(value, bool) else str(value)
    if isinstance(value, bool):
        return sa.true() if value else sa.false()
    if isinstance(value, int | float | Decimal):
        return sa.text(str(value))
    if isinstance(value, bytes):
        return sa.text("X'" + value.hex() + "'")
    return str(value)


def _needs_cast(before: Any, after: Any) -> bool:
    """PostgreSQL converts within a family (text, integers, numbers) by itself; across
    families it needs ``USING column::type``."""
    import sqlalchemy as sa

    families: list[tuple[type[Any], ...]] = [
        (sa.String,),
        (sa.Integer,),
        (sa.Numeric, sa.Float),
    ]
    return not any(isinstance(before, f) and isinstance(after, f) for f in families)


def _type_sql(column: Column[Any], dialect: Any) -> str:
    return str(column.type.compile(dialect=dialect))


def _default_sql(column: Column[Any], dialect: Any) -> str | None:
    default = column.server_default
    if default is None:
        return None
    arg: Any = getattr(default, "arg", default)
    if isinstance(arg, str):
        return repr(arg)
    return str(arg.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))


def _same_but_name(before: Column[Any], after: Column[Any], dialect: Any) -> bool:
    return (
        _type_sql(before, dialect) == _type_sql(after, dialect)
        and before.nullable == after.nullable
        and _default_sql(before, dialect) == _default_sql(after, dialect)
        and before.primary_key == after.primary_key
    )


def _is_check(constraint: Any) -> bool:
    import sqlalchemy as sa

    return isinstance(constraint, sa.CheckConstraint)


def _renamed_fk(fk: Any, renames: dict[str, str], table: str) -> tuple[Any, ...]:
    target = fk.elements[0].column.table.name
    targets = renames if target == table else {}
    return (
        tuple(renames.get(e.parent.name, e.parent.name) for e in fk.elements),
        target,
        tuple(targets.get(e.column.name, e.column.name) for e in fk.elements),
    )


def _renamed_unique(constraint: Any, renames: dict[str, str]) -> tuple[Any, ...]:
    return tuple(renames.get(c.name, c.name) for c in constraint.columns)


def _renamed_index(index: Any, renames: dict[str, str]) -> tuple[Any, ...]:
    columns = []
    for spec in _index_shape(index):
        name, _, rest = spec.partition(" ")
        columns.append(" ".join(filter(None, [renames.get(name, name), rest])))
    return (index.name, tuple(columns), bool(index.unique))


def _column_differs(before: Column[Any], after: Column[Any], dialect: Any) -> bool:
    return (
        before.name != after.name
        or _type_sql(before, dialect) != _type_sql(after, dialect)
        or before.nullable != after.nullable
        or _default_sql(before, dialect) != _default_sql(after, dialect)
    )


def _fks(table: Table) -> dict[tuple[Any, ...], Any]:
    found = {}
    for fk in table.foreign_key_constraints:
        sig = (
            fk.name,
            tuple(e.parent.name for e in fk.elements),
            fk.elements[0].column.table.name,
            tuple(e.column.name for e in fk.elements),
        )
        found[sig] = fk
    return found


def _indexes(table: Table) -> dict[tuple[Any, ...], Any]:
    return {
        (index.name, tuple(str(c) for c in _index_columns(index)), bool(index.unique)): index
        for index in table.indexes
    }


def _index_columns(index: Any) -> list[Any]:
    import sqlalchemy as sa

    columns: list[Any] = []
    for expression in index.expressions:
        modifier = getattr(expression, "modifier", None)
        element = getattr(expression, "element", None)
        if modifier is not None and element is not None and hasattr(element, "name"):
            columns.append(sa.text(f"{element.name} DESC"))
        else:
            columns.append(getattr(expression, "name", str(expression)))
    return columns


def _index_shape(index: Any) -> tuple[str, ...]:
    return tuple(str(c) for c in _index_columns(index))


def _check_sql(constraint: Any, dialect: Any) -> str:
    text = constraint.sqltext
    kwargs = {"literal_binds": True, "include_table": False}
    return str(text.compile(dialect=dialect, compile_kwargs=kwargs))


def _constraints(table: Table, dialect: Any) -> dict[tuple[Any, ...], Any]:
    import sqlalchemy as sa

    found: dict[tuple[Any, ...], Any] = {}
    for constraint in table.constraints:
        if isinstance(constraint, sa.UniqueConstraint):
            found[("unique", constraint.name, tuple(c.name for c in constraint.columns))] = (
                constraint
            )
        elif isinstance(constraint, sa.CheckConstraint):
            found[("check", constraint.name, _check_sql(constraint, dialect))] = constraint
    return found
