"""Proxy models in the migration state: no table of their own, created and deleted by the
autodetector, usable as historical models in ``RunPython``."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from heron.db import models
from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.migrations.autodetector import MigrationAutodetector
from heron.db.migrations.executor import MigrationExecutor
from heron.db.migrations.state import ModelState, ProjectState
from heron.db.models.registry import isolated_registry

from .autodetector.helpers import detect, model, state
from .conftest import migrate, rows, tables


def today() -> ProjectState:
    """The state of a Book model with a proxy, and a proxy of that proxy."""
    with isolated_registry() as registry:

        class Book(models.Model):
            title = models.CharField(max_length=50)

            class Meta:
                app_label = "shelf"
                ordering = ["title"]
                indexes = [models.Index(fields=["title"], name="shelf_title_idx")]

        class Novel(Book):
            class Meta:
                app_label = "shelf"
                proxy = True
                verbose_name = "novel"

        class Thriller(Novel):
            class Meta:
                app_label = "shelf"
                proxy = True

    return ProjectState.from_apps(registry)


def test_from_apps_keeps_proxy_models() -> None:
    found = today()
    assert list(found.models) == [("shelf", "book"), ("shelf", "novel"), ("shelf", "thriller")]
    novel = found.models[("shelf", "novel")]
    assert novel.fields == {}
    assert novel.bases == ("shelf.Book",)
    # The table's options (indexes...) stay with Book; Python-only ones are the proxy's.
    assert novel.options == {
        "proxy": True,
        "verbose_name": "novel",
        "ordering": ["title"],
        "indexes": [],
        "constraints": [],
    }
    assert found.models[("shelf", "thriller")].bases == ("shelf.Novel",)
    assert "proxy" not in found.models[("shelf", "book")].options
    # The historical classes are proxies too, on Book's table.
    thriller = found.apps.get_model("shelf", "Thriller")
    assert thriller._meta.proxy
    assert thriller._meta.db_table == "shelf_book"
    assert thriller._meta.concrete_model is found.apps.get_model("shelf", "Book")


def test_autodetector_creates_proxies_after_their_model() -> None:
    assert detect(ProjectState(), today()) == {
        "shelf": [
            'migrations.CreateModel(name="Book", fields=[("id", models.BigAutoField('
            'verbose_name="ID")), ("title", models.CharField(max_length=50))], options={'
            '"ordering": ["title"], "indexes": [models.Index(fields=("title",), '
            'name="shelf_title_idx")]})',
            'migrations.CreateModel(name="Novel", fields=[], options={"ordering": ["title"], '
            '"proxy": True, "verbose_name": "novel"}, bases=("shelf.Book",))',
            'migrations.CreateModel(name="Thriller", fields=[], options={"ordering": '
            '["title"], "proxy": True}, bases=("shelf.Novel",))',
        ]
    }


def test_migrations_built_from_the_detected_operations_match_the_models() -> None:
    wanted = today()
    built = ProjectState()
    for operations in MigrationAutodetector(ProjectState(), wanted).operations().values():
        for operation in operations:
            operation.state_forwards("shelf", built)
    assert built == wanted
    assert detect(built, wanted) == {}


def test_autodetector_deletes_proxies_before_their_model() -> None:
    book = model("shelf", "Book", {"title": models.CharField(max_length=50)})
    novel = ModelState("shelf", "Novel", {}, {"proxy": True}, ("shelf.Book",))
    assert detect(state(book, novel), state(book)) == {
        "shelf": ['migrations.DeleteModel(name="Novel")']
    }
    assert detect(state(book, novel), state()) == {
        "shelf": ['migrations.DeleteModel(name="Novel")', 'migrations.DeleteModel(name="Book")']
    }
    # Python-only options of a kept proxy change through AlterModelOptions.
    ordered = ModelState("shelf", "Novel", {}, {"proxy": True, "ordering": ["title"]}, novel.bases)
    assert detect(state(book, novel), state(book, ordered)) == {
        "shelf": ['migrations.AlterModelOptions(name="novel", options={"ordering": ["title"]})']
    }


def test_proxy_operations_run_no_ddl(db: DatabaseWrapper, install: Callable[..., None]) -> None:
    install("proxies")
    fill = importlib.import_module("tests.db.migrations.apps.proxies.migrations.0002_fill")
    fill.SEEN.clear()
    executor = MigrationExecutor(db)
    initial = executor.loader.get_migration("proxies", "0001_initial")
    sql = executor.collect_sql([(initial, False)])
    assert sql[-1] == "-- Create model Thick"  # and nothing after it
    assert [s for s in sql if s.startswith("CREATE")] == [sql[1]]
    assert sql[1].startswith("CREATE TABLE proxies_book (")
    drop = executor.loader.get_migration("proxies", "0003_drop_proxy")
    assert executor.collect_sql([(drop, False)]) == ["-- Delete model Thick"]

    bars: list[tuple[int | None, str]] = []

    @contextmanager
    def bar(iterable: Iterable[Any], length: int | None, label: str) -> Iterator[Iterable[Any]]:
        bars.append((length, label))
        yield iterable

    MigrationExecutor(db, progress_bar=bar).migrate()
    assert tables(db) == {"heron_migrations", "proxies_book"}
    # RunPython used the historical proxy: Book's table, the proxy's ordering; its
    # schema_editor.progress() counted the queryset for the bar.
    assert fill.SEEN == [(True, "proxies_book", ["Long", "Short"])]
    assert bars == [(2, "Books")]
    assert rows(db, "SELECT title, pages FROM proxies_book ORDER BY id") == [
        ("Short", 10),
        ("Long", 900),
    ]
    migrate(db, ("proxies", "0001_initial"))  # DeleteModel and RunPython undone
    assert tables(db) == {"heron_migrations", "proxies_book"}
    assert rows(db, "SELECT title FROM proxies_book") == []
    migrate(db, ("proxies", None))
    assert tables(db) == {"heron_migrations"}
