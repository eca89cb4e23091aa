"""Pinned SQL per dialect for subqueries, window functions and FOR UPDATE (nothing runs)."""

from __future__ import annotations

import pytest

from heron.db.models import Exists, Lag, OuterRef, Rank, Subquery, Window

from .models import Choice, Question
from .test_sql import fake, select_sql

VENDORS = ["sqlite", "postgresql", "mysql"]

Q_COLS = "queries_question.id, queries_question.question_text, queries_question.pub_date"
C_COLS = (
    "queries_choice.id, queries_choice.question_id, queries_choice.choice_text, "
    "queries_choice.votes"
)
INNER = (
    "FROM queries_choice AS queries_choice_u1 WHERE queries_choice_u1.question_id = "
    "queries_question.id"
)
SUBQUERY = {
    "sqlite": (
        f"SELECT {Q_COLS}, (SELECT queries_choice_u1.votes {INNER} ORDER BY "
        "queries_choice_u1.votes DESC LIMIT ? OFFSET ?) AS top, EXISTS (SELECT "
        f"queries_choice_u1.id {INNER} AND queries_choice_u1.votes > ?) AS has FROM "
        "queries_question WHERE instr(queries_question.question_text, ?) = ? ORDER BY "
        "queries_question.id ASC",
        [1, 0, 4, "W", 1],
    ),
    "postgresql": (
        f"SELECT {Q_COLS}, (SELECT queries_choice_u1.votes {INNER} ORDER BY "
        "queries_choice_u1.votes DESC LIMIT %s::INTEGER) AS top, EXISTS (SELECT "
        f"queries_choice_u1.id {INNER} AND queries_choice_u1.votes > %s::INTEGER) AS has "
        "FROM queries_question WHERE queries_question.question_text LIKE %s::VARCHAR "
        "ESCAPE '\\' ORDER BY queries_question.id ASC",
        [1, 4, "W%"],
    ),
    "mysql": (
        f"SELECT {Q_COLS}, (SELECT queries_choice_u1.votes {INNER} ORDER BY "
        "queries_choice_u1.votes DESC LIMIT %s) AS top, EXISTS (SELECT "
        f"queries_choice_u1.id {INNER} AND queries_choice_u1.votes > %s) AS has FROM "
        "queries_question WHERE queries_question.question_text LIKE BINARY %s ORDER BY "
        "queries_question.id ASC",
        [1, 4, "W%"],
    ),
}


@pytest.mark.parametrize("vendor", VENDORS)
def test_subquery_and_exists(vendor: str) -> None:
    best = Choice.objects.filter(question=OuterRef("pk")).order_by("-votes")
    qs = Question.objects.filter(question_text__startswith="W").annotate(
        top=Subquery(best.values("votes")[:1]),
        has=Exists(Choice.objects.filter(question=OuterRef("pk"), votes__gt=4)),
    )
    assert select_sql(vendor, qs.query) == SUBQUERY[vendor]


OVER = "OVER (PARTITION BY queries_choice.question_id ORDER BY queries_choice.votes DESC"
WINDOW = {
    "sqlite": (
        f"SELECT {C_COLS}, rank() {OVER}) AS rank, lag(queries_choice.votes, 1, ?) {OVER}, "
        "queries_choice.id ASC) AS prev FROM queries_choice ORDER BY queries_choice.id ASC"
    ),
    "postgresql": (
        f"SELECT {C_COLS}, rank() {OVER}) AS rank, lag(queries_choice.votes, 1, %s) {OVER}, "
        "queries_choice.id ASC) AS prev FROM queries_choice ORDER BY queries_choice.id ASC"
    ),
    # MariaDB's LAG takes no default argument: COALESCE supplies it.
    "mysql": (
        f"SELECT {C_COLS}, rank() {OVER}) AS `rank`, coalesce(lag(queries_choice.votes, 1) "
        f"{OVER}, queries_choice.id ASC), %s) AS prev FROM queries_choice ORDER BY "
        "queries_choice.id ASC"
    ),
}


@pytest.mark.parametrize("vendor", VENDORS)
def test_window(vendor: str) -> None:
    qs = Choice.objects.annotate(
        rank=Window(Rank(), partition_by="question", order_by="-votes"),
        prev=Window(Lag("votes", 1, 0), partition_by="question", order_by=["-votes", "pk"]),
    ).order_by("pk")
    assert select_sql(vendor, qs.query) == (WINDOW[vendor], [0])


@pytest.mark.parametrize("vendor", VENDORS)
def test_select_for_update(vendor: str) -> None:
    qs = Question.objects.select_for_update(nowait=True).filter(pk=1)
    sql, _ = select_sql(vendor, qs.query)
    suffix = "ASC" if vendor == "sqlite" else "ASC FOR UPDATE NOWAIT"
    assert sql.endswith(suffix)  # SQLite: no FOR UPDATE (a write transaction locks the file)
    skip = Question.objects.select_for_update(skip_locked=True, of=("self",))
    if vendor == "postgresql":
        assert select_sql(vendor, skip.query)[0].endswith(
            "FOR UPDATE OF queries_question SKIP LOCKED"
        )


def test_bulk_update_sql() -> None:
    from heron.db.models.query.bulk import bulk_update_plan

    one, two = Choice(id=1, votes=5), Choice(id=2, votes=6)
    field = Choice._meta.get_field("votes")
    step = bulk_update_plan(Choice, [one, two], [field], "default", fake("postgresql"))
    assert " ".join(step.sql.split()) == (
        "UPDATE queries_choice SET votes=CASE WHEN (queries_choice.id = %s::BIGINT) THEN "
        "CAST(%s AS INTEGER) WHEN (queries_choice.id = %s::BIGINT) THEN CAST(%s AS INTEGER) "
        "ELSE queries_choice.votes END WHERE queries_choice.id IN (%s, %s)"
    )
    assert step.params == [1, 5, 2, 6, 1, 2]
