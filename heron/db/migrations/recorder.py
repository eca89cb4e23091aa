"""``MigrationRecorder``: the ``heron_migrations`` table of applied migrations."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from .exceptions import MigrationSchemaMissing

if TYPE_CHECKING:
    from sqlalchemy import Table

    from heron.db.backends.base.wrapper import DatabaseWrapper

__all__ = ["MigrationRecorder", "table_exists"]

TABLE_NAME = "heron_migrations"


class MigrationRecorder:
    """Reads and writes which migrations are applied on one database."""

    def __init__(self, connection: DatabaseWrapper) -> None:
        self.connection = connection

    @staticmethod
    def table() -> Table:
        import sqlalchemy as sa

        return sa.Table(
            TABLE_NAME,
            sa.MetaData(),
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("app", sa.String(255), nullable=False),
            sa.Column("name", sa.String(255), nullable=False),
            sa.Column("applied", sa.DateTime, nullable=False),
        )

    def _sql(self, sql: str) -> str:
        return sql.replace("%s", "?") if self.connection.paramstyle == "qmark" else sql

    def has_table(self) -> bool:
        return table_exists(self.connection, TABLE_NAME)

    def ensure_schema(self) -> None:
        """Create the table unless it exists."""
        if self.has_table():
            return
        from sqlalchemy.schema import CreateTable

        try:
            ddl = str(CreateTable(self.table()).compile(dialect=self.connection.dialect))
            self.connection.execute(ddl, None, fetch="none")
        except Exception as exc:
            raise MigrationSchemaMissing(
                f"Unable to create the {TABLE_NAME} table on database "
                f"{self.connection.alias!r}: {exc}"
            ) from exc

    def applied_migrations(self) -> dict[tuple[str, str], datetime]:
        """``{(app, name): applied}`` (empty when the table does not exist yet)."""
        if not self.has_table():
            return {}
        rows = self.connection.execute(f"SELECT app, name, applied FROM {TABLE_NAME} ORDER BY id")
        return {(str(app), str(name)): applied for app, name, applied in rows}

    def record_applied(self, app: str, name: str) -> None:
        self.ensure_schema()
        now = datetime.now(UTC).replace(tzinfo=None)
        if self.connection.vendor == "sqlite":
            value: object = now.isoformat(sep=" ")
        else:
            value = now
        self.connection.execute(
            self._sql(f"INSERT INTO {TABLE_NAME} (app, name, applied) VALUES (%s, %s, %s)"),
            [app, name, value],
            fetch="none",
        )

    def record_unapplied(self, app: str, name: str) -> None:
        self.ensure_schema()
        self.connection.execute(
            self._sql(f"DELETE FROM {TABLE_NAME} WHERE app = %s AND name = %s"),
            [app, name],
            fetch="none",
        )

    def flush(self) -> None:
        """Forget every applied migration (tests)."""
        if self.has_table():
            self.connection.execute(f"DELETE FROM {TABLE_NAME}", None, fetch="none")


def table_exists(connection: DatabaseWrapper, name: str) -> bool:
    """True when table ``name`` exists in the database of ``connection``."""
    vendor = connection.vendor
    if vendor == "sqlite":
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name = %s"
    elif vendor == "postgresql":
        sql = (
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema() AND table_name = %s"
        )
    else:
        sql = (
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = DATABASE() AND table_name = %s"
        )
    if connection.paramstyle == "qmark":
        sql = sql.replace("%s", "?")
    return bool(connection.execute(sql, [name]))
