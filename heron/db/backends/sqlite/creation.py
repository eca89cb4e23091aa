"""SQLite test databases: in memory by default, or a file when ``TEST["NAME"]`` names one."""

from __future__ import annotations

import os

from ..base.creation import BaseDatabaseCreation

__all__ = ["DatabaseCreation"]


class DatabaseCreation(BaseDatabaseCreation):
    def test_db_name(self) -> str:
        name: str | None = (self.connection.settings_dict.get("TEST") or {}).get("NAME")
        return name or ":memory:"

    def create_test_db(self, *, keepdb: bool = False) -> str:
        wrapper = self.connection
        name = self.test_db_name()
        wrapper.close()
        if name != ":memory:" and not keepdb:
            _remove(name)
        self.original_name = wrapper.settings_dict["NAME"]
        self._switch(name)
        return name

    def destroy_test_db(self, *, keepdb: bool = False) -> None:
        wrapper = self.connection
        name = str(wrapper.settings_dict["NAME"])
        wrapper.close()
        if self.original_name is not None:
            self._switch(self.original_name)
            self.original_name = None
        if name != ":memory:" and not keepdb:
            _remove(name)


def _remove(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.remove(path + suffix)
        except FileNotFoundError:
            pass
