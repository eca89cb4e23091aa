"""The test client's login(), force_login() and logout(), sync and async."""

from __future__ import annotations

from typing import Any

import pytest

from heron.contrib.auth import SESSION_KEY
from heron.contrib.auth.models import User
from heron.test import AsyncClient, Client


@pytest.fixture
def ada(db: str) -> User:
    return User.objects.create_user("ada", "ada@example.com", "correct horse")


def whoami(client: Client) -> str:
    return str(client.get("/whoami/").json()["user"])


def test_login_with_credentials(ada: User) -> None:
    client = Client()
    assert not client.login(username="ada", password="wrong")
    assert whoami(client) == ""
    assert client.login(username="ada", password="correct horse")
    assert whoami(client) == "ada"
    assert client.session[SESSION_KEY] == str(ada.pk)


def test_login_refuses_inactive_users(ada: User) -> None:
    User.objects.filter(pk=ada.pk).update(is_active=False)
    assert not Client().login(username="ada", password="correct horse")


def test_force_login_and_logout(ada: User) -> None:
    client = Client()
    client.force_login(ada)
    assert whoami(client) == "ada"
    client.logout()
    assert whoami(client) == ""


def test_force_login_replaces_the_previous_user(ada: User) -> None:
    bob = User.objects.create_user("bob")
    client = Client()
    client.force_login(ada)
    client.force_login(bob)
    assert whoami(client) == "bob"


async def test_async_client(ada: User) -> None:
    client = AsyncClient()
    assert await client.alogin(username="ada", password="correct horse")
    response = await client.get("/awhoami/")
    assert response.json()["user"] == "ada"
    await client.alogout()
    assert (await client.get("/awhoami/")).json()["user"] == ""
    await client.aforce_login(ada)
    assert (await client.get("/awhoami/")).json()["user"] == "ada"


def test_without_the_auth_app_login_says_what_to_install(settings: Any) -> None:
    from heron.apps import apps

    saved = (apps.app_configs, apps.ready)
    apps.app_configs = {}
    try:
        with pytest.raises(RuntimeError, match=r"add 'heron\.contrib\.auth'"):
            Client().login(username="x", password="y")
    finally:
        apps.app_configs, apps.ready = saved
