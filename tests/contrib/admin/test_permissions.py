"""Every page, action and button by permission: 403 for staff without it; superusers see
all; ``has_*_permission`` overrides apply."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from heron import timezone
from heron.test import Client

from .testapp.admin import QuestionAdmin
from .testapp.models import Author, Choice, Question

NOW = timezone.now()


@pytest.fixture
def question(db: str) -> Question:
    return Question.objects.create(question_text="Q", pub_date=NOW)


def pages(pk: int) -> dict[str, tuple[str, str]]:
    base = "/admin/testapp/question/"
    return {
        "changelist": ("GET", base),
        "add": ("GET", f"{base}add/"),
        "add-post": ("POST", f"{base}add/"),
        "change": ("GET", f"{base}{pk}/change/"),
        "change-post": ("POST", f"{base}{pk}/change/"),
        "history": ("GET", f"{base}{pk}/history/"),
        "delete": ("GET", f"{base}{pk}/delete/"),
        "delete-post": ("POST", f"{base}{pk}/delete/"),
        "bulk-delete": ("POST", base),
    }


def status(client: Client, method: str, url: str, pk: int) -> int:
    if method == "GET":
        return client.get(url).status_code
    if url.endswith("/question/"):
        return client.post(url, {"action": "delete_selected", "_selected_action": [pk]}).status_code
    return client.post(url, {}).status_code


ALLOWED = {
    (): set(),
    ("view",): {"changelist", "change", "history"},
    ("add",): {"add", "add-post"},
    ("change",): {"changelist", "change", "change-post", "history"},
    ("delete",): {"delete", "delete-post"},
}


@pytest.mark.parametrize("perms", list(ALLOWED))
def test_each_permission_opens_only_its_pages(
    login_as: Callable[..., Client], question: Question, perms: tuple[str, ...]
) -> None:
    names = [f"testapp.{p}_question" for p in perms]
    client = login_as(
        "staff-" + "-".join(perms), *names, "testapp.add_choice", "testapp.change_choice"
    )
    for name, (method, url) in pages(question.pk).items():
        got = status(client, method, url, question.pk)
        if name in ALLOWED[perms]:
            assert got != 403, (perms, name)
        elif name == "bulk-delete" and not ({"view", "change"} & set(perms)):
            assert got == 403, (perms, name)
        else:
            assert got == 403, (perms, name, got)


def test_bulk_delete_needs_delete_permission(
    login_as: Callable[..., Client], question: Question
) -> None:
    client = login_as("viewer", "testapp.view_question")
    html = client.get("/admin/testapp/question/").text
    assert "delete_selected" not in html and "make_featured" not in html
    response = client.post(
        "/admin/testapp/question/", {"action": "delete_selected", "_selected_action": [question.pk]}
    )
    assert response.status_code == 403
    featured = client.post(
        "/admin/testapp/question/", {"action": "make_featured", "_selected_action": [question.pk]}
    )
    assert featured.status_code == 403
    assert Question.objects.filter(pk=question.pk, featured=False).exists()


def test_superuser_sees_everything(boss: Client, question: Question) -> None:
    for name, (method, url) in pages(question.pk).items():
        if method == "GET":
            assert boss.get(url).status_code == 200, name


def test_buttons_follow_permissions(login_as: Callable[..., Client], question: Question) -> None:
    client = login_as("changer", "testapp.change_question")
    html = client.get(f"/admin/testapp/question/{question.pk}/change/").text
    assert 'name="_save"' in html and 'name="_addanother"' not in html
    assert "/delete/" not in html
    listing = client.get("/admin/testapp/question/").text
    assert "/admin/testapp/question/add/" not in listing


def test_inline_rows_follow_the_inline_models_permissions(
    login_as: Callable[..., Client], question: Question
) -> None:
    Choice.objects.create(question=question, choice_text="Only")
    client = login_as("qonly", "testapp.change_question", "testapp.view_choice")
    html = client.get(f"/admin/testapp/question/{question.pk}/change/").text
    assert 'name="choices-TOTAL_FORMS" value="1"' in html  # no blank rows without add_choice
    assert "choices-0-DELETE" not in html


def test_has_permission_overrides(
    login_as: Callable[..., Client], question: Question, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = login_as(
        "full", *(f"testapp.{p}_question" for p in ("view", "add", "change", "delete"))
    )
    monkeypatch.setattr(
        QuestionAdmin, "has_delete_permission", lambda self, request, obj=None: False
    )
    assert client.get(f"/admin/testapp/question/{question.pk}/delete/").status_code == 403
    assert "delete_selected" not in client.get("/admin/testapp/question/").text


def test_other_models_are_403(login_as: Callable[..., Client]) -> None:
    author = Author.objects.create(name="Ann")
    client = login_as("qonly", "testapp.view_question")
    assert client.get("/admin/testapp/author/").status_code == 403
    assert client.get(f"/admin/testapp/author/{author.pk}/change/").status_code == 403
