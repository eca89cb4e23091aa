"""``books``: 23 books on the ``backend`` under test (the generic view tests' models)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.models.schema import create_tables, drop_tables

from ..db.conftest import _drop_test_databases as _drop_test_databases
from ..db.conftest import backend as backend
from ..db.conftest import run as run
from ..views.generic.models import ALL, Book


@pytest.fixture
def books(backend: DatabaseWrapper) -> Iterator[DatabaseWrapper]:
    drop_tables("default", ALL)
    create_tables("default", ALL)
    Book.objects.bulk_create([Book(title=f"b{i:02}", pages=i) for i in range(1, 24)])
    yield backend
    drop_tables("default", ALL)
