"""Migrations: files describing schema changes, applied forwards and backwards.

Migration files say ``from heron.db import migrations`` and use ``migrations.Migration``
and the operations (``migrations.CreateModel(...)``...) re-exported here. Alembic, which
runs the DDL, is imported only when a migration actually runs.
"""

from .exceptions import (
    BadMigrationError,
    CircularDependencyError,
    InconsistentMigrationHistory,
    IrreversibleError,
    MigrationError,
    MigrationFailed,
    MigrationLockTimeout,
    MigrationSchemaMissing,
    NodeNotFoundError,
)
from .migration import Migration, swappable_dependency
from .operations import (
    AddConstraint,
    AddField,
    AddIndex,
    AlterField,
    AlterModelOptions,
    AlterModelTable,
    AlterUniqueTogether,
    CreateModel,
    DeleteModel,
    Operation,
    RemoveConstraint,
    RemoveField,
    RemoveIndex,
    RenameField,
    RenameIndex,
    RenameModel,
    RunPython,
    RunSQL,
    SeparateDatabaseAndState,
)

__all__ = [
    "AddConstraint",
    "AddField",
    "AddIndex",
    "AlterField",
    "AlterModelOptions",
    "AlterModelTable",
    "AlterUniqueTogether",
    "BadMigrationError",
    "CircularDependencyError",
    "CreateModel",
    "DeleteModel",
    "InconsistentMigrationHistory",
    "IrreversibleError",
    "Migration",
    "MigrationError",
    "MigrationFailed",
    "MigrationLockTimeout",
    "MigrationSchemaMissing",
    "NodeNotFoundError",
    "Operation",
    "RemoveConstraint",
    "RemoveField",
    "RemoveIndex",
    "RenameField",
    "RenameIndex",
    "RenameModel",
    "RunPython",
    "RunSQL",
    "SeparateDatabaseAndState",
    "swappable_dependency",
]
