"""The command line of the database's own shell (``heron dbshell``)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from typing import TYPE_CHECKING

from heron.conf import ImproperlyConfigured

if TYPE_CHECKING:
    from .wrapper import DatabaseWrapper

__all__ = ["BaseDatabaseClient"]


class BaseDatabaseClient:
    """Build (and run) the argv of the vendor's interactive shell."""

    executable_name = ""

    def __init__(self, connection: DatabaseWrapper) -> None:
        self.connection = connection

    def args_and_env(self, parameters: Sequence[str] = ()) -> tuple[list[str], dict[str, str]]:
        """Return the argv and the extra environment (e.g. a password) for the shell."""
        raise NotImplementedError  # abstract: every backend implements it

    def runshell(self, parameters: Sequence[str] = ()) -> int:
        """Run the shell in the foreground and return its exit code."""
        args, extra_env = self.args_and_env(parameters)
        env = {**os.environ, **extra_env} if extra_env else None
        try:
            return subprocess.call(args, env=env)
        except FileNotFoundError:
            raise ImproperlyConfigured(
                f"The program {args[0]!r} is not installed or not on PATH; install the "
                f"{self.connection.display_name} client to use dbshell."
            ) from None
