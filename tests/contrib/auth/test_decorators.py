"""login_required, permission_required, user_passes_test and the mixins on sync and async
views, and LoginRequiredMiddleware."""

from __future__ import annotations

from typing import Any

import pytest

from heron.contrib.auth.models import Permission, User
from heron.test import Client

# "" is the sync view, "a" the async one; "c" / "ac" the class-based views.
FLAVOURS = ["", "a"]
CLASS_FLAVOURS = ["c", "ac"]


@pytest.fixture
def ada(db: str) -> User:
    return User.objects.create_user("ada", "ada@example.com", "pw")


def signed_in(user: User) -> Client:
    client = Client()
    assert client.post("/signin/", {"username": user.username, "password": "pw"}).status_code == 200
    return client


def grant(user: User, *codenames: str) -> None:
    for codename in codenames:
        user.user_permissions.add(Permission.objects.get(app_label="testapp", codename=codename))


@pytest.mark.parametrize("flavour", FLAVOURS + CLASS_FLAVOURS)
def test_login_required(ada: User, flavour: str) -> None:
    url = f"/views/{flavour}private/"
    response = Client().get(url + "?page=2")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/accounts/login/?next={url}%3Fpage%3D2"
    response = signed_in(ada).get(url)
    assert (response.status_code, response.text) == (200, "private for ada")


def test_login_required_with_options(db: str) -> None:
    response = Client().get("/views/custom/")
    assert response.headers["Location"] == "/elsewhere/?back=/views/custom/"


def test_login_url_may_be_another_site(db: str, settings: Any) -> None:
    settings.LOGIN_URL = "https://login.example.com/sso/"
    response = Client().get("/views/private/")
    assert response.headers["Location"] == (
        "https://login.example.com/sso/?next=http%3A//testserver/views/private/"
    )


@pytest.mark.parametrize("flavour", FLAVOURS + CLASS_FLAVOURS)
def test_permission_required(ada: User, flavour: str) -> None:
    url = f"/views/{flavour}edit/"
    assert Client().get(url).status_code == 302  # anonymous: sign in first
    client = signed_in(ada)
    assert client.get(url).status_code == 403  # signed in, no permission: no redirect loop
    grant(ada, "change_article")
    assert client.get(url).text == "editing"


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_permission_required_raise_exception_and_several_perms(ada: User, flavour: str) -> None:
    url = f"/views/{flavour}publish/"
    assert Client().get(url).status_code == 403
    client = signed_in(ada)
    grant(ada, "change_article")
    assert client.get(url).status_code == 403
    grant(ada, "publish_article")
    assert client.get(url).text == "publishing"


@pytest.mark.parametrize("flavour", FLAVOURS)
def test_permission_required_through_a_group_and_for_superusers(ada: User, flavour: str) -> None:
    from heron.contrib.auth.models import Group

    editors = Group.objects.create(name="editors")
    editors.permissions.add(Permission.objects.get(app_label="testapp", codename="change_article"))
    ada.groups.add(editors)
    assert signed_in(ada).get(f"/views/{flavour}edit/").text == "editing"
    root = User.objects.create_superuser("root", None, "pw")
    assert signed_in(root).get(f"/views/{flavour}publish/").text == "publishing"


@pytest.mark.parametrize("flavour", FLAVOURS + CLASS_FLAVOURS)
def test_user_passes_test(ada: User, flavour: str) -> None:
    url = f"/views/{flavour}staff/"
    assert Client().get(url).status_code == 302
    client = signed_in(ada)
    response = client.get(url)
    if flavour in CLASS_FLAVOURS:
        assert response.status_code == 403  # the mixins refuse signed-in users outright
    else:
        assert response.status_code == 302
    User.objects.filter(pk=ada.pk).update(is_staff=True)
    assert client.get(url).text == "staff only"


def test_login_required_middleware(ada: User, settings: Any) -> None:
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "heron.contrib.auth.middleware.LoginRequiredMiddleware",
    ]
    anonymous = Client()
    response = anonymous.get("/views/plain/")
    assert response.headers["Location"] == "/accounts/login/?next=/views/plain/"
    assert anonymous.get("/views/public/").text == "public"
    assert signed_in(ada).get("/views/plain/").text == "plain"


def test_account_pages_stay_open_under_login_required_middleware(db: str, settings: Any) -> None:
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "heron.contrib.auth.middleware.LoginRequiredMiddleware",
    ]
    client = Client()
    for url in ("/accounts/login/", "/accounts/password_reset/", "/accounts/signup/"):
        assert client.get(url).status_code == 200, url
    response = client.get("/accounts/password_change/")
    assert response.headers["Location"] == "/accounts/login/?next=/accounts/password_change/"
