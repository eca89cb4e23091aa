"""`heron check --deploy`: each unsafe production setting gives its pinned message and hint."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from heron.checks import CheckMessage, run_checks
from tests.checks.test_builtin import SECURE, URLS

# Matched by class name (the checks never import contrib apps): a stand-in that imports.
SESSIONS_MIDDLEWARE = "securesite.sessions.SessionMiddleware"
STAND_INS = """
from heron.middleware import csp, csrf, security
from heron.middleware.base import HookMiddleware

class SessionMiddleware(HookMiddleware):
    pass

class SecurityMiddleware(security.SecurityMiddleware):
    pass

class ContentSecurityPolicyMiddleware(csp.ContentSecurityPolicyMiddleware):
    pass

class CsrfViewMiddleware(csrf.CsrfViewMiddleware):
    pass
"""


@pytest.fixture
def secure(write_module: Callable[[str, str], None], tmp_path: Path) -> dict[str, Any]:
    write_module("securesite.urls", URLS)
    write_module("securesite.sessions", STAND_INS)
    return {**SECURE, "ROOT_URLCONF": "securesite.urls", "TEMPLATES_DIRS": [str(tmp_path)]}


def deploy_messages() -> list[CheckMessage]:
    return run_checks(include_deployment_checks=True)


def only(configure: Any, secure: dict[str, Any], **changes: Any) -> CheckMessage:
    configure(**{**secure, **changes})
    [message] = deploy_messages()
    return message


def test_secure_settings_pass(configure: Any, secure: dict[str, Any]) -> None:
    configure(**secure)
    assert deploy_messages() == []


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("dev-only-insecure-key", "is a development key"),
        ("dev-insecure-" + "x9" * 30, "is a development key"),
        ("changeme", "is a development key"),
        ("too-short-but-random-9f8a", "has fewer than 50 characters"),
        ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "has fewer than 5"),
        ("abcde" * 10, "is too predictable (repeats a few characters)"),
    ],
)
def test_weak_secret_keys(configure: Any, secure: dict[str, Any], key: str, reason: str) -> None:
    message = only(configure, secure, SECRET_KEY=key)
    assert message.id == "security.W002"
    assert message.msg.startswith(f"SECRET_KEY {reason}")
    assert message.msg.endswith(", so signed cookies and tokens can be forged.")


def test_allowed_hosts_wildcard(configure: Any, secure: dict[str, Any]) -> None:
    message = only(configure, secure, ALLOWED_HOSTS=["example.com", "*"])
    assert (message.id, message.obj) == ("security.W006", "ALLOWED_HOSTS")
    assert message.msg == (
        'ALLOWED_HOSTS contains "*", so any Host header is believed: links in password reset '
        "emails and absolute URLs can point at an attacker's site."
    )
    assert message.hint == (
        'Replace "*" in ALLOWED_HOSTS with the site\'s host names, e.g. ["example.com", '
        '"www.example.com"] (".example.com" allows every subdomain).'
    )


@pytest.mark.parametrize(
    ("left_out", "check_id", "message"),
    [
        (
            "heron.middleware.security.SecurityMiddleware",
            "security.W007",
            "SecurityMiddleware is not in MIDDLEWARE, so no HSTS, nosniff, X-Frame-Options or "
            "Referrer-Policy header is sent and SECURE_SSL_REDIRECT does nothing.",
        ),
        (
            "heron.middleware.csrf.CsrfViewMiddleware",
            "security.W008",
            "CsrfViewMiddleware is not in MIDDLEWARE, so other sites can make a signed-in "
            "visitor's browser post to your forms.",
        ),
        (
            "heron.middleware.csp.ContentSecurityPolicyMiddleware",
            "security.W013",
            "ContentSecurityPolicyMiddleware is not in MIDDLEWARE, so no "
            "Content-Security-Policy limits what an injected script or style can do.",
        ),
    ],
    ids=["security", "csrf", "csp"],
)
def test_missing_middleware(
    configure: Any, secure: dict[str, Any], left_out: str, check_id: str, message: str
) -> None:
    middleware = [m for m in secure["MIDDLEWARE"] if m != left_out]
    found = only(configure, secure, MIDDLEWARE=middleware)
    assert (found.id, found.msg, found.obj) == (check_id, message, "MIDDLEWARE")
    assert found.hint == f"Add {left_out!r} to MIDDLEWARE (see docs/security.md for the order)."


def test_a_subclass_of_the_middleware_counts(configure: Any, secure: dict[str, Any]) -> None:
    middleware = ["securesite.sessions." + m.rsplit(".", 1)[1] for m in secure["MIDDLEWARE"]]
    configure(**{**secure, "MIDDLEWARE": middleware})
    assert deploy_messages() == []


def test_csrf_cookie_not_secure(configure: Any, secure: dict[str, Any]) -> None:
    message = only(configure, secure, CSRF_COOKIE_SECURE=False)
    assert (message.id, message.obj) == ("security.W009", "CSRF_COOKIE_SECURE")
    assert message.hint == "Set CSRF_COOKIE_SECURE = True when the site is served over HTTPS."
    # The secret in the session needs no cookie of its own.
    configure(**{**secure, "CSRF_COOKIE_SECURE": False, "CSRF_USE_SESSIONS": True})
    assert [m.id for m in run_checks(include_deployment_checks=True)] == ["csrf.E001"]


def test_session_cookies(configure: Any, secure: dict[str, Any]) -> None:
    middleware = [SESSIONS_MIDDLEWARE, *secure["MIDDLEWARE"]]
    configure(**{**secure, "MIDDLEWARE": middleware, "SESSION_COOKIE_SECURE": False})
    [message] = deploy_messages()
    assert (message.id, message.obj) == ("security.W010", "SESSION_COOKIE_SECURE")
    assert message.msg == (
        "SESSION_COOKIE_SECURE is off, so the session cookie is also sent over plain HTTP, "
        "where anyone on the network can steal the session."
    )
    configure(
        **{
            **secure,
            "MIDDLEWARE": middleware,
            "SESSION_COOKIE_SECURE": True,
            "SESSION_COOKIE_HTTPONLY": False,
        }
    )
    [message] = deploy_messages()
    assert (message.id, message.hint) == (
        "security.W011",
        "Set SESSION_COOKIE_HTTPONLY = True (the default).",
    )


def test_sessions_app_without_middleware(
    configure: Any, secure: dict[str, Any], write_module: Callable[[str, str], None]
) -> None:
    configure(**{**secure, "SESSION_COOKIE_SECURE": True})
    from heron.checks.builtin import security

    # The sessions app is told apart by its name in INSTALLED_APPS; it is not imported.
    found = security.check_sessions()
    assert found == []
    configure(
        **{**secure, "SESSION_COOKIE_SECURE": True, "INSTALLED_APPS": []},
    )
    from heron.conf import settings

    settings._wrapped.INSTALLED_APPS = ["heron.contrib.sessions"]
    [message] = security.check_sessions()
    assert message.id == "security.W012"
    assert message.msg == (
        "heron.contrib.sessions is installed but SessionMiddleware is not in MIDDLEWARE, so "
        "request.session (and signing in) does not work."
    )
    assert message.hint == (
        "Add 'heron.contrib.sessions.middleware.SessionMiddleware' to MIDDLEWARE, before the "
        "CSRF and auth middleware."
    )


def test_csp_policy_none(configure: Any, secure: dict[str, Any]) -> None:
    message = only(configure, secure, CSP_POLICY=None, CSP_REPORT_ONLY_POLICY={"a-b": True})
    assert (message.id, message.obj) == ("security.W013", "CSP_POLICY")
    assert message.msg.startswith("CSP_POLICY is None, so no Content-Security-Policy is enforced")


@pytest.mark.parametrize("value", [None, "", "ALLOWALL"])
def test_frame_options(configure: Any, secure: dict[str, Any], value: Any) -> None:
    message = only(configure, secure, X_FRAME_OPTIONS=value)
    assert (message.id, message.obj) == ("security.W014", "X_FRAME_OPTIONS")
    assert message.msg == (
        f"X_FRAME_OPTIONS is {value!r}, so other sites may show your pages in a frame and "
        "trick visitors into clicking (clickjacking)."
    )


def test_nosniff(configure: Any, secure: dict[str, Any]) -> None:
    message = only(configure, secure, SECURE_CONTENT_TYPE_NOSNIFF=False)
    assert (message.id, message.hint) == (
        "security.W015",
        "Set SECURE_CONTENT_TYPE_NOSNIFF = True (the default).",
    )


def test_csrf_sessions_order_is_checked_on_every_run(
    configure: Any, secure: dict[str, Any]
) -> None:
    wrong = [*secure["MIDDLEWARE"], SESSIONS_MIDDLEWARE]
    configure(**{**secure, "MIDDLEWARE": wrong, "CSRF_USE_SESSIONS": True})
    [message] = run_checks()
    assert (message.id, message.level) == ("csrf.E001", 40)
    assert message.msg == (
        "CSRF_USE_SESSIONS is on, but SessionMiddleware does not come before "
        "CsrfViewMiddleware in MIDDLEWARE, so there is no session to keep the secret in."
    )
    right = [SESSIONS_MIDDLEWARE, *secure["MIDDLEWARE"]]
    configure(**{**secure, "MIDDLEWARE": right, "CSRF_USE_SESSIONS": True})
    assert run_checks() == []
