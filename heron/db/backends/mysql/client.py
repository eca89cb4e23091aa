"""``heron dbshell`` for MariaDB/MySQL: ``mariadb`` (or ``mysql``), password in ``MYSQL_PWD``."""

from __future__ import annotations

import shutil
from collections.abc import Sequence

from ..base.client import BaseDatabaseClient

__all__ = ["DatabaseClient"]


class DatabaseClient(BaseDatabaseClient):
    executable_name = "mariadb"

    def args_and_env(self, parameters: Sequence[str] = ()) -> tuple[list[str], dict[str, str]]:
        s = self.connection.settings_dict
        program = "mariadb" if shutil.which("mariadb") or not shutil.which("mysql") else "mysql"
        args = [program]
        if s.get("USER"):
            args.append(f"--user={s['USER']}")
        if s.get("HOST"):
            args.append(f"--host={s['HOST']}")
        if s.get("PORT"):
            args.append(f"--port={s['PORT']}")
        args += ["--default-character-set=utf8mb4", str(s["NAME"]), *parameters]
        env = {"MYSQL_PWD": str(s["PASSWORD"])} if s.get("PASSWORD") else {}
        return args, env
