"""What ``makemigrations`` does, apart from talking to the terminal.

``Maker(app_labels, questioner)`` loads the migration files, compares the state they build
with today's models and returns new ``Migration`` objects (``changes()``, ``empty()``,
``merge()``); ``write(migration)`` saves one into ``<app>/migrations/``. The system check in
``checks.py`` uses the same code to find models without migrations.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import heron
from heron.apps import apps
from heron.core.exceptions import HeronError

from .autodetector import MigrationAutodetector
from .loader import MigrationLoader
from .questioner import MigrationQuestioner
from .state import ProjectState
from .writer import MigrationWriter, migration_filename, new_migration, next_number

if TYPE_CHECKING:
    from heron.apps import AppConfig

    from .migration import Migration
    from .state import ProjectState

__all__ = [
    "MakeMigrationsError",
    "Maker",
    "SilentQuestioner",
    "app_wants_migrations",
    "migrations_directory",
    "pending_changes",
]


class MakeMigrationsError(HeronError):
    """makemigrations cannot go on (unknown app, conflicting leaves...)."""


def migrations_directory(config: AppConfig) -> Path:
    return Path(config.path) / "migrations"


def app_wants_migrations(config: AppConfig) -> bool:
    """Apps get migrations automatically when they have a ``migrations`` package already or
    live outside Heron itself (a framework app without one is left alone)."""
    if (migrations_directory(config) / "__init__.py").exists():
        return True

    framework = Path(heron.__file__).resolve().parent
    return not Path(config.path).resolve().is_relative_to(framework)


class Maker:
    """Compute (and write) the migrations for ``app_labels`` (every app when empty)."""

    def __init__(
        self, app_labels: list[str], questioner: MigrationQuestioner | None = None
    ) -> None:
        self.configs = {config.label: config for config in apps.get_app_configs()}
        unknown = [label for label in app_labels if label not in self.configs]
        if unknown:
            raise MakeMigrationsError(
                f"No installed app with label {', '.join(map(repr, unknown))}. Installed apps: "
                f"{', '.join(self.configs) or '(none)'}."
            )
        self.app_labels = app_labels
        self.questioner = questioner or MigrationQuestioner()

        self.loader = MigrationLoader(None)

    # -- what exists -----------------------------------------------------------------------

    def leaves(self, app_label: str) -> list[str]:
        return sorted(name for app, name in self.loader.graph.leaf_nodes(app_label))

    def _check_conflicts(self) -> None:
        labels = self.app_labels or list(self.configs)
        conflicts = {label: self.leaves(label) for label in labels if len(self.leaves(label)) > 1}
        if conflicts:
            found = "; ".join(f"{app}: {', '.join(names)}" for app, names in conflicts.items())
            raise MakeMigrationsError(
                f"Conflicting migrations: more than one latest migration in {found}. "
                "Run 'heron makemigrations --merge' to join them."
            )

    def _considered(self) -> list[str]:
        if self.app_labels:
            return list(self.app_labels)
        return [label for label, config in self.configs.items() if app_wants_migrations(config)]

    def target_state(self) -> ProjectState:
        """Today's models of the installed apps."""
        state = ProjectState.from_apps()
        state.models = {k: v for k, v in state.models.items() if k[0] in self.configs}
        return state

    # -- making ----------------------------------------------------------------------------

    def changes(self, name: str | None = None) -> dict[str, list[Migration]]:
        """Return the migrations that bring the files up to date with the models."""
        self._check_conflicts()
        considered = set(self._considered())
        from_state = self.loader.project_state()
        to_state = self.target_state()
        # Apps left out keep their state as the files describe it, so nothing is found there.
        for key in list(to_state.models):
            if key[0] not in considered:
                del to_state.models[key]
        for key, model_state in from_state.models.items():
            if key[0] not in considered:
                to_state.models[key] = model_state
        detector = MigrationAutodetector(from_state, to_state, self.questioner)
        leaves: dict[str, str | None] = {}
        for label in self.configs:
            found = self.leaves(label)
            leaves[label] = found[-1] if found else None
        trim = self.app_labels or None
        return detector.changes(leaves, trim_to_apps=trim, name=name)

    def empty(self, name: str | None = None) -> dict[str, list[Migration]]:
        """Return one empty migration per app asked for (to fill with RunPython/RunSQL)."""
        self._check_conflicts()
        result: dict[str, list[Migration]] = {}
        for label in self.app_labels:
            leaves = self.leaves(label)
            migration = new_migration(
                label,
                "draft",
                dependencies=[(label, leaves[-1])] if leaves else [],
                initial=not leaves or None,
            )
            number = next_number(leaves)
            migration.name = migration_filename(number, migration, name)
            result[label] = [migration]
        return result

    def merge(self, name: str | None = None) -> dict[str, list[Migration]]:
        """Return a merge migration for each app with several leaves (asking first)."""
        result: dict[str, list[Migration]] = {}
        for label in self.app_labels or list(self.configs):
            leaves = self.leaves(label)
            if len(leaves) < 2 or not self.questioner.ask_merge(label, leaves):
                continue
            dependencies = [(label, leaf) for leaf in leaves]
            migration = new_migration(label, "draft", dependencies=dependencies)
            numbers = [leaf.split("_", 1)[0] for leaf in leaves]
            suffix = name or "merge_" + "_".join(numbers)
            migration.name = f"{next_number(leaves):04d}_{suffix}"
            result[label] = [migration]
        return result

    # -- writing ---------------------------------------------------------------------------

    def path_for(self, migration: Migration) -> Path:
        directory = migrations_directory(self.configs[migration.app_label])
        return directory / f"{migration.name}.py"

    def write(self, migration: Migration) -> Path:
        directory = migrations_directory(self.configs[migration.app_label])
        return MigrationWriter(migration).write(directory)


class SilentQuestioner(MigrationQuestioner):
    """Answer without asking and without failing (for checks: nothing is written)."""

    def ask_not_null_addition(self, model_label: str, field_name: str, field: Any) -> Any:
        return None


def pending_changes(app_labels: list[str] | None = None) -> dict[str, list[Migration]]:
    """Return the migrations makemigrations would write, never asking anything."""
    return Maker(app_labels or [], SilentQuestioner()).changes()
