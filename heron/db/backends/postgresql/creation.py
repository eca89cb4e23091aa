"""PostgreSQL test databases, created from the ``postgres`` maintenance database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...exceptions import translate_error
from ..base.creation import BaseDatabaseCreation

if TYPE_CHECKING:
    from .wrapper import DatabaseWrapper

__all__ = ["DatabaseCreation"]


class DatabaseCreation(BaseDatabaseCreation):
    connection: DatabaseWrapper

    def _create_sql(self, name: str, *, keepdb: bool) -> list[str]:
        quoted = self.connection.ops.quote_name(name)
        if keepdb:
            return []  # created below only when missing
        return [f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)", f"CREATE DATABASE {quoted}"]

    def create_test_db(self, *, keepdb: bool = False) -> str:
        if keepdb:
            self._create_if_missing(self.test_db_name())
        return super().create_test_db(keepdb=keepdb)

    def destroy_test_db(self, *, keepdb: bool = False) -> None:
        wrapper = self.connection
        name = str(wrapper.settings_dict["NAME"])
        super().destroy_test_db(keepdb=True)
        if not keepdb:
            quoted = wrapper.ops.quote_name(name)
            self._execute_admin([f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"])

    def _create_if_missing(self, name: str) -> None:
        psycopg = self.connection.import_driver("psycopg", "postgres", "PostgreSQL")
        with psycopg.connect(**self.connection.connect_kwargs("postgres")) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
            if found is None:
                conn.execute(f"CREATE DATABASE {self.connection.ops.quote_name(name)}")

    def _execute_admin(self, statements: list[str]) -> None:
        wrapper = self.connection
        psycopg = wrapper.import_driver("psycopg", "postgres", "PostgreSQL")
        try:
            with psycopg.connect(**wrapper.connect_kwargs("postgres")) as conn:
                for sql in statements:
                    conn.execute(sql)
        except Exception as exc:
            new = translate_error(exc)
            if new is None:
                raise
            raise new from exc
