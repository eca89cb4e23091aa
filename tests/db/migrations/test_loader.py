"""Reading migration files, the graph and its plans, squashed migrations, history checks."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.migrations import (
    BadMigrationError,
    CircularDependencyError,
    InconsistentMigrationHistory,
    Migration,
    NodeNotFoundError,
)
from heron.db.migrations.exceptions import AmbiguityError
from heron.db.migrations.executor import MigrationExecutor
from heron.db.migrations.graph import MigrationGraph
from heron.db.migrations.loader import MigrationLoader
from heron.db.migrations.recorder import MigrationRecorder
from heron.test import override_settings

from .conftest import migrate, rows, tables


def graph_of(edges: dict[str, list[str]]) -> MigrationGraph:
    graph = MigrationGraph()
    for node in edges:
        app, name = node.split(".")
        graph.add_node((app, name), Migration(name, app))
    for node, parents in edges.items():
        for parent in parents:
            graph.add_dependency(tuple(node.split(".")), tuple(parent.split(".")))  # type: ignore[arg-type]
    return graph


def test_plans_follow_dependencies_across_apps() -> None:
    graph = graph_of(
        {
            "auth.0001": [],
            "blog.0001": ["auth.0001"],
            "blog.0002": ["blog.0001"],
            "auth.0002": ["auth.0001"],
            "blog.0003": ["blog.0002", "auth.0002"],
        }
    )
    # Parents first (children first backwards), siblings in name order.
    assert graph.forwards_plan(("blog", "0003")) == [
        ("auth", "0001"),
        ("auth", "0002"),
        ("blog", "0001"),
        ("blog", "0002"),
        ("blog", "0003"),
    ]
    assert graph.backwards_plan(("auth", "0001")) == [
        ("blog", "0003"),
        ("auth", "0002"),
        ("blog", "0002"),
        ("blog", "0001"),
        ("auth", "0001"),
    ]
    assert graph.leaf_nodes() == [("auth", "0002"), ("blog", "0003")]
    assert graph.leaf_nodes("blog") == [("blog", "0003")]
    assert graph.root_nodes("blog") == [("blog", "0001")]


def test_graph_errors_are_clear() -> None:
    with pytest.raises(NodeNotFoundError) as missing:
        graph_of({"blog.0002": ["blog.0001"]})
    assert str(missing.value) == (
        "Migration blog.0002 depends on blog.0001, which does not exist. Check the "
        "dependencies of blog.0002 (and that the app of blog.0001 is installed)."
    )
    graph = graph_of({"a.0001": ["a.0002"], "a.0002": ["a.0001"]})
    with pytest.raises(CircularDependencyError) as cycle:
        graph.ensure_not_cyclic()
    assert str(cycle.value) == (
        "Circular dependency between migrations: a.0001 -> a.0002 -> a.0001"
    )


def test_loader_reports_broken_files(db: DatabaseWrapper, install: Callable[..., None]) -> None:
    install("cyclic")
    with pytest.raises(CircularDependencyError, match=r"cyclic\.0001_a -> cyclic\.0002_b"):
        MigrationLoader()
    install("dangling")
    with pytest.raises(NodeNotFoundError) as missing:
        MigrationLoader()
    assert str(missing.value).startswith(
        "Migration dangling.0001_initial depends on dangling.0000_nope, which does not exist."
    )
    install("badfile")
    with pytest.raises(BadMigrationError) as bad:
        MigrationLoader()
    assert str(bad.value) == (
        "Migration file tests.db.migrations.apps.badfile.migrations.0001_initial has no Migration "
        "class (a subclass of heron.db.migrations.Migration)."
    )


def test_loader_finds_apps_with_and_without_migrations(
    db: DatabaseWrapper, install: Callable[..., None]
) -> None:
    install("shop", "plain")
    loader = MigrationLoader(db)
    assert loader.migrated_apps == {"shop"}
    assert loader.unmigrated_apps == {"plain"}
    assert loader.applied_migrations == {}
    assert loader.get_migration_by_prefix("shop", "0004").name == "0004_rename_title"
    with pytest.raises(AmbiguityError) as ambiguous:
        loader.get_migration_by_prefix("shop", "000")
    assert str(ambiguous.value).startswith("More than one migration of app 'shop' matches '000'")
    state = loader.project_state(("shop", "0004_rename_title"))
    assert list(state.models[("shop", "book")].fields) == [
        "id",
        "name",
        "pages",
        "subtitle",
        "rating",
    ]
    before = loader.project_state(("shop", "0004_rename_title"), at_end=False)
    assert "title" in before.models[("shop", "book")].fields


def test_squashed_migration_replaces_its_originals(
    db: DatabaseWrapper, install: Callable[..., None]
) -> None:
    install("squashed")
    assert migrate(db) == ["apply squashed.0001_squashed_0002_thing_size"]
    assert rows(db, "SELECT app, name FROM heron_migrations ORDER BY name") == [
        ("squashed", "0001_initial"),
        ("squashed", "0001_squashed_0002_thing_size"),
        ("squashed", "0002_thing_size"),
    ]
    assert migrate(db, ("squashed", None)) == ["unapply squashed.0001_squashed_0002_thing_size"]
    assert tables(db) == {"heron_migrations"}
    assert rows(db, "SELECT app, name FROM heron_migrations") == []


def test_half_applied_squash_keeps_the_originals(
    db: DatabaseWrapper, install: Callable[..., None]
) -> None:
    install("squashed")
    loader = MigrationLoader(db, replace_migrations=False)
    assert sorted(loader.graph.nodes) == [
        ("squashed", "0001_initial"),
        ("squashed", "0002_thing_size"),
    ]
    migrate_originals = MigrationExecutor(db)
    migrate_originals.loader = loader
    migrate_originals.migrate([("squashed", "0001_initial")])
    loader = MigrationLoader(db)
    assert sorted(loader.graph.nodes) == [
        ("squashed", "0001_initial"),
        ("squashed", "0002_thing_size"),
    ]
    assert migrate(db) == ["apply squashed.0002_thing_size"]
    # Now every original is applied: the squashed migration stands for them again.
    loader = MigrationLoader(db)
    assert sorted(loader.graph.nodes) == [("squashed", "0001_squashed_0002_thing_size")]
    assert ("squashed", "0001_squashed_0002_thing_size") in loader.applied_migrations


def test_inconsistent_history_is_refused(db: DatabaseWrapper, install: Callable[..., None]) -> None:
    install("shop")
    MigrationRecorder(db).record_applied("shop", "0002_book_subtitle")
    with pytest.raises(InconsistentMigrationHistory) as info:
        migrate(db)
    assert str(info.value) == (
        "Migration shop.0002_book_subtitle is applied before its dependency shop.0001_initial "
        "on database 'default'."
    )


def test_migration_modules_setting_turns_an_app_off(
    db: DatabaseWrapper, install: Callable[..., None]
) -> None:
    install("shop", "squashed")
    with override_settings(MIGRATION_MODULES={"shop": None}):
        loader = MigrationLoader()
    assert loader.unmigrated_apps == {"shop"}
    assert loader.migrated_apps == {"squashed"}
    assert sorted(loader.graph.nodes) == [("squashed", "0001_squashed_0002_thing_size")]
