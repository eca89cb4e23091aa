from typing import Any

from heron.contrib.auth.backends import BaseBackend


class NobodyBackend(BaseBackend):
    def authenticate(
        self, request: Any, username: str | None = None, password: str | None = None
    ) -> Any:
        return None
