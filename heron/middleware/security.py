"""Security headers on every response, and the optional redirect to HTTPS.

Settings: ``SECURE_CONTENT_TYPE_NOSNIFF``, ``SECURE_REFERRER_POLICY``,
``SECURE_CROSS_ORIGIN_OPENER_POLICY``, ``X_FRAME_OPTIONS`` (``"DENY"`` or ``"SAMEORIGIN"``;
against clickjacking), ``SECURE_HSTS_SECONDS`` (with ``..._INCLUDE_SUBDOMAINS`` and
``..._PRELOAD``; sent on HTTPS responses only) and ``SECURE_SSL_REDIRECT``. A header the view
already set is left alone; ``heron.views.xframe_options_exempt`` lets a view's pages be
framed.

These are one middleware, not one each, because every layer costs time on every request and
these headers are all decided once, at start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from heron.conf import settings
from heron.conf.exceptions import ImproperlyConfigured
from heron.http import HttpResponsePermanentRedirect
from heron.http.headers import ResponseHeaders

from .base import AsyncHandler, HookMiddleware

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = ["SecurityMiddleware"]


class SecurityMiddleware(HookMiddleware):
    """Add nosniff, Referrer-Policy, COOP, X-Frame-Options and HSTS; redirect to HTTPS if asked."""

    def __init__(self, get_response: AsyncHandler) -> None:
        super().__init__(get_response)
        headers: list[tuple[str, str]] = []
        if settings.SECURE_CONTENT_TYPE_NOSNIFF:
            headers.append(("X-Content-Type-Options", "nosniff"))
        if settings.SECURE_REFERRER_POLICY:
            policy = settings.SECURE_REFERRER_POLICY
            if not isinstance(policy, str):
                policy = ",".join(policy)
            headers.append(("Referrer-Policy", policy))
        if settings.SECURE_CROSS_ORIGIN_OPENER_POLICY:
            headers.append(
                ("Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY)
            )
        self.without_frame_options = ResponseHeaders.prepare(headers)
        frame = str(settings.X_FRAME_OPTIONS or "").upper()
        if frame:
            if frame not in ("DENY", "SAMEORIGIN"):
                raise ImproperlyConfigured(
                    f"X_FRAME_OPTIONS is {settings.X_FRAME_OPTIONS!r}; use 'DENY' or "
                    "'SAMEORIGIN' (or None to send no X-Frame-Options header)."
                )
            headers.append(("X-Frame-Options", frame))
        self.always = ResponseHeaders.prepare(headers)
        hsts = ""
        if settings.SECURE_HSTS_SECONDS:
            hsts = f"max-age={int(settings.SECURE_HSTS_SECONDS)}"
            if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
                hsts += "; includeSubDomains"
            if settings.SECURE_HSTS_PRELOAD:
                hsts += "; preload"
        self.hsts = hsts
        self.hsts_header = ResponseHeaders.prepare([("Strict-Transport-Security", hsts)])
        self.ssl_redirect = bool(settings.SECURE_SSL_REDIRECT)
        if not self.ssl_redirect:
            self.unused_hooks = frozenset({"process_request"})

    def process_request(self, request: HttpRequest) -> HttpResponseBase | None:
        if self.ssl_redirect and not request.is_secure():
            return HttpResponsePermanentRedirect(
                "https://" + request.get_host() + request.get_full_path()
            )
        return None

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        # ResponseHeaders.add_missing() written out (this runs on every response): the
        # prepared headers first, then the response's own, which win on a clash.
        headers = response.headers
        merged = (
            self.without_frame_options if response.xframe_options_exempt else self.always
        ).copy()
        merged.update(headers._store)
        headers._store = merged
        if self.hsts and request.is_secure():
            response.headers.add_missing(self.hsts_header)
        return response
