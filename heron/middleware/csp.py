"""Content-Security-Policy: the policy header, per-request nonces, report-only mode.

A policy is a dict of directives, each a list of sources (see docs/security.md)::

    CSP_POLICY = {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "https://images.example.com"],
        "object-src": ["'none'"],
        "upgrade-insecure-requests": True,      # a directive without sources
    }

``CSP_POLICY`` is enforced (``Content-Security-Policy``); ``CSP_REPORT_ONLY_POLICY`` is only
reported by browsers (``Content-Security-Policy-Report-Only``), for trying a stricter policy
out. Either may be None. A header the view set itself is left alone.

Nonces: ``request.csp_nonce`` (``{{ csp_nonce }}`` in templates; a lazy attribute of every
``HttpRequest``) is made the first time it is read, and only then does the response's policy
carry ``'nonce-...'`` in
``script-src`` and ``style-src`` (created from ``default-src`` when the policy lacks them),
so ``<script nonce="{{ csp_nonce }}">`` runs while injected scripts do not. Pages that never
read it get the policy built at start-up, unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from heron.conf import settings
from heron.conf.exceptions import ImproperlyConfigured
from heron.http.headers import ResponseHeaders

from .base import AsyncHandler, HookMiddleware

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = ["ContentSecurityPolicyMiddleware", "Policy", "nonce_attribute"]

NONCE_DIRECTIVES = ("script-src", "style-src")
# These override script-src/style-src for elements when present, so they get the nonce too.
_ALSO_NONCED = ("script-src-elem", "style-src-elem")
_DIRECTIVE_NAME = re.compile(r"[a-z][a-z-]*\Z")
_PLACEHOLDER = "\x00"


def nonce_attribute(request: Any) -> str:
    """Return `` nonce="..."`` for an inline ``<script>``/``<style>`` (``""`` without a request)."""
    nonce = getattr(request, "csp_nonce", None) if request is not None else None
    return f' nonce="{nonce}"' if nonce else ""


class Policy:
    """A policy dict checked and rendered once: the header value with and without a nonce."""

    __slots__ = ("header", "nonced")

    def __init__(self, directives: Mapping[str, Any], setting: str) -> None:
        if not isinstance(directives, Mapping):
            raise ImproperlyConfigured(
                f"{setting} must be a dict of directives, e.g. "
                '{"default-src": ["\'self\'"]}, or None; it is ' + f"{type(directives).__name__}."
            )
        parsed: dict[str, list[str]] = {}
        for name, value in directives.items():
            if not isinstance(name, str) or not _DIRECTIVE_NAME.match(name):
                raise ImproperlyConfigured(
                    f"{setting} has the directive {name!r}; directive names are lower-case "
                    "words joined by '-', e.g. 'script-src'."
                )
            sources = _sources(value, name, setting)
            if sources is not None:
                parsed[name] = sources
        self.header = _render(parsed)
        nonced = {name: list(sources) for name, sources in parsed.items()}
        for name in NONCE_DIRECTIVES:
            if name not in nonced and "default-src" in nonced:
                nonced[name] = list(nonced["default-src"])
        for name in (*NONCE_DIRECTIVES, *_ALSO_NONCED):
            if name in nonced:
                sources = [s for s in nonced[name] if s != "'none'"]
                nonced[name] = [*sources, f"'nonce-{_PLACEHOLDER}'"]
        self.nonced = _render(nonced)

    def with_nonce(self, nonce: str) -> str:
        """Return the header value allowing elements that carry ``nonce``."""
        return self.nonced.replace(_PLACEHOLDER, nonce)


def _sources(value: Any, name: str, setting: str) -> list[str] | None:
    if value is None or value is False:
        return None
    if value is True:
        return []
    if isinstance(value, str):
        value = value.split()
    if not isinstance(value, list | tuple | set | frozenset):
        raise ImproperlyConfigured(
            f"{setting}[{name!r}] is {value!r}; give a list of sources such as "
            '["\'self\'", "https://cdn.example.com"], True for a directive without '
            "sources, or None to leave it out."
        )
    sources = [str(source) for source in value]
    for source in sources:
        if not source or any(c in source for c in ";,\r\n\x00") or " " in source:
            raise ImproperlyConfigured(
                f"{setting}[{name!r}] has the source {source!r}; a source is one word "
                "without ';' or ','. Keywords keep their quotes: \"'self'\"."
            )
    return sources


def _render(directives: Mapping[str, list[str]]) -> str:
    return "; ".join(
        f"{name} {' '.join(sources)}" if sources else name for name, sources in directives.items()
    )


class ContentSecurityPolicyMiddleware(HookMiddleware):
    """Send ``CSP_POLICY`` / ``CSP_REPORT_ONLY_POLICY``, with a nonce on pages that use one."""

    def __init__(self, get_response: AsyncHandler) -> None:
        super().__init__(get_response)
        enforced = settings.CSP_POLICY
        report_only = settings.CSP_REPORT_ONLY_POLICY
        self.enforced = None if enforced is None else Policy(enforced, "CSP_POLICY")
        self.report_only = (
            None if report_only is None else Policy(report_only, "CSP_REPORT_ONLY_POLICY")
        )
        plain: list[tuple[str, str]] = []
        if self.enforced is not None:
            plain.append(("Content-Security-Policy", self.enforced.header))
        if self.report_only is not None:
            plain.append(("Content-Security-Policy-Report-Only", self.report_only.header))
        self.plain = tuple(ResponseHeaders.prepare(plain).items())

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        # Only a request that read its nonce has it in __dict__ (it is a cached_attr).
        nonce = request.__dict__.get("csp_nonce")
        if nonce is None:
            # ResponseHeaders.add_missing() for one or two prepared headers, written out:
            # this runs on every response.
            store = response.headers._store
            for key, entry in self.plain:
                if key not in store:
                    store[key] = entry
            return response
        headers = response.headers
        value = str(nonce)
        if self.enforced is not None and "content-security-policy" not in headers:
            headers["Content-Security-Policy"] = self.enforced.with_nonce(value)
        if self.report_only is not None and "content-security-policy-report-only" not in headers:
            headers["Content-Security-Policy-Report-Only"] = self.report_only.with_nonce(value)
        return response
