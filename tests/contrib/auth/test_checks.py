"""The auth app's system checks."""

from __future__ import annotations

from typing import Any

from heron.checks import run_checks


def ids(**kwargs: Any) -> list[str]:
    return [m.id for m in run_checks(tags=["auth"]) if m.id and m.id.startswith("auth.")]


def test_a_good_configuration_passes(db: str, settings: Any) -> None:
    settings.MIDDLEWARE = [
        "heron.contrib.sessions.middleware.SessionMiddleware",
        "heron.contrib.auth.middleware.AuthenticationMiddleware",
    ]
    assert ids() == []


def test_missing_user_model(db: str, settings: Any) -> None:
    settings.AUTH_USER_MODEL = "nowhere.User"
    messages = [m for m in run_checks(tags=["auth"]) if m.id == "auth.E001"]
    assert len(messages) == 1
    assert "AUTH_USER_MODEL refers to 'nowhere.User', which is not installed" in messages[0].msg


def test_bad_backend_and_middleware_order(db: str, settings: Any) -> None:
    settings.AUTHENTICATION_BACKENDS = ["nowhere.Backend"]
    settings.MIDDLEWARE = [
        "heron.contrib.auth.middleware.AuthenticationMiddleware",
        "heron.contrib.sessions.middleware.SessionMiddleware",
    ]
    assert ids() == ["auth.E004", "auth.E005"]
