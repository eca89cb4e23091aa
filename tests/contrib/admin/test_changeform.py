"""Add and change pages: fieldsets, read-only fields, inlines, the three save buttons,
errors, history entries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from heron import timezone
from heron.contrib import admin
from heron.contrib.admin.models import ADDITION, CHANGE, LogEntry
from heron.test import Client

from .testapp.admin import ChoiceInline, QuestionAdmin
from .testapp.models import Author, Choice, Question

NOW = timezone.now()


def question_data(**extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "question_text": "What now?",
        "pub_date": NOW.strftime("%Y-%m-%d %H:%M:%S"),
        "status": "draft",
        "author": "",
        "choices-TOTAL_FORMS": "2",
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
        "choices-0-choice_text": "Yes",
        "choices-0-votes": "0",
        "choices-1-choice_text": "No",
        "choices-1-votes": "0",
        "_save": "",
    }
    data.update(extra)
    return data


def test_add_page(boss: Client) -> None:
    html = boss.get("/admin/testapp/question/add/").text
    assert "<h1>Add question</h1>" in html
    assert '<label for="id_question_text">' in html
    assert '<details class="fieldset collapse"><summary>Date information</summary>' in html
    assert 'name="choices-TOTAL_FORMS"' in html and 'name="choices-1-choice_text"' in html
    assert 'name="_continue"' in html and 'name="_addanother"' in html


def test_add_with_two_inline_rows(boss: Client) -> None:
    response = boss.post("/admin/testapp/question/add/", question_data())
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/testapp/question/"
    question = Question.objects.get(question_text="What now?")
    assert sorted(c.choice_text for c in Choice.objects.filter(question=question)) == ["No", "Yes"]
    entry = LogEntry.objects.get()
    assert (entry.action_flag, entry.object_id, entry.object_repr, entry.user_repr) == (
        ADDITION,
        str(question.pk),
        "What now?",
        "boss",
    )
    assert "The question “What now?” was added." in boss.get("/admin/testapp/question/").text


@pytest.mark.parametrize(
    ("button", "where"),
    [
        ("_continue", "/admin/testapp/question/{pk}/change/"),
        ("_addanother", "/admin/testapp/question/add/"),
    ],
)
def test_save_buttons(boss: Client, button: str, where: str) -> None:
    data = question_data()
    del data["_save"]
    data[button] = ""
    response = boss.post("/admin/testapp/question/add/", data)
    pk = Question.objects.get().pk
    assert response.headers["Location"] == where.format(pk=pk)


def test_errors_at_the_top_and_at_the_fields(boss: Client) -> None:
    response = boss.post(
        "/admin/testapp/question/add/",
        question_data(
            question_text="", **{"choices-1-choice_text": "Yes", "choices-1-votes": "many"}
        ),
    )
    assert response.status_code == 400
    html = response.text
    assert (
        '<div class="errornote" role="alert">' in html
        and "Please correct the errors below." in html
    )
    assert "This field is required." in html
    assert "Enter a whole number." in html
    assert Question.objects.count() == 0 and Choice.objects.count() == 0


def test_change_records_the_changed_fields(boss: Client) -> None:
    question = Question.objects.create(question_text="Old text", pub_date=NOW)
    keep = Choice.objects.create(question=question, choice_text="Keep")
    drop = Choice.objects.create(question=question, choice_text="Drop")
    page = boss.get(f"/admin/testapp/question/{question.pk}/change/")
    assert page.status_code == 200 and 'value="Old text"' in page.text
    data = question_data(
        question_text="New text",
        **{
            "choices-TOTAL_FORMS": "3",
            "choices-INITIAL_FORMS": "2",
            "choices-0-id": str(keep.pk),
            "choices-0-choice_text": "Kept",
            "choices-0-votes": "0",
            "choices-1-id": str(drop.pk),
            "choices-1-choice_text": "Drop",
            "choices-1-votes": "0",
            "choices-1-DELETE": "on",
            "choices-2-choice_text": "Fresh",
            "choices-2-votes": "0",
        },
    )
    data["pub_date"] = timezone.localtime(question.pub_date).strftime("%Y-%m-%d %H:%M:%S")
    response = boss.post(f"/admin/testapp/question/{question.pk}/change/", data)
    assert response.status_code == 302, response.text
    assert sorted(c.choice_text for c in Choice.objects.filter(question=question)) == [
        "Fresh",
        "Kept",
    ]
    entry = LogEntry.objects.get()
    assert entry.action_flag == CHANGE
    message = entry.get_change_message()
    assert message.startswith("Changed Question text.")
    assert "Added choice “Fresh”." in message and "Deleted choice “Drop”." in message
    assert "Changed Choice text for choice “Kept”." in message
    history = boss.get(f"/admin/testapp/question/{question.pk}/history/")
    assert history.status_code == 200 and "Added choice “Fresh”." in history.text


def test_readonly_fields_are_shown_not_editable(boss: Client) -> None:
    question = Question.objects.create(question_text="Q", pub_date=NOW)
    choice = Choice.objects.create(question=question, choice_text="C", votes=7)
    html = boss.get(f"/admin/testapp/choice/{choice.pk}/change/").text
    assert 'name="votes"' not in html
    assert '<span class="label">Votes</span><div class="value">7</div>' in html
    boss.post(
        f"/admin/testapp/choice/{choice.pk}/change/",
        {"question": question.pk, "choice_text": "C2", "votes": "99"},
    )
    choice.refresh_from_db()
    assert (choice.choice_text, choice.votes) == ("C2", 7)


def test_missing_and_malformed_ids_are_404(boss: Client) -> None:
    for page in ("change", "delete", "history"):
        assert boss.get(f"/admin/testapp/question/999/{page}/").status_code == 404
        assert boss.get(f"/admin/testapp/question/abc/{page}/").status_code == 404


def test_get_queryset_scopes_rows(boss: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    mine = Question.objects.create(question_text="Mine", pub_date=NOW, featured=True)
    other = Question.objects.create(question_text="Other", pub_date=NOW)
    monkeypatch.setattr(
        QuestionAdmin, "get_queryset", lambda self, request: Question.objects.filter(featured=True)
    )
    html = boss.get("/admin/testapp/question/").text
    assert "Mine" in html and "Other" not in html
    assert boss.get(f"/admin/testapp/question/{other.pk}/change/").status_code == 404
    assert boss.get(f"/admin/testapp/question/{mine.pk}/change/").status_code == 200


def test_inline_limits(boss: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ChoiceInline, "max_num", 1)
    response = boss.post("/admin/testapp/question/add/", question_data())
    assert response.status_code == 400
    assert "Please submit at most 1 form." in response.text
    monkeypatch.setattr(ChoiceInline, "max_num", None)
    monkeypatch.setattr(ChoiceInline, "min_num", 3)
    response = boss.post("/admin/testapp/question/add/", question_data())
    assert response.status_code == 400 and "Please submit at least 3 forms." in response.text


def test_author_add_then_view_only(login_as: Callable[..., Client]) -> None:
    author = Author.objects.create(name="Ann")
    viewer = login_as("viewer", "testapp.view_author")
    html = viewer.get(f"/admin/testapp/author/{author.pk}/change/").text
    assert "<h1>View author</h1>" in html and 'name="name"' not in html and "Ann" in html
    assert 'name="_save"' not in html


def test_stacked_inline_and_fk_name(boss: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    class StackedChoices(admin.StackedInline):
        model = Choice
        fk_name = "question"
        extra = 1
        can_delete = False

    monkeypatch.setattr(QuestionAdmin, "inlines", [StackedChoices])
    html = boss.get("/admin/testapp/question/add/").text
    assert '<fieldset class="module inline stacked"' in html
    assert "<legend>Choice: new</legend>" in html
    assert 'name="choices-0-choice_text"' in html and "DELETE" not in html
    response = boss.post(
        "/admin/testapp/question/add/", question_data(**{"choices-TOTAL_FORMS": "1"})
    )
    assert response.status_code == 302
    assert [c.choice_text for c in Choice.objects.all()] == ["Yes"]
