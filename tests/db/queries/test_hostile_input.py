"""Hostile input on every backend: values are bound parameters, never SQL text; names
(filter keys, lookups, order_by, values(), annotate/aggregate aliases, F() references,
update keys) are rejected with FieldError before any SQL runs."""

from __future__ import annotations

from typing import Any

import pytest

from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.models import Count, F, Q, Value
from heron.db.models.exceptions import FieldError
from heron.test import CaptureQueries

from ..conftest import run_async
from .models import Choice, Everything, Question, dt

WHEN = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)

HOSTILE_VALUES = [
    "'; DROP TABLE queries_question; --",
    '"; DROP TABLE queries_question; --',
    "`; DROP TABLE queries_question; --",
    "' OR '1'='1",
    "') OR 1=1 --",
    "1; DELETE FROM queries_choice",
    "/* comment */ SELECT 1",
    "\\'; SELECT 1; --",
    "%",
    "_",
    "50% off_",
    "\\",
    "%s",
    "?",
    ":name",
    "$1",
    "ünïcödé ✓ 日本語 🦆",
    "\u202e\u200b right-to-left",
    "line\nbreak\ttab\rreturn",
    " ",
]
NUL_VALUE = "before\x00after"

HOSTILE_NAMES = [
    "question_text; DROP TABLE queries_question; --",
    "id) OR 1=1 --",
    "id OR 1=1",
    '"id"',
    "`id`",
    "'id'",
    "id--",
    "id/*",
    "id;",
    "(SELECT 1)",
    "count(*)",
    "id DESC",
    " id",
    "id ",
    "",
    "ünïcödé",
    "id\x00",
    "question_text__exact; DROP TABLE x",
    "question_text__nosuchlookup",
    "choices__choice_text) OR (1=1",
    "__class__",
    "pk__in; --",
]


def _values(backend: DatabaseWrapper) -> list[str]:
    # PostgreSQL text cannot hold NUL at all (the driver refuses it before sending).
    return HOSTILE_VALUES if backend.vendor == "postgresql" else [*HOSTILE_VALUES, NUL_VALUE]


def _assert_tables_intact(expected_questions: int) -> None:
    assert Question.objects.count() == expected_questions
    assert Choice.objects.count() == expected_questions


def test_values_round_trip_as_bound_parameters(tables: DatabaseWrapper) -> None:
    values = _values(tables)
    with CaptureQueries() as queries:
        for value in values:
            question = Question.objects.create(question_text=value, pub_date=WHEN)
            Choice.objects.create(question=question, choice_text=value)
    for query in queries:
        for value in values:
            if len(value.strip()) > 2:  # short ones ("%", "?") legitimately occur in SQL
                assert value not in query.sql
    for value in values:
        assert Question.objects.get(question_text=value).question_text == value
        assert Question.objects.filter(question_text__exact=value).count() == 1
        assert Question.objects.filter(question_text__in=[value, "zzz"]).count() == 1
        assert Question.objects.filter(choices__choice_text=value).count() == 1
        assert Choice.objects.filter(question__question_text=value).count() == 1
        assert value in Question.objects.filter(question_text__contains=value).values_list(
            "question_text", flat=True
        )
    _assert_tables_intact(len(values))


def test_like_wildcards_in_values_are_literal(tables: DatabaseWrapper) -> None:
    for text in ["100%", "100 percent", "a_b", "axb", "back\\slash", "backslash"]:
        Question.objects.create(question_text=text, pub_date=WHEN)

    def texts(**lookup: Any) -> list[str]:
        rows = Question.objects.filter(**lookup).order_by("question_text")
        return list(rows.values_list("question_text", flat=True))

    assert texts(question_text__contains="%") == ["100%"]
    assert texts(question_text__endswith="%") == ["100%"]
    assert texts(question_text__contains="_") == ["a_b"]
    assert texts(question_text__icontains="A_B") == ["a_b"]
    assert texts(question_text__startswith="a_") == ["a_b"]
    assert texts(question_text__contains="\\") == ["back\\slash"]


def test_hostile_values_in_update_and_exclude(tables: DatabaseWrapper) -> None:
    Question.objects.create(question_text="plain", pub_date=WHEN)
    for value in _values(tables):
        assert Question.objects.update(question_text=value) == 1
        assert Question.objects.get().question_text == value
        assert Question.objects.exclude(question_text=value).count() == 0
        annotated = Question.objects.annotate(tag=Value(value)).values_list("tag", flat=True)
        assert list(annotated) == [value]
    assert Question.objects.count() == 1


def test_hostile_json_values_are_bound_and_keys_rejected(tables: DatabaseWrapper) -> None:
    payload = {value: value for value in HOSTILE_VALUES}
    Everything.objects.create(name="j", data=payload)
    assert Everything.objects.get().data == payload
    with CaptureQueries(using=None) as queries:
        for key in HOSTILE_VALUES[:8]:
            with pytest.raises(FieldError):
                Everything.objects.filter(**{f"data__{key}": key}).count()
    assert queries.captured == []
    assert Everything.objects.count() == 1
    assert Question.objects.count() == 0  # the table is still there


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_names_are_rejected_before_any_sql(tables: DatabaseWrapper, name: str) -> None:
    Question.objects.create(question_text="kept", pub_date=WHEN)
    attempts: list[Any] = [
        lambda: list(Question.objects.filter(**{name: "x"})),
        lambda: list(Question.objects.exclude(**{name: "x"})),
        lambda: list(Question.objects.filter(Q(**{name: 1}) | Q(pk=1))),
        lambda: Question.objects.filter(**{name: "x"}).count(),
        lambda: Question.objects.filter(**{name: "x"}).delete(),
        lambda: Question.objects.filter(**{name: "x"}).update(question_text="y"),
        lambda: list(Question.objects.order_by(name)),
        lambda: list(Question.objects.order_by(f"-{name}")),
        lambda: list(Question.objects.values(name)),
        lambda: list(Question.objects.values_list(name, flat=True)),
        lambda: list(Question.objects.filter(question_text=F(name))),
        lambda: Question.objects.update(question_text=F(name)),
        lambda: list(Question.objects.annotate(n=Count(name))),
        lambda: Question.objects.aggregate(n=Count(name)),
    ]
    if not name.isidentifier():  # an identifier is a valid new alias
        attempts += [
            lambda: list(Question.objects.annotate(**{name: Count("choices")})),
            lambda: list(Question.objects.annotate(**{name: Value(1)})),
            lambda: Question.objects.aggregate(**{name: Count("id")}),
        ]
    with CaptureQueries(using=None) as queries:
        for attempt in attempts:
            with pytest.raises(FieldError):
                attempt()
    assert queries.captured == []
    assert list(Question.objects.values_list("question_text", flat=True)) == ["kept"]


def test_hostile_update_keys_are_rejected(tables: DatabaseWrapper) -> None:
    Question.objects.create(question_text="kept", pub_date=WHEN)
    with CaptureQueries(using=None) as queries:
        for name in HOSTILE_NAMES:
            with pytest.raises((FieldError, TypeError)):
                Question.objects.update(**{name: "x"})
    assert queries.captured == []
    assert Question.objects.get().question_text == "kept"


def test_async_paths_bind_values_and_reject_names(tables: DatabaseWrapper) -> None:
    value = "'; DROP TABLE queries_question; --"

    async def body() -> tuple[str, int]:
        question = await Question.objects.acreate(question_text=value, pub_date=WHEN)
        with CaptureQueries(using=None) as queries:
            with pytest.raises(FieldError):
                await Question.objects.filter(**{HOSTILE_NAMES[0]: 1}).acount()
            with pytest.raises(FieldError):
                await Question.objects.aaggregate(**{HOSTILE_NAMES[1]: Count("id")})
        assert queries.captured == []
        found = await Question.objects.aget(question_text=value)
        assert found == question
        return found.question_text, await Question.objects.acount()

    assert run_async(body) == (value, 1)
