"""Security headers on every response, and the optional redirect to HTTPS.

Settings: ``SECURE_CONTENT_TYPE_NOSNIFF``, ``SECURE_REFERRER_POLICY``,
``SECURE_CROSS_ORIGIN_OPENER_POLICY``, ``SECURE_CROSS_ORIGIN_RESOURCE_POLICY``,
``SECURE_PERMISSIONS_POLICY`` (a dict: feature -> allowed origins), ``X_FRAME_OPTIONS``
(``"DENY"`` or ``"SAMEORIGIN"``; against clickjacking), ``SECURE_HSTS_SECONDS`` (with
``..._INCLUDE_SUBDOMAINS`` and ``..._PRELOAD``; sent on HTTPS responses only) and
``SECURE_SSL_REDIRECT``. A header the view
already set is left alone; ``heron.views.xframe_options_exempt`` lets a view's pages be
framed.

These are one middleware, not one each, because every layer costs time on every request and
these headers are all decided once, at start-up.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from heron.conf import settings
from heron.conf.exceptions import ImproperlyConfigured
from heron.http import HttpResponsePermanentRedirect
from heron.http.headers import ResponseHeaders

from .base import AsyncHandler, HookMiddleware

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = ["SecurityMiddleware", "permissions_policy"]

_RESOURCE_POLICIES = ("same-origin", "same-site", "cross-origin")
_FEATURE = re.compile(r"[a-z][a-z0-9-]*\Z")


def permissions_policy(policy: Mapping[str, Any]) -> str:
    """Render ``{"camera": [], "fullscreen": ["self", "https://a.example"]}`` as a header value.

    ``[]`` disables the feature everywhere, ``"*"`` allows every origin, ``"self"`` this
    site; other entries are origins. Gives ``camera=(), fullscreen=(self "https://a.example")``.
    """
    if not isinstance(policy, Mapping):
        raise ImproperlyConfigured(
            'SECURE_PERMISSIONS_POLICY must be a dict such as {"camera": [], "geolocation": '
            f'["self"]}}, or None; it is {type(policy).__name__}.'
        )
    parts: list[str] = []
    for feature, allowed in policy.items():
        if not isinstance(feature, str) or not _FEATURE.match(feature):
            raise ImproperlyConfigured(
                f"SECURE_PERMISSIONS_POLICY has the feature {feature!r}; features are "
                "lower-case names such as 'camera' or 'interest-cohort'."
            )
        if isinstance(allowed, str):
            allowed = [allowed]
        if not isinstance(allowed, list | tuple | set | frozenset):
            raise ImproperlyConfigured(
                f"SECURE_PERMISSIONS_POLICY[{feature!r}] is {allowed!r}; give a list: [] to "
                'disable the feature, ["self"], ["*"] or origins like "https://a.example".'
            )
        items: list[str] = []
        for origin in allowed:
            origin = str(origin)
            if origin == "*":
                items = ["*"]
                break
            if origin in ("self", "'self'"):
                items.append("self")
            elif origin.startswith(("https://", "http://")) and not any(
                c in origin for c in ' ",()\r\n'
            ):
                items.append(f'"{origin}"')
            else:
                raise ImproperlyConfigured(
                    f"SECURE_PERMISSIONS_POLICY[{feature!r}] has {origin!r}; use 'self', '*' "
                    "or an origin such as 'https://a.example'."
                )
        parts.append(f"{feature}=*" if items == ["*"] else f"{feature}=({' '.join(items)})")
    return ", ".join(parts)


class SecurityMiddleware(HookMiddleware):
    """Add nosniff, Referrer-Policy, COOP, CORP, Permissions-Policy, X-Frame-Options and HSTS.

    And redirect plain HTTP to HTTPS when ``SECURE_SSL_REDIRECT`` is on.
    """

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
        resource = settings.SECURE_CROSS_ORIGIN_RESOURCE_POLICY
        if resource:
            if resource not in _RESOURCE_POLICIES:
                raise ImproperlyConfigured(
                    f"SECURE_CROSS_ORIGIN_RESOURCE_POLICY is {resource!r}; use one of "
                    f"{', '.join(map(repr, _RESOURCE_POLICIES))} (or None for no header)."
                )
            headers.append(("Cross-Origin-Resource-Policy", resource))
        permissions = settings.SECURE_PERMISSIONS_POLICY
        if permissions is not None:
            value = permissions_policy(permissions)
            if value:
                headers.append(("Permissions-Policy", value))
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
