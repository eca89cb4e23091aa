"""Table generation: the DDL each dialect gets for a model, pinned."""

from __future__ import annotations

import pytest
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.schema import CreateIndex, CreateTable

from heron.db import models
from heron.db.models.registry import isolated_registry

from .basic.models import Article, Choice, Question

DIALECTS: dict[str, Dialect] = {
    "sqlite": sqlite.dialect(),
    "postgresql": postgresql.dialect(),
    "mysql": mysql.dialect(),
}


def ddl(model: type[models.Model], vendor: str) -> str:
    table = model._meta.table()
    dialect = DIALECTS[vendor]
    parts = [str(CreateTable(table).compile(dialect=dialect))]
    parts += [
        str(CreateIndex(index).compile(dialect=dialect))
        for index in sorted(table.indexes, key=lambda index: str(index.name))
    ]
    text = "\n".join(parts)
    return "\n".join(line.rstrip() for line in text.strip().splitlines() if line.strip())


CHOICE_DDL = """\
CREATE TABLE basic_choice (
\tid {pk},
\tquestion_id BIGINT NOT NULL,
\tchoice_text VARCHAR(200) NOT NULL,
\tvotes INTEGER NOT NULL,
\tPRIMARY KEY (id),
\tCONSTRAINT basic_choice_question_id_fk FOREIGN KEY(question_id) REFERENCES basic_question (id),
\tCONSTRAINT uniq_choice UNIQUE (question_id, choice_text)
)
CREATE INDEX basic_choice_question_id_idx ON basic_choice (question_id)"""


@pytest.mark.parametrize(
    ("vendor", "pk"),
    [
        ("sqlite", "INTEGER NOT NULL"),
        ("postgresql", "BIGSERIAL NOT NULL"),
        ("mysql", "BIGINT NOT NULL AUTO_INCREMENT"),
    ],
)
def test_choice_ddl(vendor: str, pk: str) -> None:
    assert ddl(Choice, vendor) == CHOICE_DDL.format(pk=pk)


ARTICLE_DDL = {
    "sqlite": """\
CREATE TABLE articles (
\tcode CHAR(32) NOT NULL,
\ttitle VARCHAR(50) NOT NULL,
\tbody TEXT DEFAULT '' NOT NULL,
\trank INTEGER DEFAULT 0 NOT NULL,
\tratio DOUBLE,
\tprice NUMERIC(8, 2) NOT NULL,
\tpublished BOOLEAN DEFAULT 0 NOT NULL,
\tday DATE,
\tat TIME,
\ttook BIGINT,
\tdata TEXT NOT NULL,
\tblob BLOB,
\tip VARCHAR(39),
\t"LegacyCol" INTEGER,
\tPRIMARY KEY (code),
\tCONSTRAINT articles_title_key UNIQUE (title),
\tCONSTRAINT articles_rank_check CHECK (rank >= 0),
\tCONSTRAINT price_positive CHECK (price >= 0)
)
CREATE INDEX articles_rank_title ON articles (rank DESC, title)""",
    "postgresql": """\
CREATE TABLE articles (
\tcode UUID NOT NULL,
\ttitle VARCHAR(50) NOT NULL,
\tbody TEXT DEFAULT '' NOT NULL,
\trank INTEGER DEFAULT 0 NOT NULL,
\tratio DOUBLE PRECISION,
\tprice NUMERIC(8, 2) NOT NULL,
\tpublished BOOLEAN DEFAULT false NOT NULL,
\tday DATE,
\tat TIME WITHOUT TIME ZONE,
\ttook INTERVAL,
\tdata JSONB NOT NULL,
\tblob BYTEA,
\tip INET,
\t"LegacyCol" INTEGER,
\tPRIMARY KEY (code),
\tCONSTRAINT articles_title_key UNIQUE (title),
\tCONSTRAINT articles_rank_check CHECK (rank >= 0),
\tCONSTRAINT price_positive CHECK (price >= 0)
)
CREATE INDEX articles_rank_title ON articles (rank DESC, title)""",
    "mysql": """\
CREATE TABLE articles (
\tcode CHAR(32) NOT NULL,
\ttitle VARCHAR(50) NOT NULL,
\tbody LONGTEXT NOT NULL DEFAULT '',
\t`rank` INTEGER NOT NULL DEFAULT 0,
\tratio DOUBLE,
\tprice NUMERIC(8, 2) NOT NULL,
\tpublished BOOL NOT NULL DEFAULT false,
\tday DATE,
\tat TIME(6),
\ttook BIGINT,
\tdata JSON NOT NULL,
\t`blob` LONGBLOB,
\tip VARCHAR(39),
\t`LegacyCol` INTEGER,
\tPRIMARY KEY (code),
\tCONSTRAINT articles_title_key UNIQUE (title),
\tCONSTRAINT articles_rank_check CHECK (`rank` >= 0),
\tCONSTRAINT price_positive CHECK (price >= 0)
)
CREATE INDEX articles_rank_title ON articles (`rank` DESC, title)""",
}


@pytest.mark.parametrize("vendor", sorted(ARTICLE_DDL))
def test_every_column_type(vendor: str) -> None:
    assert ddl(Article, vendor) == ARTICLE_DDL[vendor]


def test_datetime_columns_per_dialect() -> None:
    assert "pub_date DATETIME NOT NULL" in ddl(Question, "sqlite")
    assert "pub_date TIMESTAMP WITH TIME ZONE NOT NULL" in ddl(Question, "postgresql")
    assert "pub_date DATETIME(6) NOT NULL" in ddl(Question, "mysql")
    assert "CREATE INDEX basic_question_pub_date_idx" in ddl(Question, "sqlite")


def test_table_is_cached_and_on_registry_metadata() -> None:
    table = Choice._meta.table()
    assert Choice._meta.table() is table
    assert table.metadata is Choice._meta.registry.metadata()
    assert table.c.question_id.foreign_keys.pop().info == {"on_delete": "CASCADE"}
    # Building a table builds the tables its keys point at.
    assert "basic_question" in table.metadata.tables


def test_m2m_join_table_and_long_names() -> None:
    with isolated_registry() as reg:

        class Topic(models.Model):
            class Meta:
                app_label = "forum"

        class Thread(models.Model):
            topics_with_a_very_long_name_that_goes_on_and_on = models.ManyToManyField(Topic)

            class Meta:
                app_label = "forum"

        metadata = reg.build_metadata()
        name = "forum_thread_topics_with_a_very_long_name_that_goes_on_and_on"
        join = metadata.tables[name]
        assert [c.name for c in join.columns] == ["id", "thread_id", "topic_id"]
        assert all(len(str(c.name)) <= 63 for c in join.constraints)
        assert all(len(str(i.name)) <= 63 for i in join.indexes)
