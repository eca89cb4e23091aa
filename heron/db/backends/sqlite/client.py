"""``heron dbshell`` for SQLite: the ``sqlite3`` program."""

from __future__ import annotations

from collections.abc import Sequence

from ..base.client import BaseDatabaseClient

__all__ = ["DatabaseClient"]


class DatabaseClient(BaseDatabaseClient):
    executable_name = "sqlite3"

    def args_and_env(self, parameters: Sequence[str] = ()) -> tuple[list[str], dict[str, str]]:
        return [self.executable_name, str(self.connection.settings_dict["NAME"]), *parameters], {}
