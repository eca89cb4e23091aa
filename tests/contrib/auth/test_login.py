"""Signing in and out through views, sync and async: session fixation, password changes,
inactive users, lazy ``request.user``."""

from __future__ import annotations

import re
from typing import Any

import pytest

from heron.contrib.auth import (
    HASH_SESSION_KEY,
    SESSION_KEY,
    authenticate,
    signals,
)
from heron.contrib.auth.models import User
from heron.test import Client

PREFIX = {"sync": "", "async": "a"}
MODES = ["sync", "async"]


@pytest.fixture
def ada(db: str) -> User:
    return User.objects.create_user("ada", "ada@example.com", "correct horse")


def sign_in(
    client: Client, mode: str, password: str = "correct horse", username: str = "ada"
) -> Any:
    return client.post(f"/{PREFIX[mode]}signin/", {"username": username, "password": password})


def whoami(client: Client, mode: str) -> dict[str, Any]:
    data: dict[str, Any] = client.get(f"/{PREFIX[mode]}whoami/").json()
    return data


@pytest.mark.parametrize("mode", MODES)
def test_sign_in_and_out(ada: User, mode: str) -> None:
    client = Client()
    assert whoami(client, mode) == {"user": "", "authenticated": False}
    response = sign_in(client, mode)
    assert response.status_code == 200 and response.text == "hello ada"
    assert whoami(client, mode) == {"user": "ada", "authenticated": True}
    assert whoami(client, "async" if mode == "sync" else "sync")["user"] == "ada"
    stored = client.session
    assert stored[SESSION_KEY] == str(ada.pk)
    assert stored["_auth_user_backend"] == "heron.contrib.auth.backends.ModelBackend"
    assert stored[HASH_SESSION_KEY] == ada.get_session_auth_hash()
    assert User.objects.get(pk=ada.pk).last_login is not None
    assert client.post(f"/{PREFIX[mode]}signout/").text == "bye"
    assert whoami(client, mode) == {"user": "", "authenticated": False}


@pytest.mark.parametrize("mode", MODES)
def test_session_key_changes_on_sign_in(ada: User, mode: str) -> None:
    """Session fixation: a key planted before sign-in is worthless after it."""
    client = Client()
    planted_session = client.session
    planted_session["cart"] = "3 apples"
    planted_session.save()  # the victim's browser now carries a key the attacker knows
    planted = client.cookies["sessionid"]
    sign_in(client, mode)
    assert client.cookies["sessionid"] != planted
    assert client.session["cart"] == "3 apples"  # same user's data kept, under a new key
    assert not planted_session.exists(planted)
    attacker = Client()
    attacker.cookies["sessionid"] = planted
    assert whoami(attacker, mode)["authenticated"] is False


@pytest.mark.parametrize("mode", MODES)
def test_signing_in_again_as_another_user_empties_the_session(ada: User, mode: str) -> None:
    User.objects.create_user("bob", password="pw")
    client = Client()
    sign_in(client, mode)
    session = client.session
    session["private"] = "ada's"
    session.save()
    sign_in(client, mode, username="bob", password="pw")
    assert "private" not in client.session
    assert whoami(client, mode)["user"] == "bob"


@pytest.mark.parametrize("mode", MODES)
def test_wrong_password_and_unknown_user_are_refused(ada: User, mode: str) -> None:
    client = Client()
    failed: list[dict[str, Any]] = []

    def record(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
        failed.append(credentials)

    signals.user_login_failed.connect(record)
    try:
        assert sign_in(client, mode, password="wrong").status_code == 401
        assert sign_in(client, mode, username="nobody").status_code == 401
    finally:
        signals.user_login_failed.disconnect(record)
    assert failed == [
        {"username": "ada", "password": "********"},
        {"username": "nobody", "password": "********"},
    ]
    assert whoami(client, mode)["authenticated"] is False


@pytest.mark.parametrize("mode", MODES)
def test_inactive_user_cannot_sign_in(ada: User, mode: str) -> None:
    ada.is_active = False
    ada.save()
    assert sign_in(Client(), mode).status_code == 401


@pytest.mark.parametrize("mode", MODES)
def test_deactivated_user_is_signed_out(ada: User, mode: str) -> None:
    client = Client()
    sign_in(client, mode)
    User.objects.filter(pk=ada.pk).update(is_active=False)
    assert whoami(client, mode)["authenticated"] is False


@pytest.mark.parametrize("mode", MODES)
def test_password_change_signs_out_other_sessions(ada: User, mode: str) -> None:
    laptop, phone = Client(), Client()
    sign_in(laptop, mode)
    sign_in(phone, mode)
    ada.set_password("new password")
    ada.save()
    assert whoami(laptop, mode)["authenticated"] is False
    assert whoami(phone, mode)["authenticated"] is False
    sign_in(phone, mode, password="new password")
    assert whoami(phone, mode)["user"] == "ada"


def test_session_survives_a_secret_key_rotation(ada: User, settings: Any) -> None:
    client = Client()
    sign_in(client, "sync")
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-brand-new-secret-key"
    assert whoami(client, "sync")["user"] == "ada"
    settings.SECRET_KEY_FALLBACKS = []
    assert whoami(client, "sync")["user"] == "ada"  # the hash was re-stored under the new key


def test_request_user_is_lazy(ada: User, assert_num_queries: Any) -> None:
    client = Client()
    sign_in(client, "sync")
    with assert_num_queries(0):
        assert client.get("/untouched/").text == "no user read"
    with assert_num_queries(2):  # the session, then the user
        assert whoami(client, "sync")["user"] == "ada"


def test_authenticate_with_username_field_keyword(ada: User) -> None:
    assert authenticate(None, username="ada", password="correct horse") == ada
    assert authenticate(None, password="correct horse") is None
    assert authenticate(None, token="abc") is None  # no backend takes these credentials


def test_backend_stored_with_several_backends(ada: User, settings: Any) -> None:
    settings.AUTHENTICATION_BACKENDS = [
        "tests.contrib.auth.backends.NobodyBackend",
        "heron.contrib.auth.backends.ModelBackend",
    ]
    client = Client()
    sign_in(client, "sync")
    stored = client.session
    assert stored["_auth_user_backend"] == "heron.contrib.auth.backends.ModelBackend"
    settings.AUTHENTICATION_BACKENDS = ["tests.contrib.auth.backends.NobodyBackend"]
    assert whoami(client, "sync")["authenticated"] is False  # that backend is gone


@pytest.mark.parametrize("mode", MODES)
def test_sign_in_rotates_the_csrf_secret(ada: User, mode: str) -> None:
    client = Client(enforce_csrf_checks=True)
    page = client.get("/accounts/login/")
    before = client.cookies["csrftoken"]
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert found is not None
    token = found.group(1)
    response = client.post(
        f"/{PREFIX[mode]}signin/",
        {"username": "ada", "password": "correct horse", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 200
    assert client.cookies["csrftoken"] != before
    stale = client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert stale.status_code == 403  # a token from before sign-in is dead
    assert whoami(client, mode)["user"] == "ada"
