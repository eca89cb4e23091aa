"""The test-database hook: ``heron.test`` creates every registered model's table."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from heron.conf import settings
from heron.db import connections
from heron.db.models.schema import create_tables, drop_tables
from heron.test import databases

from .models import ALL, Choice, Question


@pytest.fixture
def project() -> Iterator[None]:
    saved = settings._wrapped
    settings.configure(
        DEBUG=True,
        SECRET_KEY="x",
        DATABASES={"default": {"ENGINE": "sqlite", "NAME": ":memory:", "OPTIONS": {}}},
    )
    try:
        yield
    finally:
        databases.teardown_test_databases()
        settings._install(saved)


def test_setup_creates_model_tables(project: None) -> None:
    assert databases.setup_test_databases() == ["default"]
    question = Question.objects.create(question_text="q", pub_date=dt.datetime.now(dt.UTC))
    assert question.choices.count() == 0
    assert Choice.objects.count() == 0


def test_drop_then_create_is_repeatable(project: None) -> None:
    create_tables("default", ALL)
    drop_tables("default", ALL)
    drop_tables("default", ALL)  # IF EXISTS
    create_tables("default", ALL)
    assert Question.objects.count() == 0
    tables = connections["default"].execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'queries_%' "
        "ORDER BY name"
    )
    assert [row[0] for row in tables] == [
        "queries_article",
        "queries_choice",
        "queries_everything",
        "queries_note",
        "queries_question",
        "queries_vote",
    ]
