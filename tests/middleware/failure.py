"""A custom CSRF failure view and a stand-in session middleware for the CSRF tests."""

from __future__ import annotations

from typing import Any

from heron.http import HttpRequest, HttpResponse, HttpResponseBase
from heron.middleware import HookMiddleware


def refuse(request: HttpRequest, reason: str = "") -> HttpResponse:
    return HttpResponse(f"no: {reason}", status=418)


class FakeSession(dict[str, Any]):
    """Just what CSRF_USE_SESSIONS needs of ``request.session``: a dict with ``aload()``."""

    loaded = False
    modified = False

    async def aload(self) -> None:
        self.loaded = True

    def __setitem__(self, key: str, value: Any) -> None:
        self.modified = True
        super().__setitem__(key, value)


class FakeSessionMiddleware(HookMiddleware):
    """Keep the session's one value (the CSRF secret) in a plain cookie."""

    def process_request(self, request: HttpRequest) -> None:
        session = FakeSession()
        value = request.COOKIES.get("fakesession")
        if value:
            dict.__setitem__(session, "_csrftoken", value)
        request.session = session  # type: ignore[attr-defined]

    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> Any:
        session: FakeSession = request.session  # type: ignore[attr-defined]
        if session.modified:
            response.set_cookie("fakesession", session["_csrftoken"])
        return response
