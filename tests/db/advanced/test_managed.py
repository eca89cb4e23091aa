"""Meta.managed = False: no table is created, flushed or dropped for the model."""

from __future__ import annotations

import pytest

from heron.db import DatabaseError
from heron.db.models.schema import create_tables, drop_tables

from ..conftest import Db
from .helpers import Run, call, fetch
from .models import Item, Legacy

pytestmark = pytest.mark.usefixtures("tables")


def test_unmanaged_model(run: Run) -> None:
    async def body(db: Db) -> None:
        assert Legacy._meta.managed is False and Item._meta.managed is True
        with pytest.raises(DatabaseError):
            await call(db, Legacy.objects, "count")  # create_tables() skipped it
        await db.execute("CREATE TABLE advanced_legacy (id INTEGER PRIMARY KEY, name VARCHAR(20))")
        try:
            await db.execute("INSERT INTO advanced_legacy (id, name) VALUES (%s, %s)", (7, "old"))
            assert [obj.name for obj in await fetch(db, Legacy.objects.all())] == ["old"]
            drop_tables("default", [Legacy])
            create_tables("default", [Legacy])  # neither touches it
            assert await call(db, Legacy.objects, "count") == 1
        finally:
            await db.execute("DROP TABLE advanced_legacy", fetch="none")

    run(body)
