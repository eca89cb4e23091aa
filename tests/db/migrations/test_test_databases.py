"""The test databases: apps with migrations get their schema by running them, the others
from their models."""

from __future__ import annotations

import sys
from collections.abc import Callable

from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.models.registry import isolated_registry
from heron.test.databases import _create_model_tables

from .conftest import rows, tables
from .test_scenario import STEPS


def test_schema_from_migrations_and_models(
    db: DatabaseWrapper, install: Callable[..., None]
) -> None:
    sys.modules.pop("tests.db.migrations.apps.plain.models", None)
    with isolated_registry():
        install("shop", "plain")
        _create_model_tables("default")
    assert tables(db) == {
        "heron_migrations",
        "plain_gadget",
        "shop_writer",
        "shop_writer_favourites",
        "shop_book",
    }
    assert rows(db, "SELECT name FROM heron_migrations WHERE app = 'shop' ORDER BY id") == [
        (name,) for name in STEPS
    ]


def test_without_migrations_tables_come_from_models(
    db: DatabaseWrapper, install: Callable[..., None]
) -> None:
    sys.modules.pop("tests.db.migrations.apps.plain.models", None)
    with isolated_registry():
        install("plain")
        _create_model_tables("default")
    assert tables(db) == {"plain_gadget"}
