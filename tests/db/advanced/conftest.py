"""``tables``: the relation test models' tables on the ``backend`` under test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.models.schema import create_tables, drop_tables

from .models import ALL


@pytest.fixture
def tables(backend: DatabaseWrapper) -> Iterator[DatabaseWrapper]:
    drop_tables("default", ALL)
    create_tables("default", ALL)
    yield backend
    drop_tables("default", ALL)
