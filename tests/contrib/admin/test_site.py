"""The site: registration, URLs, staff-only sign-in and sign-out, the index pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from heron.conf import ImproperlyConfigured
from heron.contrib import admin
from heron.contrib.admin.models import LogEntry
from heron.test import Client
from heron.urls import reverse

from .conftest import make_user
from .testapp.admin import QuestionAdmin
from .testapp.models import Author, Choice, Question


def test_decorators_set_attributes_without_a_database() -> None:
    @admin.display(boolean=True, ordering="-pub_date", description="Recent?")
    def recent(obj: object) -> bool:
        return True

    @admin.action(permissions=["change"], description="Close them")
    def close(modeladmin: object, request: object, queryset: object) -> None: ...

    assert (recent.boolean, recent.admin_order_field, recent.short_description) == (  # type: ignore[attr-defined]
        True,
        "-pub_date",
        "Recent?",
    )
    assert close.allowed_permissions == ("change",)  # type: ignore[attr-defined]
    assert close.short_description == "Close them"  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="boolean=True already shows an icon"):
        admin.display(boolean=True, empty_value="-")(recent)


def test_registration(site: str) -> None:
    custom = admin.AdminSite(name="custom")
    custom.register(Author)
    with pytest.raises(admin.AlreadyRegistered, match=r"testapp\.Author is already registered"):
        custom.register(Author)
    custom.unregister(Author)
    assert not custom.is_registered(Author)
    with pytest.raises(admin.NotRegistered):
        custom.unregister(Author)

    @admin.register(Author, Choice, site=custom)
    class AuthorAdmin(admin.ModelAdmin):
        pass

    assert type(custom.get_model_admin(Choice)) is AuthorAdmin
    # The default site was filled by testapp/admin.py, found by autodiscovery.
    assert type(admin.site.get_model_admin(Question)) is QuestionAdmin
    assert admin.site.is_registered(Author)


def test_url_names(site: str) -> None:
    assert reverse("admin:index") == "/admin/"
    assert reverse("admin:login") == "/admin/login/"
    assert reverse("admin:logout") == "/admin/logout/"
    assert reverse("admin:app_list", args=["testapp"]) == "/admin/testapp/"
    assert reverse("admin:testapp_question_changelist") == "/admin/testapp/question/"
    assert reverse("admin:testapp_question_add") == "/admin/testapp/question/add/"
    for page in ("change", "delete", "history"):
        assert reverse(f"admin:testapp_question_{page}", args=[7]) == (
            f"/admin/testapp/question/7/{page}/"
        )
    assert reverse("backoffice:testapp_author_changelist") == "/backoffice/testapp/author/"


def test_anonymous_and_non_staff_are_sent_to_sign_in(login_as: Callable[..., Client]) -> None:
    for client in (Client(), login_as("visitor", "testapp.view_question", staff=False)):
        for url in ("/admin/", "/admin/testapp/question/", "/admin/testapp/question/1/change/"):
            response = client.get(url)
            assert response.status_code == 302
            assert response.headers["Location"] == f"/admin/login/?next={url.replace('/', '%2F')}"


def test_staff_sign_in_with_next_and_csrf(db: str) -> None:
    make_user("ada")
    client = Client(enforce_csrf_checks=True)
    page = client.get("/admin/login/?next=/admin/testapp/")
    assert page.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in page.text
    assert '<input type="hidden" name="next" value="/admin/testapp/">' in page.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    refused = Client(enforce_csrf_checks=True).post(
        "/admin/login/", {"username": "ada", "password": "pw-ada"}
    )
    assert refused.status_code == 403
    response = client.post(
        "/admin/login/",
        {
            "username": "ada",
            "password": "pw-ada",
            "next": "/admin/testapp/",
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code == 302 and response.headers["Location"] == "/admin/testapp/"
    assert client.get("/admin/").status_code == 200


def test_non_staff_cannot_sign_in_and_is_told_nothing_more(db: str) -> None:
    make_user("bob", staff=False)
    response = Client().post("/admin/login/", {"username": "bob", "password": "pw-bob"})
    assert response.status_code == 200
    assert "Please enter a correct username and password." in response.text
    assert Client().get("/admin/").status_code == 302


def test_sign_in_is_rate_limited(db: str) -> None:
    make_user("ada")
    client = Client()
    for _ in range(5):
        assert client.post("/admin/login/", {"username": "ada", "password": "x"}).status_code == 200
    blocked = client.post("/admin/login/", {"username": "ada", "password": "pw-ada"})
    assert blocked.status_code == 429 and "Retry-After" in blocked.headers


def test_sign_out_is_post_only(boss: Client) -> None:
    assert boss.get("/admin/logout/").status_code == 405
    response = boss.post("/admin/logout/")
    assert response.status_code == 302 and response.headers["Location"] == "/admin/login/"
    assert boss.get("/admin/").status_code == 302


def test_index_lists_only_what_the_user_may_see(login_as: Callable[..., Client]) -> None:
    client = login_as("ed", "testapp.view_author")
    html = client.get("/admin/").text
    assert '<a href="/admin/testapp/author/">Authors</a>' in html
    assert "/admin/testapp/question/" not in html
    assert "/admin/testapp/author/add/" not in html
    nothing = login_as("nobody").get("/admin/")
    assert "You do not have permission to view or edit anything." in nothing.text


def test_app_index(boss: Client, login_as: Callable[..., Client]) -> None:
    html = boss.get("/admin/testapp/").text
    for name in ("Authors", "Choices", "Questions", "Votes"):
        assert f">{name}</a>" in html
    assert boss.get("/admin/nosuchapp/").status_code == 404
    assert login_as("nobody").get("/admin/testapp/").status_code == 403


def test_custom_site_titles(boss: Client) -> None:
    html = boss.get("/backoffice/").text
    assert "<title>Everything | Back office admin</title>" in html
    assert '<a href="/backoffice/">Back office</a>' in html
    assert "/backoffice/testapp/author/" in html and "/backoffice/testapp/question/" not in html
    default = boss.get("/admin/").text
    assert "<title>Site administration | Heron site admin</title>" in default


def test_recent_actions_on_the_index(boss: Client) -> None:
    boss.post("/admin/testapp/author/add/", {"name": "Ursula"})
    assert LogEntry.objects.count() == 1
    html = boss.get("/admin/").text
    assert "Added “Ursula”." in html


def test_pages_are_not_cached_and_use_the_static_stylesheet(boss: Client) -> None:
    response = boss.get("/admin/")
    assert response.headers["Cache-Control"] == "private, no-store"
    assert '<link rel="stylesheet" href="/static/admin/admin.css">' in response.text
    assert "<style" not in response.text and "<script>" not in response.text
    assert '<main id="content"' in response.text


def test_project_templates_override_admin_ones(boss: Client, tmp_path: Path, settings: Any) -> None:
    (tmp_path / "admin").mkdir()
    (tmp_path / "admin" / "base_site.html").write_text(
        '{% extends "admin/base.html" %}'
        "{% block title %}Ours: {{ title }}{% endblock %}"
        "{% block branding %}<strong>Our back office</strong>{% endblock %}"
    )
    settings.TEMPLATES_DIRS = [str(tmp_path)]
    html = boss.get("/admin/").text
    assert "<title>Ours: Site administration</title>" in html
    assert "<strong>Our back office</strong>" in html


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"list_display": ["nope"]}, "QuestionAdmin.list_display names 'nope', which is neither"),
        ({"list_filter": ["nope"]}, "QuestionAdmin.list_filter names 'nope': Question has no"),
        ({"search_fields": ["^author__nope"]}, "QuestionAdmin.search_fields names '^author__nope'"),
    ],
)
def test_list_options_naming_nothing_fail_at_registration(
    site: str, options: dict[str, Any], message: str
) -> None:
    broken = type("QuestionAdmin", (admin.ModelAdmin,), options)
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        admin.AdminSite(name="broken").register(Question, broken)


def test_password_change(db: str) -> None:
    make_user("ada")
    client = Client()
    assert client.login(username="ada", password="pw-ada")
    page = client.get("/admin/password_change/")
    assert page.status_code == 200 and 'name="old_password"' in page.text
    assert "<title>Change password | Heron site admin</title>" in page.text
    wrong = client.post(
        "/admin/password_change/",
        {
            "old_password": "nope",
            "new_password1": "a fresh passphrase",
            "new_password2": "a fresh passphrase",
        },
    )
    assert "Please correct the errors below." in wrong.text
    response = client.post(
        "/admin/password_change/",
        {
            "old_password": "pw-ada",
            "new_password1": "a fresh passphrase",
            "new_password2": "a fresh passphrase",
        },
    )
    assert response.headers["Location"] == "/admin/password_change/done/"
    assert "Your password was changed." in client.get("/admin/password_change/done/").text
    assert client.get("/admin/").status_code == 200  # this session stays signed in
    assert Client().login(username="ada", password="a fresh passphrase")
    assert Client().get("/admin/password_change/").status_code == 302
