"""Deployment checks, run by ``heron check --deploy`` and ``heron serve``.

security.W001   DEBUG is on
security.W002   SECRET_KEY is short, repetitive or a development key
security.W003   ALLOWED_HOSTS is empty
security.W004   SECURE_HSTS_SECONDS is not set
security.W005   SECURE_SSL_REDIRECT is off
security.W006   ALLOWED_HOSTS accepts any host ("*")
security.W007   SecurityMiddleware is not in MIDDLEWARE
security.W008   CsrfViewMiddleware is not in MIDDLEWARE
security.W009   CSRF_COOKIE_SECURE is off
security.W010   SESSION_COOKIE_SECURE is off
security.W011   SESSION_COOKIE_HTTPONLY is off
security.W012   the sessions app is installed but SessionMiddleware is not in MIDDLEWARE
security.W013   ContentSecurityPolicyMiddleware is not in MIDDLEWARE, or CSP_POLICY is None
security.W014   X_FRAME_OPTIONS is neither "DENY" nor "SAMEORIGIN"
security.W015   SECURE_CONTENT_TYPE_NOSNIFF is off
csrf.E001       CSRF_USE_SESSIONS without SessionMiddleware before CsrfViewMiddleware
                (tag "settings": every run, not only --deploy)

The middleware checks look at the dotted paths in MIDDLEWARE (by class name, so a project's
subclass in its own module counts), never importing them.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

from heron.checks.messages import CheckMessage, Error, Warning
from heron.checks.registry import Tags, register
from heron.conf import settings

SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
SECRET_KEY_MIN_ENTROPY_BITS = 128  # estimated from the key's own character frequencies
_DEV_KEY_PREFIXES = ("dev-", "django-insecure")
_KNOWN_KEYS = frozenset({"dev-only-insecure-key", "secret", "changeme", "change-me", "insecure"})
_NEW_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'


@register(Tags.security, deploy=True)
def check_debug(**kwargs: Any) -> list[CheckMessage]:
    if not settings.DEBUG:
        return []
    return [
        Warning(
            "DEBUG is on: error pages show source code and settings to every visitor.",
            hint="Set DEBUG = False in production (HERON_DEBUG=0 in the environment).",
            obj="DEBUG",
            id="security.W001",
        )
    ]


def _entropy_bits(key: str) -> float:
    counts = Counter(key)
    total = len(key)
    return -total * sum(n / total * math.log2(n / total) for n in counts.values())


def _weak_key_reason(key: str) -> str | None:
    if key.lower() in _KNOWN_KEYS or key.startswith(_DEV_KEY_PREFIXES):
        return "is a development key"
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"has fewer than {SECRET_KEY_MIN_LENGTH} characters"
    if len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        return f"has fewer than {SECRET_KEY_MIN_UNIQUE_CHARACTERS} distinct characters"
    if _entropy_bits(key) < SECRET_KEY_MIN_ENTROPY_BITS:
        return "is too predictable (repeats a few characters)"
    return None


@register(Tags.security, deploy=True)
def check_secret_key(**kwargs: Any) -> list[CheckMessage]:
    key = str(settings.SECRET_KEY or "")
    reason = _weak_key_reason(key) if key else "is empty"
    if reason is None:
        return []
    return [
        Warning(
            f"SECRET_KEY {reason}, so signed cookies and tokens can be forged.",
            hint=(
                "Set SECRET_KEY (HERON_SECRET_KEY in the environment) to a long random "
                f"value, e.g. the output of: {_NEW_KEY}"
            ),
            obj="SECRET_KEY",
            id="security.W002",
        )
    ]


@register(Tags.security, deploy=True)
def check_allowed_hosts(**kwargs: Any) -> list[CheckMessage]:
    if settings.ALLOWED_HOSTS:
        return []
    return [
        Warning(
            "ALLOWED_HOSTS is empty, so every request will be refused with DEBUG off.",
            hint=(
                "Set ALLOWED_HOSTS to the site's host names "
                "(HERON_ALLOWED_HOSTS=example.com,www.example.com in the environment)."
            ),
            obj="ALLOWED_HOSTS",
            id="security.W003",
        )
    ]


@register(Tags.security, deploy=True)
def check_hsts(**kwargs: Any) -> list[CheckMessage]:
    if settings.SECURE_HSTS_SECONDS:
        return []
    return [
        Warning(
            "SECURE_HSTS_SECONDS is not set, so browsers may reach the site over plain HTTP.",
            hint=(
                "Set SECURE_HSTS_SECONDS (e.g. 3600, then 31536000 once the site works over "
                "HTTPS) if the whole site is served over HTTPS."
            ),
            obj="SECURE_HSTS_SECONDS",
            id="security.W004",
        )
    ]


@register(Tags.security, deploy=True)
def check_ssl_redirect(**kwargs: Any) -> list[CheckMessage]:
    if settings.SECURE_SSL_REDIRECT:
        return []
    return [
        Warning(
            "SECURE_SSL_REDIRECT is off, so plain HTTP requests are served as they come.",
            hint=(
                "Set SECURE_SSL_REDIRECT = True, unless a proxy in front of Heron already "
                "redirects HTTP to HTTPS (then silence this check with "
                'SILENCED_SYSTEM_CHECKS = ["security.W005"]).'
            ),
            obj="SECURE_SSL_REDIRECT",
            id="security.W005",
        )
    ]


# The rest look at MIDDLEWARE, the cookies, and the headers (heron.middleware.*).

SECURITY_MIDDLEWARE = "heron.middleware.security.SecurityMiddleware"
CSRF_MIDDLEWARE = "heron.middleware.csrf.CsrfViewMiddleware"
CSP_MIDDLEWARE = "heron.middleware.csp.ContentSecurityPolicyMiddleware"
SESSION_MIDDLEWARE = "heron.contrib.sessions.middleware.SessionMiddleware"
SESSIONS_APP = "heron.contrib.sessions"


def _middleware() -> list[str]:
    return [str(entry) for entry in settings.MIDDLEWARE or ()]


def _position(entries: Sequence[str], dotted: str) -> int | None:
    """Index of the MIDDLEWARE entry for ``dotted`` (or a class of the same name), or None."""
    name = dotted.rsplit(".", 1)[1]
    for index, entry in enumerate(entries):
        if entry == dotted or entry.rsplit(".", 1)[-1] == name:
            return index
    return None


def _setting(name: str, default: Any) -> Any:
    return getattr(settings, name, default)


def _sessions_used(entries: Sequence[str]) -> bool:
    apps = [str(app) for app in _setting("INSTALLED_APPS", ())]
    installed = any(app == SESSIONS_APP or app.startswith(SESSIONS_APP + ".") for app in apps)
    return installed or _position(entries, SESSION_MIDDLEWARE) is not None


def _missing_middleware(dotted: str, what: str, check_id: str) -> Warning:
    return Warning(
        f"{dotted.rsplit('.', 1)[1]} is not in MIDDLEWARE, so {what}.",
        hint=f"Add {dotted!r} to MIDDLEWARE (see docs/security.md for the order).",
        obj="MIDDLEWARE",
        id=check_id,
    )


@register(Tags.security, deploy=True)
def check_allowed_hosts_wildcard(**kwargs: Any) -> list[CheckMessage]:
    hosts = [str(host) for host in _setting("ALLOWED_HOSTS", ())]
    if "*" not in hosts:
        return []
    return [
        Warning(
            'ALLOWED_HOSTS contains "*", so any Host header is believed: links in password '
            "reset emails and absolute URLs can point at an attacker's site.",
            hint='Replace "*" in ALLOWED_HOSTS with the site\'s host names, e.g. '
            '["example.com", "www.example.com"] (".example.com" allows every subdomain).',
            obj="ALLOWED_HOSTS",
            id="security.W006",
        )
    ]


@register(Tags.security, deploy=True)
def check_security_middleware(**kwargs: Any) -> list[CheckMessage]:
    if _position(_middleware(), SECURITY_MIDDLEWARE) is not None:
        return []
    return [
        _missing_middleware(
            SECURITY_MIDDLEWARE,
            "no HSTS, nosniff, X-Frame-Options or Referrer-Policy header is sent and "
            "SECURE_SSL_REDIRECT does nothing",
            "security.W007",
        )
    ]


@register(Tags.security, deploy=True)
def check_csrf(**kwargs: Any) -> list[CheckMessage]:
    entries = _middleware()
    if _position(entries, CSRF_MIDDLEWARE) is None:
        return [
            _missing_middleware(
                CSRF_MIDDLEWARE,
                "other sites can make a signed-in visitor's browser post to your forms",
                "security.W008",
            )
        ]
    if _setting("CSRF_USE_SESSIONS", False) or _setting("CSRF_COOKIE_SECURE", False):
        return []
    return [
        Warning(
            "CSRF_COOKIE_SECURE is off, so the CSRF cookie is also sent over plain HTTP, where "
            "it can be read or replaced.",
            hint="Set CSRF_COOKIE_SECURE = True when the site is served over HTTPS.",
            obj="CSRF_COOKIE_SECURE",
            id="security.W009",
        )
    ]


@register(Tags.security, deploy=True)
def check_sessions(**kwargs: Any) -> list[CheckMessage]:
    entries = _middleware()
    if not _sessions_used(entries):
        return []
    found: list[CheckMessage] = []
    if _position(entries, SESSION_MIDDLEWARE) is None:
        found.append(
            Warning(
                f"{SESSIONS_APP} is installed but SessionMiddleware is not in MIDDLEWARE, so "
                "request.session (and signing in) does not work.",
                hint=f"Add {SESSION_MIDDLEWARE!r} to MIDDLEWARE, before the CSRF and auth "
                "middleware.",
                obj="MIDDLEWARE",
                id="security.W012",
            )
        )
    if not _setting("SESSION_COOKIE_SECURE", False):
        found.append(
            Warning(
                "SESSION_COOKIE_SECURE is off, so the session cookie is also sent over plain "
                "HTTP, where anyone on the network can steal the session.",
                hint="Set SESSION_COOKIE_SECURE = True when the site is served over HTTPS.",
                obj="SESSION_COOKIE_SECURE",
                id="security.W010",
            )
        )
    if not _setting("SESSION_COOKIE_HTTPONLY", True):
        found.append(
            Warning(
                "SESSION_COOKIE_HTTPONLY is off, so an injected script can read the session "
                "cookie.",
                hint="Set SESSION_COOKIE_HTTPONLY = True (the default).",
                obj="SESSION_COOKIE_HTTPONLY",
                id="security.W011",
            )
        )
    return found


@register(Tags.security, deploy=True)
def check_csp(**kwargs: Any) -> list[CheckMessage]:
    if _position(_middleware(), CSP_MIDDLEWARE) is None:
        what = "no Content-Security-Policy limits what an injected script or style can do"
    elif _setting("CSP_POLICY", None) is None:
        what = ""
    else:
        return []
    if what:
        return [_missing_middleware(CSP_MIDDLEWARE, what, "security.W013")]
    return [
        Warning(
            "CSP_POLICY is None, so no Content-Security-Policy is enforced (a report-only "
            "policy only reports).",
            hint="Set CSP_POLICY to a dict of directives, e.g. the default "
            '{"default-src": ["\'self\'"], ...} (see docs/security.md).',
            obj="CSP_POLICY",
            id="security.W013",
        )
    ]


@register(Tags.security, deploy=True)
def check_frame_options(**kwargs: Any) -> list[CheckMessage]:
    value = str(_setting("X_FRAME_OPTIONS", "") or "").upper()
    if value in ("DENY", "SAMEORIGIN"):
        return []
    return [
        Warning(
            f"X_FRAME_OPTIONS is {_setting('X_FRAME_OPTIONS', None)!r}, so other sites may "
            "show your pages in a frame and trick visitors into clicking (clickjacking).",
            hint='Set X_FRAME_OPTIONS = "DENY" (or "SAMEORIGIN" if your own pages frame '
            "each other); use @xframe_options_exempt on the views meant to be framed.",
            obj="X_FRAME_OPTIONS",
            id="security.W014",
        )
    ]


@register(Tags.security, deploy=True)
def check_nosniff(**kwargs: Any) -> list[CheckMessage]:
    if _setting("SECURE_CONTENT_TYPE_NOSNIFF", False):
        return []
    return [
        Warning(
            "SECURE_CONTENT_TYPE_NOSNIFF is off, so browsers may guess that an uploaded text "
            "file is HTML or JavaScript and run it.",
            hint="Set SECURE_CONTENT_TYPE_NOSNIFF = True (the default).",
            obj="SECURE_CONTENT_TYPE_NOSNIFF",
            id="security.W015",
        )
    ]


@register(Tags.settings)
def check_csrf_sessions_order(**kwargs: Any) -> list[CheckMessage]:
    if not _setting("CSRF_USE_SESSIONS", False):
        return []
    entries = _middleware()
    csrf = _position(entries, CSRF_MIDDLEWARE)
    sessions = _position(entries, SESSION_MIDDLEWARE)
    if csrf is None or (sessions is not None and sessions < csrf):
        return []
    return [
        Error(
            "CSRF_USE_SESSIONS is on, but SessionMiddleware does not come before "
            "CsrfViewMiddleware in MIDDLEWARE, so there is no session to keep the secret in.",
            hint=f"Put {SESSION_MIDDLEWARE!r} before {CSRF_MIDDLEWARE!r} in MIDDLEWARE, or "
            "set CSRF_USE_SESSIONS = False.",
            obj="MIDDLEWARE",
            id="csrf.E001",
        )
    ]
