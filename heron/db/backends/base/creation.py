"""Create and destroy the throwaway database a test run uses."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .wrapper import DatabaseWrapper

__all__ = ["BaseDatabaseCreation"]


class BaseDatabaseCreation:
    """Test database life cycle; server backends share it, SQLite overrides it."""

    def __init__(self, connection: DatabaseWrapper) -> None:
        self.connection = connection
        self.original_name: str | None = None

    def test_db_name(self) -> str:
        """``TEST["NAME"]`` when set, else ``test_<NAME>``."""
        settings_dict = self.connection.settings_dict
        name: str | None = (settings_dict.get("TEST") or {}).get("NAME")
        return name or f"test_{settings_dict['NAME']}"

    def create_test_db(self, *, keepdb: bool = False) -> str:
        """Create the test database (dropping a leftover one) and point the alias at it."""
        wrapper = self.connection
        name = self.test_db_name()
        wrapper.close()
        self._execute_admin(self._create_sql(name, keepdb=keepdb))
        self.original_name = wrapper.settings_dict["NAME"]
        self._switch(name)
        return name

    def destroy_test_db(self, *, keepdb: bool = False) -> None:
        """Drop the test database and point the alias back at the original one."""
        wrapper = self.connection
        name = wrapper.settings_dict["NAME"]
        wrapper.close()
        if self.original_name is not None:
            self._switch(self.original_name)
            self.original_name = None
        if not keepdb:
            self._execute_admin([f"DROP DATABASE IF EXISTS {wrapper.ops.quote_name(name)}"])

    def _switch(self, name: str) -> None:
        self.connection.settings_dict["NAME"] = name
        self.connection.close()

    def _create_sql(self, name: str, *, keepdb: bool) -> list[str]:
        quoted = self.connection.ops.quote_name(name)
        if keepdb:
            return [f"CREATE DATABASE IF NOT EXISTS {quoted}"]
        return [f"DROP DATABASE IF EXISTS {quoted}", f"CREATE DATABASE {quoted}"]

    def _execute_admin(self, statements: list[str]) -> None:
        """Run statements outside any transaction, connected to a maintenance database."""
        raise NotImplementedError  # abstract: server backends (SQLite has none)

    def _admin_settings(self) -> dict[str, Any]:
        return dict(self.connection.settings_dict)
