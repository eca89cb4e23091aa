"""The account pages through the test client: sign in/out, sign up, password change and
the reset flow (tokens replayed, expired, tampered; the same answer for unknown emails)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from heron.contrib.auth.models import User
from heron.contrib.auth.tokens import (
    PasswordResetTokenGenerator,
    default_token_generator,
    uid_encode,
)
from heron.mail import outbox
from heron.test import Client


@pytest.fixture
def ada(db: str) -> User:
    return User.objects.create_user("ada", "ada@example.com", "correct horse")


def sign_in(client: Client, password: str = "correct horse", **extra: str) -> Any:
    return client.post("/accounts/login/", {"username": "ada", "password": password, **extra})


def whoami(client: Client) -> str:
    return str(client.get("/whoami/").json()["user"])


def test_login_page_renders_an_accessible_form(db: str) -> None:
    response = Client().get("/accounts/login/?next=/views/private/")
    assert response.status_code == 200
    html = response.text
    assert '<label for="id_username">Username' in html
    assert 'autocomplete="current-password"' in html
    assert '<input type="hidden" name="next" value="/views/private/">' in html
    assert 'href="/accounts/password_reset/"' in html


def test_login_redirects_to_login_redirect_url(ada: User, settings: Any) -> None:
    settings.LOGIN_REDIRECT_URL = "/welcome/"
    client = Client()
    response = sign_in(client)
    assert response.status_code == 302 and response.headers["Location"] == "/welcome/"
    assert whoami(client) == "ada"


def test_failed_login_shows_one_message_for_every_cause(ada: User) -> None:
    wrong = sign_in(Client(), password="nope")
    unknown = Client().post("/accounts/login/", {"username": "nobody", "password": "nope"})
    User.objects.filter(pk=ada.pk).update(is_active=False)
    inactive = sign_in(Client())
    message = "Please enter a correct username and password. Both may be case-sensitive."
    for response in (wrong, unknown, inactive):
        assert response.status_code == 200
        assert message in response.text


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/views/private/?a=1", "/views/private/?a=1"),
        ("http://testserver/polls/", "http://testserver/polls/"),
        ("https://evil.example/", "/accounts/profile/"),
        ("//evil.example/", "/accounts/profile/"),
        ("///evil.example/", "/accounts/profile/"),
        ("/\\evil.example/", "/accounts/profile/"),
        ("\\\\evil.example/", "/accounts/profile/"),
        ("javascript:alert(1)", "/accounts/profile/"),
        ("http:evil.example", "/accounts/profile/"),
        (" //evil.example", "/accounts/profile/"),
        ("/\t/evil.example", "/accounts/profile/"),
        ("ftp://testserver/", "/accounts/profile/"),
    ],
)
def test_next_redirect_is_safe(ada: User, next_url: str, expected: str) -> None:
    response = sign_in(Client(), next=next_url)
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_next_on_https_must_stay_https(ada: User) -> None:
    client = Client(secure=True)
    response = sign_in(client, next="http://testserver/polls/")
    assert response.headers["Location"] == "/accounts/profile/"
    response = sign_in(Client(secure=True), next="https://testserver/polls/")
    assert response.headers["Location"] == "https://testserver/polls/"


def test_logout_is_post_only(ada: User) -> None:
    client = Client()
    sign_in(client)
    assert client.get("/accounts/logout/").status_code == 405
    assert whoami(client) == "ada"
    response = client.post("/accounts/logout/")
    assert response.status_code == 200 and "You have signed out." in response.text
    assert whoami(client) == ""


def test_logout_redirects(ada: User, settings: Any) -> None:
    client = Client()
    sign_in(client)
    assert client.post("/accounts/logout/?next=/bye/").headers["Location"] == "/bye/"
    settings.LOGOUT_REDIRECT_URL = "login"  # a URL name works too
    sign_in(client)
    response = client.post("/accounts/logout/", {"next": "https://evil.example/"})
    assert response.headers["Location"] == "/accounts/login/"


def test_signup_creates_and_signs_in(db: str) -> None:
    client = Client()
    page = client.get("/accounts/signup/")
    assert 'autocomplete="new-password"' in page.text
    response = client.post(
        "/accounts/signup/",
        {"username": "grace", "password1": "a long passphrase", "password2": "a long passphrase"},
    )
    assert response.status_code == 302
    assert User.objects.get(username="grace").check_password("a long passphrase")
    assert whoami(client) == "grace"


def test_signup_errors(ada: User) -> None:
    response = Client().post(
        "/accounts/signup/", {"username": "ada", "password1": "short", "password2": "other"}
    )
    assert response.status_code == 200
    assert "User with this Username already exists." in response.text
    assert "The two passwords do not match." in response.text
    response = Client().post(
        "/accounts/signup/", {"username": "bob", "password1": "short", "password2": "short"}
    )
    assert "This password is too short: use at least 8 characters." in response.text
    assert not User.objects.filter(username="bob").exists()


def test_password_change_keeps_this_session_and_ends_others(ada: User) -> None:
    here, there = Client(), Client()
    sign_in(here)
    sign_in(there)
    assert Client().get("/accounts/password_change/").status_code == 302  # must sign in
    response = here.post(
        "/accounts/password_change/",
        {"old_password": "wrong", "new_password1": "x", "new_password2": "x"},
    )
    assert "Your old password was entered incorrectly." in response.text
    response = here.post(
        "/accounts/password_change/",
        {
            "old_password": "correct horse",
            "new_password1": "battery staple 42",
            "new_password2": "battery staple 42",
        },
    )
    assert response.headers["Location"] == "/accounts/password_change/done/"
    assert whoami(here) == "ada"
    assert whoami(there) == ""
    assert "Your password was changed." in here.get("/accounts/password_change/done/").text


def _reset_link(email: str = "ada@example.com") -> str:
    client = Client()
    response = client.post("/accounts/password_reset/", {"email": email})
    assert response.headers["Location"] == "/accounts/password_reset/done/"
    assert len(outbox) == 1
    message = outbox.pop()
    assert message.to == ["ada@example.com"]
    assert message.subject == "Reset your password on testserver"
    found = re.search(r"http://testserver(/accounts/reset/\S+/)", message.body)
    assert found is not None
    return found.group(1)


def _set_password(client: Client, link: str, password: str = "brand new secret") -> Any:
    response = client.get(link)
    assert response.status_code == 302
    form_url = response.headers["Location"]
    assert form_url.endswith("/set-password/")  # the token left the URL
    return client.post(form_url, {"new_password1": password, "new_password2": password})


def test_password_reset_flow(ada: User) -> None:
    link = _reset_link()
    client = Client()
    response = _set_password(client, link)
    assert response.headers["Location"] == "/accounts/reset/done/"
    assert User.objects.get(pk=ada.pk).check_password("brand new secret")
    assert "Your new password is set." in client.get("/accounts/reset/done/").text


def test_reset_link_works_once(ada: User) -> None:
    link = _reset_link()
    _set_password(Client(), link)
    replay = Client().get(link)
    assert replay.status_code == 200 and "This link does not work" in replay.text


def test_reset_link_dies_after_a_sign_in(ada: User) -> None:
    link = _reset_link()
    sign_in(Client())
    assert "This link does not work" in Client().get(link).text


def test_same_response_whether_or_not_the_email_exists(ada: User) -> None:
    known = Client().post("/accounts/password_reset/", {"email": "ada@example.com"})
    unknown = Client().post("/accounts/password_reset/", {"email": "nobody@example.com"})
    assert (known.status_code, known.headers["Location"]) == (
        unknown.status_code,
        unknown.headers["Location"],
    )
    assert len(outbox) == 1
    assert known.text == unknown.text


def test_no_reset_mail_for_inactive_users_or_unusable_passwords(ada: User) -> None:
    User.objects.filter(pk=ada.pk).update(is_active=False)
    Client().post("/accounts/password_reset/", {"email": "ada@example.com"})
    nopw = User.objects.create_user("nopw", "nopw@example.com")
    Client().post("/accounts/password_reset/", {"email": nopw.email})
    assert len(outbox) == 0


@pytest.mark.parametrize(
    "link",
    [
        "/accounts/reset/{uid}/{token}x/",
        "/accounts/reset/{uid}/zzzzzzzzzzzzzz-{digest}/",
        "/accounts/reset/{other}/{token}/",
        "/accounts/reset/!!!/{token}/",
        "/accounts/reset/YWJj/{token}/",
        "/accounts/reset/{uid}/set-password/",
    ],
)
def test_tampered_reset_links_fail(ada: User, link: str) -> None:
    bob = User.objects.create_user("bob", "bob@example.com", "pw")
    token = default_token_generator.make_token(ada)
    url = link.format(
        uid=uid_encode(ada.pk), other=uid_encode(bob.pk), token=token, digest=token.split("-")[1]
    )
    response = Client().get(url)
    assert response.status_code == 200
    assert "This link does not work" in response.text


class _Later(PasswordResetTokenGenerator):
    def __init__(self, seconds: int) -> None:
        self.seconds = seconds

    def _now(self) -> int:
        return super()._now() + self.seconds


def test_reset_tokens_expire(ada: User, settings: Any) -> None:
    settings.PASSWORD_RESET_TIMEOUT = 3600
    token = default_token_generator.make_token(ada)
    assert _Later(3600).check_token(ada, token)
    assert not _Later(3601).check_token(ada, token)


def test_reset_token_survives_secret_key_rotation(ada: User, settings: Any) -> None:
    token = default_token_generator.make_token(ada)
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "rotated-secret-key"
    assert default_token_generator.check_token(ada, token)
    settings.SECRET_KEY_FALLBACKS = []
    assert not default_token_generator.check_token(ada, token)


def test_session_keeps_no_reset_token_after_use(ada: User) -> None:
    link = _reset_link()
    client = Client()
    client.get(link)
    assert "_password_reset_token" in client.session
    _set_password(client, link)
    assert "_password_reset_token" not in client.session
