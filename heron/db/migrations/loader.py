"""``MigrationLoader``: reads every installed app's ``migrations`` package into a graph.

Files are ``<app>/migrations/NNNN_name.py``, each defining a ``Migration`` class. An app
without a ``migrations`` package is *unmigrated*: its tables are made from the models
directly (tests) and ``migrate`` leaves it alone. ``MIGRATION_MODULES = {"blog": "x.y"}``
moves an app's migrations elsewhere (``None`` turns them off).
"""

from __future__ import annotations

import importlib
import pkgutil
from datetime import datetime
from typing import TYPE_CHECKING, Any

from heron.apps import apps
from heron.conf import settings

from .exceptions import (
    AmbiguityError,
    BadMigrationError,
    InconsistentMigrationHistory,
    NodeNotFoundError,
)
from .graph import Key, MigrationGraph
from .migration import Migration
from .recorder import MigrationRecorder

if TYPE_CHECKING:
    from heron.db.backends.base.wrapper import DatabaseWrapper

    from .state import ProjectState

__all__ = ["MigrationLoader"]


def migrations_module(app_label: str, app_name: str) -> str | None:
    """The dotted module holding an app's migrations (None: turned off)."""
    custom: dict[str, Any] = getattr(settings, "MIGRATION_MODULES", None) or {}
    if app_label in custom:
        value = custom[app_label]
        return None if value is None else str(value)
    return f"{app_name}.migrations"


class MigrationLoader:
    """The migrations on disk, their graph and (given a connection) which are applied."""

    def __init__(
        self,
        connection: DatabaseWrapper | None = None,
        *,
        load: bool = True,
        replace_migrations: bool = True,
    ) -> None:
        self.connection = connection
        self.replace_migrations = replace_migrations
        self.disk_migrations: dict[Key, Migration] = {}
        self.migrated_apps: set[str] = set()
        self.unmigrated_apps: set[str] = set()
        self.applied_migrations: dict[Key, datetime] = {}
        self.replacements: dict[Key, Migration] = {}
        self.graph = MigrationGraph()
        if load:
            self.build_graph()

    # -- reading the files ----------------------------------------------------------------------

    def load_disk(self) -> None:
        self.disk_migrations = {}
        self.migrated_apps = set()
        self.unmigrated_apps = set()
        importlib.invalidate_caches()
        for config in apps.get_app_configs():
            module_name = migrations_module(config.label, config.name)
            if module_name is None:
                self.unmigrated_apps.add(config.label)
                continue
            try:
                module = importlib.import_module(module_name)
            except ModuleNotFoundError as exc:
                if exc.name and module_name.startswith(exc.name):
                    self.unmigrated_apps.add(config.label)
                    continue
                raise
            if not hasattr(module, "__path__"):
                self.unmigrated_apps.add(config.label)
                continue
            self.migrated_apps.add(config.label)
            names = sorted(
                name
                for _, name, is_pkg in pkgutil.iter_modules(module.__path__)
                if not is_pkg and name[0] not in "_~"
            )
            for name in names:
                full = f"{module_name}.{name}"
                file_module = importlib.import_module(full)
                migration_class = getattr(file_module, "Migration", None)
                if not (
                    isinstance(migration_class, type) and issubclass(migration_class, Migration)
                ):
                    raise BadMigrationError(
                        f"Migration file {full} has no Migration class (a subclass of "
                        "heron.db.migrations.Migration)."
                    )
                self.disk_migrations[(config.label, name)] = migration_class(name, config.label)

    # -- the graph ------------------------------------------------------------------------------

    def _resolve(self, key: Key, origin: Migration) -> Key:
        app_label, name = key
        if name in ("__first__", "__latest__"):
            if app_label in self.unmigrated_apps or app_label not in self.migrated_apps:
                raise NodeNotFoundError(
                    f"Migration {origin} depends on app {app_label!r}, which has no migrations.",
                    key,
                    origin,
                )
            nodes = (
                self.graph.root_nodes(app_label)
                if name == "__first__"
                else self.graph.leaf_nodes(app_label)
            )
            if not nodes:
                raise NodeNotFoundError(
                    f"Migration {origin} depends on {app_label}.{name}, but that app has no "
                    "migrations.",
                    key,
                    origin,
                )
            return nodes[0]
        return key

    def build_graph(self) -> None:
        self.load_disk()
        if self.connection is not None:
            self.applied_migrations = MigrationRecorder(self.connection).applied_migrations()
        else:
            self.applied_migrations = {}
        graph = MigrationGraph()
        self.graph = graph
        for key, migration in self.disk_migrations.items():
            graph.add_node(key, migration)
        # Same-app dependencies first, so __first__/__latest__ of other apps resolve.
        for internal in (True, False):
            for key, migration in self.disk_migrations.items():
                for parent in migration.dependencies:
                    if (parent[0] == key[0]) != internal:
                        continue
                    resolved = self._resolve(tuple(parent), migration)  # type: ignore[arg-type]
                    graph.add_dependency(key, resolved, origin=str(migration))
                if internal:
                    continue
                for child in migration.run_before:
                    resolved = self._resolve(tuple(child), migration)  # type: ignore[arg-type]
                    graph.add_dependency(resolved, key, origin=str(migration))
        self.replacements = {
            key: migration for key, migration in self.disk_migrations.items() if migration.replaces
        }
        for key, migration in self.replacements.items():
            replaced = [tuple(r) for r in migration.replaces]
            applied = [r in self.applied_migrations for r in replaced]
            if not self.replace_migrations:
                graph.remove_node(key)
            elif all(applied) or not any(applied):
                graph.replace_nodes(key, replaced)  # type: ignore[arg-type]
                if all(applied) and key not in self.applied_migrations:
                    self.applied_migrations[key] = self.applied_migrations[replaced[0]]  # type: ignore[index]
            else:
                graph.remove_node(key)  # half applied: keep the originals until they are
        graph.ensure_not_cyclic()

    def check_consistent_history(self) -> None:
        """Raise when an applied migration has a dependency that is not applied."""
        if self.connection is None:
            return
        for key in self.applied_migrations:
            if key not in self.graph.nodes:
                continue
            for parent in sorted(self.graph.parents[key]):
                if parent in self.applied_migrations:
                    continue
                replacement = self.replacements.get(parent)
                if replacement is not None and all(
                    tuple(r) in self.applied_migrations for r in replacement.replaces
                ):
                    continue
                raise InconsistentMigrationHistory(
                    f"Migration {key[0]}.{key[1]} is applied before its dependency "
                    f"{parent[0]}.{parent[1]} on database {self.connection.alias!r}."
                )

    # -- queries --------------------------------------------------------------------------------

    def get_migration(self, app_label: str, name: str) -> Migration:
        return self.graph.nodes[(app_label, name)]

    def get_migration_by_prefix(self, app_label: str, prefix: str) -> Migration:
        """The one migration of ``app_label`` whose name starts with ``prefix``."""
        if app_label not in self.migrated_apps:
            raise KeyError(f"App {app_label!r} has no migrations.")
        exact = self.disk_migrations.get((app_label, prefix))
        if exact is not None:
            return exact
        found = [
            m
            for (app, name), m in self.disk_migrations.items()
            if app == app_label and name.startswith(prefix)
        ]
        if len(found) > 1:
            names = ", ".join(sorted(m.name for m in found))
            raise AmbiguityError(
                f"More than one migration of app {app_label!r} matches {prefix!r}: {names}. "
                "Give more of the name."
            )
        if not found:
            raise KeyError(f"App {app_label!r} has no migration named {prefix!r}.")
        return found[0]

    def project_state(
        self, nodes: Key | list[Key] | None = None, at_end: bool = True
    ) -> ProjectState:
        """The state the migrations produce (up to ``nodes``; every leaf by default)."""
        return self.graph.make_state(nodes, at_end)
