"""The errors of the migrations room."""

from __future__ import annotations

from heron.core.exceptions import HeronError

__all__ = [
    "AmbiguityError",
    "BadMigrationError",
    "CircularDependencyError",
    "InconsistentMigrationHistory",
    "InvalidBasesError",
    "IrreversibleError",
    "MigrationError",
    "MigrationFailed",
    "MigrationLockTimeout",
    "MigrationSchemaMissing",
    "NodeNotFoundError",
]


class MigrationError(HeronError):
    """Base class of every migrations error."""


class AmbiguityError(MigrationError):
    """A migration name prefix matches more than one migration."""


class BadMigrationError(MigrationError):
    """A migration file cannot be used (no ``Migration`` class, bad attributes...)."""


class CircularDependencyError(MigrationError):
    """Migrations depend on each other in a cycle."""


class InconsistentMigrationHistory(MigrationError):
    """An applied migration depends on one that is not applied."""


class InvalidBasesError(MigrationError):
    """A model state names a base class that cannot be rendered."""


class IrreversibleError(MigrationError):
    """An operation cannot be run backwards."""


class MigrationFailed(MigrationError):
    """An operation failed while migrating; the message says what was rolled back or what
    stayed applied (databases without transactional DDL)."""

    def __init__(self, message: str, migration: object, operation_index: int) -> None:
        super().__init__(message)
        self.migration = migration
        self.operation_index = operation_index


class MigrationLockTimeout(MigrationError):
    """Another ``migrate`` held the migration lock for longer than the timeout."""


class MigrationSchemaMissing(MigrationError):
    """The ``heron_migrations`` table could not be created."""


class NodeNotFoundError(MigrationError):
    """A dependency names a migration that does not exist."""

    def __init__(self, message: str, node: tuple[str, str], origin: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.node = node
        self.origin = origin

    def __str__(self) -> str:
        return self.message
