"""Manager.raw(): the same instances from ``for`` and ``async for``, in and out of atomic()."""

from __future__ import annotations

from typing import Any

import pytest

from heron.db.models import FieldDoesNotExist

from ..conftest import Db
from .helpers import Run, call
from .models import Item

pytestmark = pytest.mark.usefixtures("tables")


async def raw_rows(db: Db, raw: Any) -> list[Any]:
    if db.is_async:
        return [obj async for obj in raw]
    return list(raw)


def test_raw_sync_and_async(run: Run) -> None:
    async def body(db: Db) -> None:
        for code, qty in [("50% off", 1), ("b", 2), ("c", 3)]:
            await call(db, Item.objects, "create", code=code, qty=qty)
        raw = Item.objects.raw(
            "SELECT id, code, qty * 10 AS tenfold FROM advanced_item "
            "WHERE code LIKE %s OR qty = %s ORDER BY id",
            ["50%%", 3],
        )
        rows = await raw_rows(db, raw)
        assert [(r.code, r.tenfold) for r in rows] == [("50% off", 10), ("c", 30)]
        assert "note" not in rows[0].__dict__  # not selected: deferred
        assert await raw_rows(db, raw) == rows  # cached
        async with db.atomic():
            inside = await raw_rows(db, Item.objects.raw("SELECT * FROM advanced_item ORDER BY id"))
            assert [r.code for r in inside] == ["50% off", "b", "c"]
        no_params = Item.objects.raw("SELECT id, code FROM advanced_item WHERE code LIKE '5%'")
        assert [r.code for r in await raw_rows(db, no_params)] == ["50% off"]
        with pytest.raises(FieldDoesNotExist, match="must include the primary key"):
            await raw_rows(db, Item.objects.raw("SELECT code FROM advanced_item"))

    run(body)
