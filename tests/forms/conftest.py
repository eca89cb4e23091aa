"""Forms fixtures: ``backend`` (every configured database) and ``tables`` for the test models."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.models.schema import create_tables, drop_tables
from tests.db.conftest import _drop_test_databases, backend

from .models import ALL

__all__ = ["_drop_test_databases", "backend"]


@pytest.fixture
def tables(backend: DatabaseWrapper) -> Iterator[DatabaseWrapper]:
    drop_tables("default", ALL)
    create_tables("default", ALL)
    yield backend
    drop_tables("default", ALL)


@pytest.fixture
def settings_tz() -> None:
    """Nothing beyond ``configured``: USE_TZ on, TIME_ZONE UTC (the defaults)."""


@pytest.fixture
def paris(configured: None) -> Iterator[None]:
    from heron.conf import settings

    settings.TIME_ZONE = "Europe/Paris"
    yield


@pytest.fixture
def naive_settings(configured: None) -> Iterator[None]:
    from heron.conf import settings

    settings.USE_TZ = False
    yield
