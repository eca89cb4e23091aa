"""``heron.db.introspection`` (``inspectdb``): models written from reflected tables, on every
backend, for tables the test creates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.introspection import model_name_for, models_source, reflect_tables
from heron.db.models.registry import isolated_registry
from heron.db.models.schema import create_tables, drop_tables

from .fixtures.models import ALL, Author, Book, Tag

TABLES = ["fixtureapp_author", "fixtureapp_book", "fixtureapp_book_tags", "fixtureapp_tag"]


@pytest.fixture
def tables(backend: DatabaseWrapper) -> Iterator[DatabaseWrapper]:
    drop_tables("default", ALL)
    create_tables("default", ALL)
    yield backend
    drop_tables("default", ALL)


def source(backend: DatabaseWrapper) -> str:
    return models_source(reflect_tables("default", TABLES))


def test_model_source_for_reflected_tables(tables: DatabaseWrapper) -> None:
    text = source(tables)
    assert "class FixtureappAuthor(models.Model):\n" in text
    assert "    name = models.CharField(max_length=50, unique=True)\n" in text
    assert "    title = models.CharField(max_length=100)\n" in text
    assert "    price = models.DecimalField(max_digits=6, decimal_places=2)\n" in text
    assert "    published = models.DateTimeField(null=True, blank=True)\n" in text
    assert "    day = models.DateField(null=True, blank=True)\n" in text
    assert (
        "    author = models.ForeignKey('FixtureappAuthor', on_delete=models.DO_NOTHING)\n"
    ) in text
    assert "        managed = False\n        db_table = 'fixtureapp_book'\n" in text
    assert "        unique_together = [('book', 'tag')]\n" in text


def test_the_written_models_read_the_rows(tables: DatabaseWrapper) -> None:
    ada = Author.objects.create(name="Ada")
    book = Book.objects.create(
        title="Notes", author=ada, price=Decimal("1.50"), day=dt.date(2026, 1, 2)
    )
    book.tags.add(Tag.objects.create(label="x"))
    namespace: dict[str, Any] = {"__name__": "inspected.models"}
    with isolated_registry():
        exec(compile(source(tables), "<inspectdb>", "exec"), namespace)
        found = namespace["FixtureappBook"].objects.select_related("author").get()
        assert (found.title, found.price, found.day) == ("Notes", Decimal("1.50"), book.day)
        assert found.author.name == "Ada"
        link = namespace["FixtureappBookTags"].objects.get()
        assert (link.book_id, link.tag_id) == (book.pk, Tag.objects.get().pk)


def test_unknown_tables_are_named(tables: DatabaseWrapper) -> None:
    with pytest.raises(LookupError, match=r"No table named 'nope' in database 'default'\."):
        reflect_tables("default", ["nope"])


def test_model_names() -> None:
    assert model_name_for("polls_question") == "PollsQuestion"
    assert model_name_for("2fa-codes") == "T2faCodes"
