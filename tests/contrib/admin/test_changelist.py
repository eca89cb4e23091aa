"""The changelist: columns, search, filters, sorting, paging, counting, query bound."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from typing import Any

import pytest

from heron import timezone
from heron.test import Client, assert_num_queries
from heron.test.queries import CaptureQueries

from .testapp.admin import QuestionAdmin
from .testapp.models import Author, Choice, Question

NOW = timezone.now()


@pytest.fixture
def polls(db: str) -> dict[str, Any]:
    ann = Author.objects.create(name="Ann")
    bo = Author.objects.create(name="Bo")
    made = {
        "sky": Question.objects.create(
            question_text="Why is the sky blue?",
            pub_date=NOW,
            featured=True,
            status="live",
            author=ann,
        ),
        "tea": Question.objects.create(
            question_text="Tea or coffee?", pub_date=NOW - datetime.timedelta(days=3), author=bo
        ),
        "old": Question.objects.create(
            question_text="Old news", pub_date=NOW - datetime.timedelta(days=800)
        ),
    }
    Choice.objects.create(question=made["sky"], choice_text="Rayleigh")
    return made


def texts(html: str) -> list[str]:
    """The link texts of the result rows (the first column)."""
    return re.findall(
        r'<th scope="row"><a href="/admin/testapp/question/\d+/change/">([^<]*)</a>', html
    )


def test_columns(boss: Client, polls: dict[str, Any]) -> None:
    html = boss.get("/admin/testapp/question/?o=0").text
    assert texts(html) == ["Old news", "Tea or coffee?", "Why is the sky blue?"]
    for header in (
        "Question text",
        "Date published",
        "Author name",
        "Status",
        "Published recently?",
        "Shouting",
    ):
        assert header in html
    assert "<td>Ann</td>" in html and "<td>Live</td>" in html and "<td>Draft</td>" in html
    assert "<td>WHY IS THE SKY BLUE?</td>" in html
    assert '<span class="bool yes" role="img" aria-label="Yes">✔</span>' in html
    assert '<span class="bool no" role="img" aria-label="No">✘</span>' in html
    assert "<td>—</td>" in html  # "Old news" has no author


def test_search(boss: Client, polls: dict[str, Any]) -> None:
    assert texts(boss.get("/admin/testapp/question/?q=SKY").text) == ["Why is the sky blue?"]
    assert texts(boss.get("/admin/testapp/question/?q=sky+blue").text) == ["Why is the sky blue?"]
    assert texts(boss.get("/admin/testapp/question/?q=sky+tea").text) == []
    # "=author__name": exact (case-insensitive) match across the relation.
    assert texts(boss.get("/admin/testapp/question/?q=bo").text) == ["Tea or coffee?"]
    assert texts(boss.get("/admin/testapp/question/?q=b").text) == ["Why is the sky blue?"]
    # Choice: "^choice_text" starts-with, and the question's text across the relation.
    html = boss.get("/admin/testapp/choice/?q=ray").text
    assert "Rayleigh" in html
    assert "Rayleigh" not in boss.get("/admin/testapp/choice/?q=leigh").text
    assert "Rayleigh" in boss.get("/admin/testapp/choice/?q=sky").text


def test_hostile_parameters_are_ignored(boss: Client, polls: dict[str, Any]) -> None:
    for query in (
        "o=99",
        "o=-x.1;DROP",
        "o=" + "1." * 500,
        "p=-3",
        "p=abc",
        "p=99999999999999",
        "featured=maybe",
        "status=nope",
        "author=999999",
        "author=abc",
        "pub_date=tomorrow",
        "with_choices=1' OR 1=1",
        "q=" + "x" * 5000,
        "q=%25",
        "q=_",
        "unknown=1",
    ):
        response = boss.get(f"/admin/testapp/question/?{query}")
        assert response.status_code == 200, query
    assert texts(boss.get("/admin/testapp/question/?status=nope&o=0").text) == [
        "Old news",
        "Tea or coffee?",
        "Why is the sky blue?",
    ]
    assert texts(boss.get("/admin/testapp/question/?q=%25").text) == []
    assert "No questions found." in boss.get("/admin/testapp/question/?p=7").text


def test_filters(boss: Client, polls: dict[str, Any]) -> None:
    url = "/admin/testapp/question/?o=0&"
    assert texts(boss.get(url + "featured=1").text) == ["Why is the sky blue?"]
    assert texts(boss.get(url + "featured=0").text) == ["Old news", "Tea or coffee?"]
    assert texts(boss.get(url + "status=live").text) == ["Why is the sky blue?"]
    bo = Author.objects.get(name="Bo")
    assert texts(boss.get(url + f"author={bo.pk}").text) == ["Tea or coffee?"]
    assert texts(boss.get(url + "pub_date=today").text) == ["Why is the sky blue?"]
    assert texts(boss.get(url + "pub_date=past7").text) == [
        "Tea or coffee?",
        "Why is the sky blue?",
    ]
    year = texts(boss.get(url + "pub_date=year").text)
    assert "Old news" not in year and "Why is the sky blue?" in year
    assert texts(boss.get(url + "with_choices=yes").text) == ["Why is the sky blue?"]
    assert texts(boss.get(url + "with_choices=no").text) == ["Old news", "Tea or coffee?"]
    html = boss.get(url + "status=live").text
    assert 'aria-current="true">Live</a>' in html
    assert "By has choices" in html and "By date published" in html and "By author" in html


def test_sorting(boss: Client, polls: dict[str, Any]) -> None:
    url = "/admin/testapp/question/"
    assert texts(boss.get(url + "?o=-0").text) == [
        "Why is the sky blue?",
        "Tea or coffee?",
        "Old news",
    ]
    assert texts(boss.get(url + "?o=1").text) == [
        "Old news",
        "Tea or coffee?",
        "Why is the sky blue?",
    ]
    # A callable with ordering= sorts by that field; a related column sorts across the join.
    assert texts(boss.get(url + "?o=-4").text) == [
        "Why is the sky blue?",
        "Tea or coffee?",
        "Old news",
    ]
    assert texts(boss.get(url + "?o=5").text) == [
        "Old news",
        "Tea or coffee?",
        "Why is the sky blue?",
    ]
    html = boss.get(url + "?o=0").text
    assert (
        '<th scope="col" aria-sort="ascending" class="column-question_text"><a href="?o=-0">'
        in html
    )
    assert 'aria-sort="none" class="column-pub_date"><a href="?o=1.0">' in html


def test_paging_without_counting_everything(
    boss: Client, polls: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    Question.objects.bulk_create(
        [Question(question_text=f"Q{n:02}", pub_date=NOW) for n in range(9)]
    )  # 12 rows, 5 a page
    first = boss.get("/admin/testapp/question/?o=0").text
    assert "12 questions" in first and "Page 1 of 3" in first and 'rel="next"' in first
    last = boss.get("/admin/testapp/question/?o=0&p=3").text
    assert "12 questions" in last and 'rel="next"' not in last and 'rel="prev"' in last
    assert len(texts(last)) == 2
    monkeypatch.setattr(QuestionAdmin, "list_count_limit", 7)
    capped = boss.get("/admin/testapp/question/").text
    assert "More than 7 questions" in capped and "Page 1<" in capped


def sql_of(client: Client, url: str) -> list[str]:
    with CaptureQueries() as captured:
        assert client.get(url).status_code == 200
    return [query.sql for query in captured.captured]


def test_count_is_bounded_unless_asked(
    boss: Client, polls: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    Question.objects.bulk_create([Question(question_text=f"Q{n}", pub_date=NOW) for n in range(9)])
    counts = [s for s in sql_of(boss, "/admin/testapp/question/") if "COUNT(" in s.upper()]
    assert len(counts) == 1 and "LIMIT" in counts[0].upper()
    monkeypatch.setattr(QuestionAdmin, "show_full_result_count", True)
    counts = [s for s in sql_of(boss, "/admin/testapp/question/") if "COUNT(" in s.upper()]
    assert len(counts) == 1 and "LIMIT" not in counts[0].upper()
    # The last page, or a list shorter than a page, is counted without a COUNT query.
    assert not [s for s in sql_of(boss, "/admin/testapp/question/?p=3") if "COUNT(" in s.upper()]
    assert not [s for s in sql_of(boss, "/admin/testapp/author/") if "COUNT(" in s.upper()]


@pytest.mark.parametrize("per_page", [5, 50])
def test_queries_per_page_do_not_grow_with_the_page(
    boss: Client, polls: dict[str, Any], monkeypatch: pytest.MonkeyPatch, per_page: int
) -> None:
    authors = [Author.objects.create(name=f"A{n}") for n in range(3)]
    Question.objects.bulk_create(
        [Question(question_text=f"Q{n}", pub_date=NOW, author=authors[n % 3]) for n in range(120)]
    )
    monkeypatch.setattr(QuestionAdmin, "list_per_page", per_page)
    boss.get("/admin/testapp/question/")  # warm: session, user and permissions caches
    # session + user + rows + bounded count + the author filter's choices + messages/session
    # write-free: the same number for 5 rows and for 50.
    with assert_num_queries(5):
        assert boss.get("/admin/testapp/question/?o=2").status_code == 200


def test_actions_and_select_all_box(boss: Client, polls: dict[str, Any]) -> None:
    html = boss.get("/admin/testapp/question/").text
    assert '<option value="delete_selected">Delete selected questions</option>' in html
    assert '<option value="make_featured">Mark as featured</option>' in html
    assert "data-select-all" in html
    assert f'name="_selected_action" value="{polls["sky"].pk}"' in html


def test_custom_action(boss: Client, polls: dict[str, Any]) -> None:
    tea = polls["tea"]
    response = boss.post(
        "/admin/testapp/question/", {"action": "make_featured", "_selected_action": [tea.pk]}
    )
    assert response.status_code == 302
    tea.refresh_from_db()
    assert tea.featured
    assert "1 featured." in boss.get(response.headers["Location"]).text


def test_bad_action_posts(boss: Client, polls: dict[str, Any]) -> None:
    url = "/admin/testapp/question/"
    unknown = boss.post(url, {"action": "drop_tables", "_selected_action": [1]})
    assert unknown.status_code == 400 and "Unknown action 'drop_tables'." in unknown.text
    bad_ids = boss.post(url, {"action": "make_featured", "_selected_action": ["x"]})
    assert bad_ids.status_code == 400
    nothing = boss.post(url, {"action": "make_featured"})
    assert nothing.status_code == 302
    assert "Select the items to act on" in boss.get(nothing.headers["Location"]).text


def _unused() -> Iterator[None]:  # pragma: no cover
    yield
