"""Host validation and ``APPEND_SLASH``.

Every request's host is checked against ``ALLOWED_HOSTS`` (a bad host answers 400). When a
path does not match any URL pattern but the same path with a trailing slash does, and
``APPEND_SLASH`` is on, the client is redirected there (301) instead of getting a 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from heron.conf import settings
from heron.http import HttpResponsePermanentRedirect
from heron.urls import get_resolver

from .base import AsyncHandler, HookMiddleware

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = ["CommonMiddleware"]


class CommonMiddleware(HookMiddleware):
    """Validate the Host header; redirect ``/path`` to ``/path/`` when only the latter exists."""

    # process_response only ever changes a 404: the chain skips it for other responses.
    response_statuses = frozenset({404})

    def __init__(self, get_response: AsyncHandler) -> None:
        super().__init__(get_response)
        self.append_slash = bool(settings.APPEND_SLASH)
        self.debug = bool(settings.DEBUG)
        if not self.append_slash:
            self.unused_hooks = frozenset({"process_response"})

    def process_request(self, request: HttpRequest) -> HttpResponseBase | None:
        if request._host is None:  # else already validated (and cached) for this request
            request.get_host()  # raises DisallowedHost (400) for hosts not in ALLOWED_HOSTS
        return None

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if (
            response.status_code == 404
            and self.append_slash
            and not request.path_info.endswith("/")
            and self._slash_resolves(request)
        ):
            if self.debug and request.method in ("POST", "PUT", "PATCH"):
                raise RuntimeError(
                    f"You called this URL with {request.method}, but it has no trailing slash "
                    f"and APPEND_SLASH is on. Heron cannot redirect a {request.method} "
                    "without losing its data. Change your form or client to use "
                    f"{request.path}/ (note the slash), or set APPEND_SLASH = False."
                )
            location = request.path + "/"
            query = request.scope.get("query_string", b"")
            if query:
                location += "?" + query.decode("latin-1")
            return HttpResponsePermanentRedirect(location)
        return response

    @staticmethod
    def _slash_resolves(request: HttpRequest) -> bool:
        return get_resolver().is_valid_path(request.path_info + "/")
