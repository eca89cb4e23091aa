"""A dict-backed session for the auth tests (the real sessions app is another room)."""

from __future__ import annotations

import secrets
from typing import Any

from heron.http import HttpRequest, HttpResponseBase
from heron.middleware.base import HookMiddleware

STORE: dict[str, dict[str, Any]] = {}
COOKIE = "sessionid"


class DictSession(dict[str, Any]):
    def __init__(self, key: str | None) -> None:
        super().__init__(STORE.get(key, {}) if key else {})
        self.session_key = key if key in STORE else None
        self.modified = False

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self.modified = True

    def cycle_key(self) -> None:
        if self.session_key:
            STORE.pop(self.session_key, None)
        self.session_key = secrets.token_hex(16)
        self.modified = True

    def flush(self) -> None:
        self.clear()
        self.cycle_key()

    async def acycle_key(self) -> None:
        self.cycle_key()

    async def aflush(self) -> None:
        self.flush()

    async def aload(self) -> None:
        return None

    def save(self) -> None:
        if self.session_key is None:
            self.session_key = secrets.token_hex(16)
        STORE[self.session_key] = dict(self)


class DictSessionMiddleware(HookMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        request.session = DictSession(request.COOKIES.get(COOKIE))  # type: ignore[attr-defined]

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> Any:
        session: DictSession = request.session  # type: ignore[attr-defined]
        if session.modified or session.session_key:
            session.save()
            response.set_cookie(COOKIE, session.session_key or "")
        return response
