"""QuerySet and model reprs show rows (one query, at most 21 rows), never blocking async code."""

from __future__ import annotations

import datetime as dt

import pytest

from heron.db.models.query.queryset import REPR_OUTPUT_SIZE
from heron.test import CaptureQueries

from ..conftest import run_async
from .models import Choice, Question

pytestmark = pytest.mark.usefixtures("tables")

NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)


def questions(count: int) -> None:
    Question.objects.bulk_create(
        [Question(question_text=f"q{i:02d}", pub_date=NOW) for i in range(count)]
    )


def test_repr_shows_the_rows_with_one_query() -> None:
    questions(2)
    with CaptureQueries() as captured:
        text = repr(Question.objects.all())
    assert text == "<QuerySet [<Question: q00>, <Question: q01>]>"
    assert len(captured) == 1
    assert repr(Question.objects.none()) == "<QuerySet []>"
    assert repr(Question.objects.values_list("question_text", flat=True)[:1]) == (
        "<QuerySet ['q00']>"
    )


def test_repr_is_cut_at_twenty_rows_fetching_at_most_twenty_one() -> None:
    assert REPR_OUTPUT_SIZE == 20
    questions(30)
    with CaptureQueries() as captured:
        text = repr(Question.objects.all())
    shown = ", ".join(f"<Question: q{i:02d}>" for i in range(20))
    assert text == f"<QuerySet [{shown}, ...(remaining elements truncated)...]>"
    assert len(captured) == 1
    assert 21 in captured[0].params  # LIMIT 21
    # The repr slices the QuerySet, which keeps the bounds of a sliced one.
    assert repr(Question.objects.all()[5:7]) == "<QuerySet [<Question: q05>, <Question: q06>]>"


def test_repr_of_a_fetched_queryset_runs_no_query() -> None:
    questions(3)
    qs = Question.objects.all()
    list(qs)
    with CaptureQueries() as captured:
        assert repr(qs) == "<QuerySet [<Question: q00>, <Question: q01>, <Question: q02>]>"
    assert len(captured) == 0


def test_repr_in_async_code_shows_a_placeholder_instead_of_blocking() -> None:
    questions(2)

    async def main() -> tuple[str, str]:
        qs = Question.objects.all()
        with CaptureQueries() as captured:
            before = repr(qs)
        assert len(captured) == 0
        await qs.alist()
        return before, repr(qs)

    before, after = run_async(main)
    assert before == (
        "<QuerySet Question (not fetched: repr() runs no query in async code; "
        "use `await qs.alist()`)>"
    )
    assert after == "<QuerySet [<Question: q00>, <Question: q01>]>"


def test_model_repr_uses_str() -> None:
    question = Question.objects.create(question_text="What's up?", pub_date=NOW)
    assert repr(question) == "<Question: What's up?>"
    assert repr(Question.objects.filter(pk=question.pk)) == "<QuerySet [<Question: What's up?>]>"
    assert repr(Choice(id=3)) == "<Choice: 3>"
