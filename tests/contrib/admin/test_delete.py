"""Deleting: the confirmation page lists the cascade, PROTECT refuses, bulk delete asks
first; every delete is logged."""

from __future__ import annotations

from heron import timezone
from heron.contrib.admin.models import DELETION, LogEntry
from heron.test import Client

from .testapp.models import Author, Choice, Question, Vote

NOW = timezone.now()


def test_delete_lists_the_cascade_then_deletes(boss: Client) -> None:
    question = Question.objects.create(question_text="Doomed", pub_date=NOW)
    choice = Choice.objects.create(question=question, choice_text="A")
    Vote.objects.create(choice=choice, voter="ann")
    page = boss.get(f"/admin/testapp/question/{question.pk}/delete/")
    assert page.status_code == 200
    html = page.text
    assert "Are you sure you want to delete the question “Doomed”?" in html
    assert "<li>Questions: 1</li>" in html and "<li>Choices: 1</li>" in html
    assert "<li>Votes: 1</li>" in html and "<li>vote by ann</li>" in html
    response = boss.post(f"/admin/testapp/question/{question.pk}/delete/", {"post": "yes"})
    assert (
        response.status_code == 302 and response.headers["Location"] == "/admin/testapp/question/"
    )
    assert not Question.objects.exists() and not Vote.objects.exists()
    entry = LogEntry.objects.get()
    assert (entry.action_flag, entry.object_repr) == (DELETION, "Doomed")
    assert "The question “Doomed” was deleted." in boss.get("/admin/testapp/question/").text


def test_protect_refuses_with_a_reason(boss: Client) -> None:
    author = Author.objects.create(name="Ann")
    Question.objects.create(question_text="Hers", pub_date=NOW, author=author)
    page = boss.get(f"/admin/testapp/author/{author.pk}/delete/")
    assert "Deleting would remove rows that other records protect." in page.text
    assert "<li>question: Hers</li>" in page.text and "Yes, delete" not in page.text
    response = boss.post(f"/admin/testapp/author/{author.pk}/delete/", {"post": "yes"})
    assert response.status_code == 409
    assert Author.objects.filter(pk=author.pk).exists() and not LogEntry.objects.exists()


def test_bulk_delete_asks_first(boss: Client) -> None:
    keep = Question.objects.create(question_text="Keep", pub_date=NOW)
    doomed = [Question.objects.create(question_text=f"Bye {n}", pub_date=NOW) for n in range(2)]
    Choice.objects.create(question=doomed[0], choice_text="A")
    ids = [q.pk for q in doomed]
    page = boss.post(
        "/admin/testapp/question/", {"action": "delete_selected", "_selected_action": ids}
    )
    assert page.status_code == 200
    assert "Are you sure you want to delete the selected questions?" in page.text
    assert "<li>Questions: 2</li>" in page.text and "<li>Choices: 1</li>" in page.text
    assert Question.objects.count() == 3
    done = boss.post(
        "/admin/testapp/question/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert done.status_code == 302
    assert list(Question.objects.values_list("pk", flat=True)) == [keep.pk]
    assert sorted(e.object_repr for e in LogEntry.objects.all()) == ["Bye 0", "Bye 1"]
    assert "Deleted 2 questions." in boss.get("/admin/testapp/question/").text


def test_bulk_delete_refused_by_protect(boss: Client) -> None:
    author = Author.objects.create(name="Ann")
    Question.objects.create(question_text="Hers", pub_date=NOW, author=author)
    response = boss.post(
        "/admin/testapp/author/",
        {"action": "delete_selected", "_selected_action": [author.pk], "post": "yes"},
    )
    assert response.status_code == 200 and "Cannot delete" in response.text
    assert Author.objects.exists()
