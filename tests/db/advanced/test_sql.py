"""The SQL of the many-to-many joins, compound SELECTs, upserts, transforms and regex
lookups, pinned per backend (captured from real runs, whitespace collapsed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.models.schema import create_tables, drop_tables
from heron.test.queries import CaptureQueries

from ..relations.models import ALL as RELATION_MODELS
from ..relations.models import Question, Tag
from .models import Event, Item

pytestmark = pytest.mark.usefixtures("tables")

Q_COLUMNS = "m2mtests_question.id, m2mtests_question.question_text, m2mtests_question.author_id"
ITEM = (
    "SELECT advanced_item.id, advanced_item.code, advanced_item.qty, advanced_item.note "
    "FROM advanced_item WHERE "
)
EVENT = (
    "SELECT advanced_event.id, advanced_event.title, advanced_event.at, advanced_event.day, "
    "advanced_event.{rank} FROM advanced_event WHERE "
)
JOIN_THROUGH = (
    "FROM m2mtests_question LEFT OUTER JOIN m2mtests_question_tags ON "
    "m2mtests_question_tags.question_id = m2mtests_question.id"
)
PARAM = {"sqlite": "?", "postgresql": "%s", "mysql": "%s"}


def sql(vendor: str, text: str, **casts: str) -> str:
    """``text`` with ``{p}`` placeholders; on PostgreSQL ``{p:name}`` gets ``::TYPE``."""
    out = text.replace("{rank}", "`rank`" if vendor == "mysql" else "rank")
    for name, cast in casts.items():
        suffix = f"::{cast}" if vendor == "postgresql" else ""
        out = out.replace("{" + name + "}", PARAM[vendor] + suffix)
    return out.replace("{p}", PARAM[vendor])


def captured(action: Callable[[], Any]) -> list[str]:
    with CaptureQueries() as queries:
        action()
    return [" ".join(s.split()) for s in queries.sql]


@pytest.fixture
def relation_tables(tables: DatabaseWrapper) -> Any:
    drop_tables("default", RELATION_MODELS)
    create_tables("default", RELATION_MODELS)
    yield
    drop_tables("default", RELATION_MODELS)


@pytest.mark.usefixtures("relation_tables")
def test_many_to_many_joins(backend: DatabaseWrapper) -> None:
    v = backend.vendor
    assert captured(lambda: list(Question.objects.filter(tags__name="x").distinct())) == [
        sql(
            v,
            f"SELECT DISTINCT {Q_COLUMNS} {JOIN_THROUGH} LEFT OUTER JOIN m2mtests_tag ON "
            "m2mtests_tag.id = m2mtests_question_tags.tag_id WHERE m2mtests_tag.name = {s} "
            "ORDER BY m2mtests_question.id ASC",
            s="VARCHAR",
        )
    ]
    # A path ending at the far key reads the through table only.
    assert captured(lambda: list(Question.objects.filter(tags=1))) == [
        sql(
            v,
            f"SELECT {Q_COLUMNS} {JOIN_THROUGH} WHERE m2mtests_question_tags.tag_id = {{i}} "
            "ORDER BY m2mtests_question.id ASC",
            i="BIGINT",
        )
    ]
    assert captured(lambda: list(Tag.objects.filter(question__question_text="y"))) == [
        sql(
            v,
            "SELECT m2mtests_tag.id, m2mtests_tag.name FROM m2mtests_tag LEFT OUTER JOIN "
            "m2mtests_question_tags ON m2mtests_question_tags.tag_id = m2mtests_tag.id LEFT "
            "OUTER JOIN m2mtests_question ON m2mtests_question.id = "
            "m2mtests_question_tags.question_id WHERE m2mtests_question.question_text = {s} "
            "ORDER BY m2mtests_tag.name ASC",
            s="VARCHAR",
        )
    ]


def test_union_sql(backend: DatabaseWrapper) -> None:
    v = backend.vendor
    low = Item.objects.filter(qty__lte=2)
    qs = low.union(Item.objects.filter(code="a")).order_by("-code")[:2]
    tail = {
        "sqlite": " LIMIT ? OFFSET ?",
        "postgresql": " LIMIT %s::INTEGER",
        "mysql": " LIMIT %s",
    }[v]
    assert captured(lambda: list(qs)) == [
        sql(
            v,
            ITEM + "advanced_item.qty <= {i} UNION " + ITEM + "advanced_item.code = {s} "
            "ORDER BY 2 DESC" + tail,
            i="INTEGER",
            s="VARCHAR",
        )
    ]


def test_conflict_sql(backend: DatabaseWrapper) -> None:
    v = backend.vendor
    values = sql(v, "VALUES ({s}, {i}, {s})", s="VARCHAR", i="INTEGER")
    head = "INSERT INTO advanced_item (code, qty, note) " + values

    def upsert() -> None:
        Item.objects.bulk_create(
            [Item(code="a")], update_conflicts=True, update_fields=["qty"], unique_fields=["code"]
        )

    expected = {
        "sqlite": head + " ON CONFLICT (code) DO UPDATE SET qty = EXCLUDED.qty RETURNING id",
        "postgresql": head
        + " ON CONFLICT (code) DO UPDATE SET qty = EXCLUDED.qty RETURNING advanced_item.id",
        "mysql": head + " ON DUPLICATE KEY UPDATE qty = VALUES(qty)",
    }
    if v == "mysql" and backend.is_mariadb:  # type: ignore[attr-defined]
        expected["mysql"] += " RETURNING advanced_item.id"  # MariaDB 10.5+
    assert captured(upsert) == [expected[v]]
    ignored = {
        "sqlite": head + " ON CONFLICT DO NOTHING",
        "postgresql": head + " ON CONFLICT DO NOTHING",
        "mysql": head.replace("INSERT INTO", "INSERT IGNORE INTO"),
    }
    assert captured(lambda: Item.objects.bulk_create([Item(code="b")], ignore_conflicts=True)) == [
        ignored[v]
    ]


def test_transform_and_regex_sql(backend: DatabaseWrapper) -> None:
    v = backend.vendor
    # __year on a datetime is a range of the raw column (index-friendly).
    where = {
        "sqlite": "advanced_event.at >= ? AND advanced_event.at < ? AND "
        "(advanced_event.title REGEXP ?)",
        "postgresql": "advanced_event.at >= %s::TIMESTAMP WITH TIME ZONE AND "
        "advanced_event.at < %s::TIMESTAMP WITH TIME ZONE AND "
        "(advanced_event.title ~* %s::VARCHAR)",
        "mysql": "advanced_event.at >= %s AND advanced_event.at < %s AND "
        "(advanced_event.title REGEXP BINARY %s)",
    }[v]
    qs = Event.objects.filter(at__year=2026, title__iregex="^A")
    assert captured(lambda: list(qs)) == [sql(v, EVENT + where + " ORDER BY advanced_event.id ASC")]
    month = {
        "sqlite": "strftime(?, advanced_event.at) AS strftime_1",
        "postgresql": "to_char(date_trunc('month', timezone('UTC', advanced_event.at)), "
        "'YYYY-MM-DD HH24:MI:SS') AS to_char_1",
        "mysql": "date_format(advanced_event.at, %s) AS date_format_1",
    }[v]
    assert captured(lambda: list(Event.objects.dates("at", "month"))) == [
        f"SELECT DISTINCT {month} FROM advanced_event WHERE advanced_event.at IS NOT NULL"
    ]
