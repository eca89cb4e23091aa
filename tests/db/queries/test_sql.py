"""Pinned SQL per dialect: QuerySet state compiled without executing anything.

SQLAlchemy's psycopg dialect casts a parameter compared with a column to the column's type
(``= %s::BIGINT``); parameters in ``IN`` lists and ``lower()`` comparisons stay untyped.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy.dialects.mysql.pymysql import MySQLDialect_pymysql
from sqlalchemy.dialects.postgresql.psycopg import PGDialect_psycopg
from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

from heron.db.models import F, Q
from heron.db.models.query import compiler, writes
from heron.db.models.query.plan import Query

from .models import Choice, Question


def fake(vendor: str) -> Any:
    dialect: Any = {
        "sqlite": lambda: SQLiteDialect_pysqlite(paramstyle="qmark"),
        "postgresql": lambda: PGDialect_psycopg(paramstyle="format"),
        "mysql": lambda: MySQLDialect_pymysql(paramstyle="format"),
    }[vendor]()
    return SimpleNamespace(vendor=vendor, dialect=dialect)


def select_sql(vendor: str, query: Query) -> tuple[str, list[Any]]:
    step = compiler.select_plan(query, "default", fake(vendor))
    return " ".join(step.sql.split()), list(step.params or ())


JOINED = {
    "sqlite": (
        "SELECT queries_choice.id, queries_choice.question_id, queries_choice.choice_text, "
        "queries_choice.votes FROM queries_choice JOIN queries_question ON "
        "queries_choice.question_id = queries_question.id WHERE "
        "instr(queries_question.question_text, ?) = ? ORDER BY queries_choice.votes DESC "
        "LIMIT ? OFFSET ?"
    ),
    "postgresql": (
        "SELECT queries_choice.id, queries_choice.question_id, queries_choice.choice_text, "
        "queries_choice.votes FROM queries_choice JOIN queries_question ON "
        "queries_choice.question_id = queries_question.id WHERE "
        "queries_question.question_text LIKE %s::VARCHAR ESCAPE '\\' ORDER BY "
        "queries_choice.votes DESC LIMIT %s::INTEGER OFFSET %s::INTEGER"
    ),
    "mysql": (
        "SELECT queries_choice.id, queries_choice.question_id, queries_choice.choice_text, "
        "queries_choice.votes FROM queries_choice INNER JOIN queries_question ON "
        "queries_choice.question_id = queries_question.id WHERE "
        "queries_question.question_text LIKE BINARY %s ORDER BY queries_choice.votes DESC "
        "LIMIT %s, %s"
    ),
}
JOINED_PARAMS = {
    "sqlite": ["50%_", 1, 5, 2],
    "postgresql": ["50\\%\\_%", 5, 2],
    "mysql": ["50\\%\\_%", 2, 5],
}


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql", "mysql"])
def test_join_lookup_order_slice(vendor: str) -> None:
    qs = Choice.objects.filter(question__question_text__startswith="50%_").order_by("-votes")[2:7]
    assert select_sql(vendor, qs.query) == (JOINED[vendor], JOINED_PARAMS[vendor])


UPDATE = {
    "sqlite": (
        "UPDATE queries_choice SET votes=(queries_choice.votes + ?) WHERE queries_choice.id = ?"
    ),
    "postgresql": (
        "UPDATE queries_choice SET votes=(queries_choice.votes + %s::INTEGER) "
        "WHERE queries_choice.id = %s::BIGINT"
    ),
    "mysql": (
        "UPDATE queries_choice SET votes=(queries_choice.votes + %s) WHERE queries_choice.id = %s"
    ),
}


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql", "mysql"])
def test_update_with_f(vendor: str) -> None:
    query = Choice.objects.filter(pk=3).query
    step = writes.update_plan(query, {"votes": F("votes") + 1}, "default", fake(vendor))
    assert (" ".join(step.sql.split()), step.params) == (UPDATE[vendor], [1, 3])


@pytest.mark.parametrize("vendor", ["sqlite", "postgresql", "mysql"])
def test_case_insensitive_or(vendor: str) -> None:
    qs = Question.objects.filter(Q(question_text__icontains="X") | ~Q(pk__in=[1, 2]))
    sql, params = select_sql(vendor, qs.query)
    mark = "?" if vendor == "sqlite" else "%s"
    escape = "" if vendor == "mysql" else " ESCAPE '\\'"
    assert sql.endswith(
        f"WHERE lower(queries_question.question_text) LIKE {mark}{escape} OR "
        f"(queries_question.id NOT IN ({mark}, {mark})) ORDER BY queries_question.id ASC"
    )
    assert params == ["%x%", 1, 2]


def test_compiled_once_per_shape() -> None:
    wrapper = fake("postgresql")
    one = compiler.select_plan(Question.objects.filter(pk=1).query, "default", wrapper)
    two = compiler.select_plan(Question.objects.filter(pk=2).query, "default", wrapper)
    assert one.sql is two.sql  # the cached compiled statement's string
    assert (one.params, two.params) == ([1], [2])
    three = compiler.select_plan(Question.objects.filter(pk__in=[1, 2]).query, "default", wrapper)
    four = compiler.select_plan(Question.objects.filter(pk__in=[1, 2, 3]).query, "default", wrapper)
    assert three.sql.count("%s") == 2 and four.sql.count("%s") == 3
