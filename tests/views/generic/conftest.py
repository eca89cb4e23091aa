"""``site``: the generic view test site (models, URLs, templates) on the ``backend`` under test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.models.schema import create_tables, drop_tables
from heron.test import Client, override_settings

from ...db.conftest import _drop_test_databases as _drop_test_databases
from ...db.conftest import backend as backend
from .models import ALL

TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture
def site(backend: DatabaseWrapper) -> Iterator[DatabaseWrapper]:
    drop_tables("default", ALL)
    create_tables("default", ALL)
    with override_settings(
        ROOT_URLCONF="tests.views.generic.urls", TEMPLATES_DIRS=[str(TEMPLATES)]
    ):
        yield backend
    drop_tables("default", ALL)


@pytest.fixture
def client(site: DatabaseWrapper) -> Client:
    return Client()
