"""Deployment checks, run by ``heron check --deploy`` and ``heron serve``.

security.W001   DEBUG is on
security.W002   SECRET_KEY is short, repetitive or a development key
security.W003   ALLOWED_HOSTS is empty
security.W004   SECURE_HSTS_SECONDS is not set
security.W005   SECURE_SSL_REDIRECT is off
"""

from __future__ import annotations

from typing import Any

from heron.checks.messages import CheckMessage, Warning
from heron.checks.registry import Tags, register

SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
_DEV_KEY_PREFIXES = ("dev-", "django-insecure")
_NEW_KEY = 'python -c "import secrets; print(secrets.token_urlsafe(50))"'


@register(Tags.security, deploy=True)
def check_debug(**kwargs: Any) -> list[CheckMessage]:
    from heron.conf import settings

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


def _weak_key_reason(key: str) -> str | None:
    if key.startswith(_DEV_KEY_PREFIXES):
        return "is a development key"
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"has fewer than {SECRET_KEY_MIN_LENGTH} characters"
    if len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS:
        return f"has fewer than {SECRET_KEY_MIN_UNIQUE_CHARACTERS} distinct characters"
    return None


@register(Tags.security, deploy=True)
def check_secret_key(**kwargs: Any) -> list[CheckMessage]:
    from heron.conf import settings

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
    from heron.conf import settings

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
    from heron.conf import settings

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
    from heron.conf import settings

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
