"""``heron dbshell`` for PostgreSQL: ``psql``, with the password in ``PGPASSWORD``."""

from __future__ import annotations

from collections.abc import Sequence

from ..base.client import BaseDatabaseClient

__all__ = ["DatabaseClient"]


class DatabaseClient(BaseDatabaseClient):
    executable_name = "psql"

    def args_and_env(self, parameters: Sequence[str] = ()) -> tuple[list[str], dict[str, str]]:
        s = self.connection.settings_dict
        args = [self.executable_name]
        if s.get("USER"):
            args += ["-U", str(s["USER"])]
        if s.get("HOST"):
            args += ["-h", str(s["HOST"])]
        if s.get("PORT"):
            args += ["-p", str(s["PORT"])]
        args += [str(s["NAME"]), *parameters]
        env: dict[str, str] = {}
        if s.get("PASSWORD"):
            env["PGPASSWORD"] = str(s["PASSWORD"])
        options = s.get("OPTIONS") or {}
        for option, var in (
            ("sslmode", "PGSSLMODE"),
            ("sslrootcert", "PGSSLROOTCERT"),
            ("sslcert", "PGSSLCERT"),
            ("sslkey", "PGSSLKEY"),
        ):
            if options.get(option):
                env[var] = str(options[option])
        return args, env
