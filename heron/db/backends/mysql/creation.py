"""MariaDB/MySQL test databases (utf8mb4)."""

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
        statements = super()._create_sql(name, keepdb=keepdb)
        statements[-1] += " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"
        return statements

    def _execute_admin(self, statements: list[str]) -> None:
        wrapper = self.connection
        pymysql = wrapper.import_driver("pymysql", "mysql", wrapper.display_name)
        try:
            conn = pymysql.connect(**wrapper.connect_kwargs(None))
            try:
                with conn.cursor() as cursor:
                    for sql in statements:
                        cursor.execute(sql)
            finally:
                conn.close()
        except Exception as exc:
            new = translate_error(exc)
            if new is None:
                raise
            raise new from exc
