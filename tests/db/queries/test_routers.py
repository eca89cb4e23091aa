"""DATABASE_ROUTERS: reads and writes routed per model, ``using`` wins; a "replica" alias.

"default" is the backend under test; "replica" is a second (SQLite file) database.
"""

from __future__ import annotations

import pathlib
from collections.abc import Iterator
from typing import Any

import pytest

from heron.conf import override_settings, settings
from heron.db import router
from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.models.schema import create_tables, drop_tables
from heron.db.routers import ConnectionRouter
from heron.test import CaptureQueries

from ..conftest import run_async
from .models import ALL, Choice, Question, Vote, dt

WHEN = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


class ReplicaRouter:
    """Reads from "replica", writes to "default"."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        return "replica"

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return "default"


class ChoicesOnReplica:
    """Only Choice rows (reads and writes) live on "replica"; no opinion otherwise."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str | None:
        return "replica" if model is Choice else None

    db_for_write = db_for_read

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True if {type(obj1), type(obj2)} == {Question, Choice} else None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        if hints.get("model") in (Choice, Vote):  # a vote's foreign key needs its choice
            return db == "replica"
        return None


class Silent:
    """A router with no methods at all: skipped."""


@pytest.fixture
def two_databases(backend: DatabaseWrapper, tmp_path: pathlib.Path) -> Iterator[None]:
    replica = {"ENGINE": "sqlite", "NAME": str(tmp_path / "replica.sqlite3"), "OPTIONS": {}}
    databases = {"default": dict(settings.DATABASES["default"]), "replica": replica}
    with override_settings(DATABASES=databases):
        for alias in databases:
            drop_tables(alias, ALL)
            create_tables(alias, ALL)
        try:
            yield
        finally:
            for alias in databases:
                drop_tables(alias, ALL)


def _question(text: str = "q", using: str | None = None) -> Question:
    question = Question(question_text=text, pub_date=WHEN)
    question.save(using=using)
    return question


def test_no_routers_means_default(two_databases: None) -> None:
    assert router.routers == []
    assert router.db_for_read(Question) == "default"
    assert router.db_for_write(Question) == "default"
    _question()
    assert Question.objects.count() == 1
    assert Question.objects.using("replica").count() == 0


def test_reads_go_to_the_replica_and_writes_to_default(two_databases: None) -> None:
    with override_settings(DATABASE_ROUTERS=[ReplicaRouter()]):
        with CaptureQueries(using="default") as writes, CaptureQueries("replica") as reads:
            created = Question.objects.create(question_text="w", pub_date=WHEN)
            assert Question.objects.count() == 0  # the replica has not got it
            assert not Question.objects.filter(question_text="w").exists()
        assert created._state.db == "default"
        assert len(reads) == 2
        assert all(q.sql.lstrip().upper().startswith("INSERT") for q in writes)
        assert Question.objects.using("default").count() == 1  # using() wins
        _question("on replica", using="replica")  # using= wins
        assert list(Question.objects.values_list("question_text", flat=True)) == ["on replica"]


def test_every_write_goes_to_the_write_alias(two_databases: None) -> None:
    with override_settings(DATABASE_ROUTERS=[ReplicaRouter()]):
        Question.objects.bulk_create([Question(question_text=t, pub_date=WHEN) for t in "ab"])
        question, created = Question.objects.get_or_create(question_text="c", pub_date=WHEN)
        assert created and question._state.db == "default"
        # get_or_create reads on the write alias too, so it finds what it wrote
        assert Question.objects.get_or_create(question_text="c")[1] is False
        Question.objects.update_or_create(question_text="d", defaults={"pub_date": WHEN})
        assert Question.objects.filter(question_text="a").update(question_text="A") == 1
        assert Question.objects.filter(question_text="b").delete()[0] == 1
        question.question_text = "C"
        question.save()
        default = Question.objects.using("default")
        assert sorted(default.values_list("question_text", flat=True)) == ["A", "C", "d"]
        assert Question.objects.count() == 0
        question.delete()
        assert default.count() == 2


def test_an_instance_stays_on_its_database_without_a_router_opinion(two_databases: None) -> None:
    _question("r", using="replica")
    with override_settings(DATABASE_ROUTERS=[Silent(), ChoicesOnReplica()]):
        loaded = Question.objects.using("replica").get()
        loaded.question_text = "r2"
        loaded.save()  # no router answer for Question: back to where it came from
        loaded.refresh_from_db()
        assert loaded.question_text == "r2"
        assert Question.objects.using("replica").get().question_text == "r2"
        assert Question.objects.count() == 0  # plain reads still default


def test_first_router_with_an_answer_wins_and_paths_load(two_databases: None) -> None:
    paths = [f"{__name__}.Silent", f"{__name__}.ChoicesOnReplica", f"{__name__}.ReplicaRouter"]
    with override_settings(DATABASE_ROUTERS=paths):
        assert [type(r).__name__ for r in router.routers] == [
            "Silent",
            "ChoicesOnReplica",
            "ReplicaRouter",
        ]
        assert router.db_for_read(Choice) == "replica"
        assert router.db_for_write(Choice) == "replica"
        assert router.db_for_read(Question) == "replica"  # from ReplicaRouter
        assert router.db_for_write(Question) == "default"
    assert router.routers == []  # reloaded when the setting changes


def test_routed_model_reads_and_writes_async(two_databases: None) -> None:
    with override_settings(DATABASE_ROUTERS=[ChoicesOnReplica()]):
        _question()
        question = _question(using="replica")  # the choice's foreign key needs it there

        async def body() -> tuple[int, int, int]:
            await Choice.objects.acreate(question_id=question.pk, choice_text="x")
            return (
                await Choice.objects.acount(),
                await Choice.objects.using("default").acount(),
                await Question.objects.acount(),
            )

        assert run_async(body) == (1, 0, 1)
        assert Choice.objects.get().choice_text == "x"


def test_allow_relation_and_allow_migrate(two_databases: None) -> None:
    local = _question()
    remote = _question(using="replica")
    assert router.allow_relation(local, local)
    assert not router.allow_relation(local, remote)
    assert router.allow_migrate("replica", "queries", model_name="choice")
    choice = Choice(question_id=remote.pk, choice_text="c")
    choice.save(using="replica")
    custom = ConnectionRouter([ChoicesOnReplica()])
    assert custom.allow_relation(local, choice)
    assert not custom.allow_relation(local, remote)
    assert custom.allow_migrate_model("replica", Choice)
    assert not custom.allow_migrate_model("default", Choice)
    assert custom.allow_migrate_model("default", Question)


def test_assigning_across_databases_asks_allow_relation(two_databases: None) -> None:
    local = _question()
    remote = _question(using="replica")
    on_default = Choice(question=local, choice_text="a")
    on_default.save()
    with pytest.raises(ValueError, match="allow_relation"):
        on_default.question = remote
    fresh = Choice(choice_text="new")
    fresh.question = remote  # not saved anywhere yet: no database to compare
    with override_settings(DATABASE_ROUTERS=[ChoicesOnReplica()]):
        on_default.question = remote  # the router allows Question <-> Choice
        assert on_default.question_id == remote.pk


def test_create_tables_asks_allow_migrate(two_databases: None) -> None:
    from heron.db import connections

    with override_settings(DATABASE_ROUTERS=[ChoicesOnReplica()]):
        for alias in ("default", "replica"):
            drop_tables(alias, ALL)
            create_tables(alias, ALL)
        _question()
        Choice.objects.using("replica").count()  # the table is there
        with pytest.raises(Exception, match=r"(?i)queries_choice"):
            connections["default"].execute("SELECT COUNT(*) FROM queries_choice", None)
