"""``MigrationExecutor``: plans and runs migrations forwards and backwards on one database.

Each migration runs in one transaction where the database can roll DDL back (PostgreSQL,
SQLite): if an operation fails, the schema *and* the data changes of that migration are
undone. On SQLite the transaction runs with ``foreign_keys`` off (table rebuilds drop and
recreate tables other tables point at) and ``PRAGMA foreign_key_check`` verifies the result
before the commit. MariaDB/MySQL commit each DDL statement at once, so a failure stops with
``MigrationFailed`` naming the operation that failed and those already applied.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from heron.db.models.signals import post_migrate
from heron.db.transaction import atomic, in_atomic_block

from .editor import ProgressBar, SchemaEditor, schema_transaction
from .exceptions import IrreversibleError, MigrationFailed
from .graph import Key
from .loader import MigrationLoader
from .lock import MigrationLock
from .operations.models import CreateModel
from .operations.special import RunPython, RunSQL
from .recorder import MigrationRecorder, table_exists

if TYPE_CHECKING:
    from heron.db.backends.base.wrapper import DatabaseWrapper

    from .migration import Migration
    from .state import ProjectState

__all__ = ["MigrationExecutor", "MigrationFailed", "Plan", "Progress"]

Plan = list[tuple["Migration", bool]]
"""``(migration, backwards)`` pairs, in the order they run."""

Progress = Callable[..., None]
"""``progress(event, migration=None, fake=False, elapsed=0.0)``; events: ``apply_start``,
``apply_success``, ``unapply_start``, ``unapply_success``."""


class MigrationExecutor:
    """Runs the migration plan on ``connection`` (a ``DatabaseWrapper``)."""

    def __init__(
        self,
        connection: DatabaseWrapper,
        progress: Progress | None = None,
        progress_bar: ProgressBar | None = None,
    ) -> None:
        self.connection = connection
        self.progress_bar = progress_bar
        self.loader = MigrationLoader(connection)
        self.recorder = MigrationRecorder(connection)
        self.progress = progress

    def make_editor(self, *, collect_sql: bool = False) -> SchemaEditor:
        editor = SchemaEditor(self.connection, collect_sql=collect_sql)
        editor.progress_bar = self.progress_bar
        return editor

    def _notify(self, event: str, *args: Any, **kwargs: Any) -> None:
        if self.progress is not None:
            self.progress(event, *args, **kwargs)

    @contextmanager
    def lock(
        self,
        *,
        timeout: float | None = None,
        notice_after: float = 2.0,
        on_wait: Callable[[], None] | None = None,
    ) -> Iterator[None]:
        """Hold the database's migration lock for the block (see ``MigrationLock``), then
        read the applied migrations again: another run may have applied some meanwhile.
        Plan inside the block."""
        with MigrationLock(
            self.connection, timeout=timeout, notice_after=notice_after, on_wait=on_wait
        ):
            self.loader.build_graph()
            yield

    # -- planning -------------------------------------------------------------------------------

    def migration_plan(self, targets: list[tuple[str, str | None]]) -> Plan:
        """The steps that bring the database to ``targets``.

        A target ``(app, name)`` applies it and its dependencies, or, when it is already
        applied, unapplies the later migrations of its app; ``(app, None)`` unapplies every
        migration of the app ("zero").
        """
        graph = self.loader.graph
        applied = dict(self.loader.applied_migrations)
        plan: Plan = []

        def unapply_from(start: Key) -> None:
            for key in graph.backwards_plan(start):
                if key in applied:
                    plan.append((graph.nodes[key], True))
                    del applied[key]

        for app_label, name in targets:
            if name is None:
                for root in graph.root_nodes(app_label):
                    unapply_from(root)
                continue
            target = (app_label, name)
            if target in applied:
                later = sorted(c for c in graph.children[target] if c[0] == app_label)
                for child in later:
                    unapply_from(child)
                continue
            for key in graph.forwards_plan(target):
                if key not in applied:
                    plan.append((graph.nodes[key], False))
                    applied[key] = None  # type: ignore[assignment]
        return plan

    def leaf_targets(self, app_label: str | None = None) -> list[tuple[str, str | None]]:
        return list(self.loader.graph.leaf_nodes(app_label))

    # -- states ---------------------------------------------------------------------------------

    def _state_with(self, applied: set[Key]) -> ProjectState:
        graph = self.loader.graph
        return graph.make_state(sorted(key for key in applied if key in graph.nodes))

    # -- running --------------------------------------------------------------------------------

    def migrate(
        self,
        targets: list[tuple[str, str | None]] | None = None,
        *,
        plan: Plan | None = None,
        fake: bool = False,
        fake_initial: bool = False,
    ) -> None:
        """Apply/unapply the plan for ``targets`` (every app's latest migration if None)."""
        self.loader.check_consistent_history()
        if plan is None:
            plan = self.migration_plan(self.leaf_targets() if targets is None else targets)
        applied = set(self.loader.applied_migrations)
        if plan:
            self._run_plan(plan, fake=fake, fake_initial=fake_initial)
            applied = set(self.recorder.applied_migrations())
        post_migrate.send(sender=self, using=self.connection.alias, plan=plan, applied=applied)

    def _run_plan(self, plan: Plan, *, fake: bool, fake_initial: bool) -> None:
        if not fake:
            self.check_reversible(plan)
        self.recorder.ensure_schema()
        applied = {key for key in self.loader.applied_migrations if key in self.loader.graph}
        state: ProjectState | None = None  # carried from one applied migration to the next
        for migration, backwards in plan:
            if backwards:
                self.unapply_migration(migration, applied, fake=fake)
                applied.discard(migration.key)
                state = None
            else:
                state = self.apply_migration(
                    migration, applied, fake=fake, fake_initial=fake_initial, state=state
                )
                applied.add(migration.key)

    @staticmethod
    def check_reversible(plan: Plan) -> None:
        """Raise ``IrreversibleError`` before anything runs if a step cannot be undone."""
        for migration, backwards in plan:
            if not backwards:
                continue
            for operation in migration.operations:
                if not operation.reversible:
                    raise IrreversibleError(
                        f"Operation {operation.describe()!r} in {migration} is not "
                        f"reversible, so {migration} cannot be unapplied."
                    )

    def apply_migration(
        self,
        migration: Migration,
        applied: set[Key],
        *,
        fake: bool = False,
        fake_initial: bool = False,
        state: ProjectState | None = None,
    ) -> ProjectState:
        """Apply one migration; return the state after it. ``state`` is the state before it
        (computed from the applied migrations when not given)."""
        self._notify("apply_start", migration)
        start = time.perf_counter()
        if state is None:
            state = self._state_with(applied)
        if not fake and fake_initial and self.detect_soft_applied(state, migration):
            fake = True
        if fake:
            self._record(migration, applied=True)
            after = migration.mutate_state(state)
        else:
            with schema_transaction(self.connection, atomic=migration.atomic):
                after = self._run_operations(migration, state, backwards=False, editor=None)
                self._record(migration, applied=True)
        self._notify("apply_success", migration, fake=fake, elapsed=time.perf_counter() - start)
        return after

    def unapply_migration(
        self, migration: Migration, applied: set[Key], *, fake: bool = False
    ) -> None:
        self._notify("unapply_start", migration)
        start = time.perf_counter()
        if not fake:
            self.check_reversible([(migration, True)])
        if fake:
            self._record(migration, applied=False)
        else:
            before = self._state_with(applied - {migration.key})
            with schema_transaction(self.connection, atomic=migration.atomic):
                self._run_operations(migration, before, backwards=True, editor=None)
                self._record(migration, applied=False)
        self._notify("unapply_success", migration, fake=fake, elapsed=time.perf_counter() - start)

    def collect_sql(self, plan: Plan) -> list[str]:
        """The SQL the plan would run (nothing runs): for ``sqlmigrate``.

        Each migration is rendered against the state its dependencies produce, whatever is
        applied in the database.
        """
        statements: list[str] = []
        graph = self.loader.graph
        for migration, backwards in plan:
            if backwards:
                for operation in migration.operations:
                    if not operation.reversible:
                        raise IrreversibleError(
                            f"Operation {operation.describe()!r} in {migration} is not reversible."
                        )
            editor = self.make_editor(collect_sql=True)
            before = graph.make_state(migration.key, at_end=False)
            self._run_operations(migration, before, backwards=backwards, editor=editor)
            statements.extend(editor.collected_sql)
        return statements

    def _run_operations(
        self,
        migration: Migration,
        before: ProjectState,
        *,
        backwards: bool,
        editor: SchemaEditor | None,
    ) -> ProjectState:
        """Run the operations, forwards from ``before`` or backwards down to it; return the
        state with the migration applied."""
        editor = editor or self.make_editor()
        app_label = migration.app_label
        states = [before]
        for operation in migration.operations:
            after = states[-1].clone()
            operation.state_forwards(app_label, after)
            states.append(after)
        order = list(range(len(migration.operations)))
        if backwards:
            order.reverse()
        done: list[int] = []
        for index in order:
            operation = migration.operations[index]
            if editor.collect_sql:
                prefix = "Undo " if backwards else ""
                editor.comment(f"{prefix}{operation.describe()}")
            try:
                with self._operation_atomic(migration, operation, editor):
                    if backwards:
                        operation.database_backwards(
                            app_label, editor, states[index + 1], states[index]
                        )
                    else:
                        operation.database_forwards(
                            app_label, editor, states[index], states[index + 1]
                        )
            except IrreversibleError:
                raise
            except Exception as exc:
                if editor.collect_sql:
                    raise
                raise self._failure(migration, index, done, exc, backwards) from exc
            done.append(index)
        return states[-1]

    def _failure(
        self,
        migration: Migration,
        index: int,
        done: list[int],
        exc: Exception,
        backwards: bool,
    ) -> MigrationFailed:
        operations = migration.operations
        action = "Unapplying" if backwards else "Applying"
        message = (
            f"{action} {migration} failed at operation {index + 1} of {len(operations)} "
            f"({operations[index].describe()}): {exc}"
        )
        if self._transactional(migration):
            message += "\nThe migration's transaction was rolled back: nothing was changed."
        elif done:
            steps = "\n".join(f"  - {operations[i].describe()}" for i in done)
            if migration.atomic:
                why = f"{self.connection.display_name} cannot roll back schema changes"
            else:
                why = "The migration is not atomic (atomic = False)"
            message += (
                f"\n{why}, so these operations stay applied:\n{steps}\nUndo them by hand (or "
                "fix the migration so it can run from here) before migrating again."
            )
        else:
            message += "\nNo operation of this migration had been applied."
        return MigrationFailed(message, migration, index)

    # -- transactions ---------------------------------------------------------------------------

    def _transactional(self, migration: Migration) -> bool:
        return migration.atomic and self.connection.features.supports_transactional_ddl

    @contextmanager
    def _operation_atomic(
        self, migration: Migration, operation: Any, editor: SchemaEditor
    ) -> Iterator[None]:
        """Outside a migration transaction (``atomic = False``, MariaDB), a data migration
        still gets its own transaction, and so does each schema change on SQLite (its table
        rebuilds need foreign-key enforcement off)."""
        alias = self.connection.alias
        if editor.collect_sql or in_atomic_block(alias):
            yield
        elif isinstance(operation, RunPython):
            wanted = operation.atomic if operation.atomic is not None else migration.atomic
            if wanted:
                with atomic(using=alias):
                    yield
            else:
                yield
        elif self.connection.vendor == "sqlite" and not isinstance(operation, RunSQL):
            with schema_transaction(self.connection):
                yield
        else:
            yield

    # -- bookkeeping ----------------------------------------------------------------------------

    def _record(self, migration: Migration, *, applied: bool) -> None:
        keys = [tuple(r) for r in migration.replaces] or [migration.key]
        if migration.replaces:
            keys.append(migration.key)
        for app_label, name in keys:
            if applied:
                if (app_label, name) not in self.loader.applied_migrations:
                    self.recorder.record_applied(app_label, name)
                    self.loader.applied_migrations[(app_label, name)] = None  # type: ignore[assignment]
            else:
                self.recorder.record_unapplied(app_label, name)
                self.loader.applied_migrations.pop((app_label, name), None)

    def detect_soft_applied(self, state: ProjectState, migration: Migration) -> bool:
        """True when every model an initial migration creates already has its table."""
        if not migration.initial:
            return False
        creates = [op for op in migration.operations if isinstance(op, CreateModel)]
        if not creates:
            return False
        after = migration.mutate_state(state)
        for operation in creates:
            model = after.apps.get_model(migration.app_label, operation.name)
            if not table_exists(self.connection, model._meta.db_table):
                return False
        return True
