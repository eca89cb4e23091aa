"""Security headers on every response, and the optional redirect to HTTPS.

Settings: ``SECURE_CONTENT_TYPE_NOSNIFF``, ``SECURE_REFERRER_POLICY``,
``SECURE_CROSS_ORIGIN_OPENER_POLICY``, ``SECURE_HSTS_SECONDS`` (with ``..._INCLUDE_SUBDOMAINS``
and ``..._PRELOAD``; sent on HTTPS responses only) and ``SECURE_SSL_REDIRECT``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from heron.conf import settings
from heron.http import HttpResponsePermanentRedirect

from .base import AsyncHandler, HookMiddleware

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = ["SecurityMiddleware"]


class SecurityMiddleware(HookMiddleware):
    """Add nosniff, Referrer-Policy, COOP and HSTS headers; redirect HTTP to HTTPS if asked."""

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
        self.always = tuple(headers)
        hsts = ""
        if settings.SECURE_HSTS_SECONDS:
            hsts = f"max-age={int(settings.SECURE_HSTS_SECONDS)}"
            if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
                hsts += "; includeSubDomains"
            if settings.SECURE_HSTS_PRELOAD:
                hsts += "; preload"
        self.hsts = hsts
        self.ssl_redirect = bool(settings.SECURE_SSL_REDIRECT)

    def process_request(self, request: HttpRequest) -> HttpResponseBase | None:
        if self.ssl_redirect and not request.is_secure():
            return HttpResponsePermanentRedirect(
                "https://" + request.get_host() + request.get_full_path()
            )
        return None

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        headers = response.headers
        for name, value in self.always:
            if name not in headers:
                headers[name] = value
        if self.hsts and request.is_secure() and "Strict-Transport-Security" not in headers:
            headers["Strict-Transport-Security"] = self.hsts
        return response
