"""``X-Frame-Options`` on every response, so pages cannot be framed by other sites.

``X_FRAME_OPTIONS`` is ``"DENY"`` (default) or ``"SAMEORIGIN"``. A view decorated with
``xframe_options_exempt`` (or a response that already has the header) is left alone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from heron.conf import settings
from heron.conf.exceptions import ImproperlyConfigured

from .base import AsyncHandler, HookMiddleware

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = ["XFrameOptionsMiddleware", "xframe_options_exempt"]

_F = TypeVar("_F", bound=Callable[..., Any])


def xframe_options_exempt(view: _F) -> _F:
    """Mark a view whose pages may be framed by any site."""
    view.xframe_options_exempt = True  # type: ignore[attr-defined]
    return view


class XFrameOptionsMiddleware(HookMiddleware):
    """Set ``X-Frame-Options`` unless the view is exempt or the header is present."""

    def __init__(self, get_response: AsyncHandler) -> None:
        super().__init__(get_response)
        value = str(settings.X_FRAME_OPTIONS).upper()
        if value not in ("DENY", "SAMEORIGIN"):
            raise ImproperlyConfigured(
                f"X_FRAME_OPTIONS is {settings.X_FRAME_OPTIONS!r}; use 'DENY' or 'SAMEORIGIN'."
            )
        self.value = value

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if "X-Frame-Options" in response.headers:
            return response
        match = request.resolver_match
        if match is not None and getattr(match.func, "xframe_options_exempt", False):
            return response
        response.headers["X-Frame-Options"] = self.value
        return response
