"""alias(): annotations for filters and ordering that are not handed back."""

from __future__ import annotations

import pytest

from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.models import F, Length

from ..conftest import Db
from .helpers import Run, call, fetch
from .models import Item

pytestmark = pytest.mark.usefixtures("tables")


def test_alias(run: Run) -> None:
    async def body(db: Db) -> None:
        for code, qty in [("aaa", 1), ("b", 5), ("cc", 3)]:
            await call(db, Item.objects, "create", code=code, qty=qty)
        qs = Item.objects.alias(size=Length("code"), twice=F("qty") * 2)
        long_ones = qs.filter(size__gte=2).order_by("-twice")
        rows = await fetch(db, long_ones)
        assert [r.code for r in rows] == ["cc", "aaa"]
        assert not hasattr(rows[0], "size") and "twice" not in rows[0].__dict__
        assert await fetch(db, long_ones.values_list("code", flat=True)) == ["cc", "aaa"]
        assert await fetch(db, qs.order_by("size").values("code")) == [
            {"code": "b"},
            {"code": "cc"},
            {"code": "aaa"},
        ]
        mixed = qs.annotate(shown=F("twice") + 1).filter(twice__gt=2).order_by("code")
        assert [(r.code, r.shown) for r in await fetch(db, mixed)] == [("b", 11), ("cc", 7)]
        assert await call(db, qs.filter(size=1), "count") == 1
        with pytest.raises(TypeError, match=r"alias\(\) must come before values"):
            Item.objects.values("code").alias(n=Length("code"))

    run(body)


def test_alias_is_not_selected(backend: DatabaseWrapper) -> None:
    """alias() expressions appear only where they are used (WHERE, ORDER BY), never in the
    SELECT list; annotate() ones are selected."""
    from heron.test.queries import CaptureQueries

    p = "?" if backend.vendor == "sqlite" else "%s"
    length = "length" if backend.vendor == "sqlite" else "char_length"
    columns = "advanced_item.id, advanced_item.code, advanced_item.qty, advanced_item.note"
    qs = Item.objects.alias(size=Length("code")).filter(size__gte=2).order_by("-size")
    shown = Item.objects.annotate(size=Length("code")).order_by("size")
    with CaptureQueries() as queries:
        list(qs)
        list(shown)
    cast = "::INTEGER" if backend.vendor == "postgresql" else ""
    assert [" ".join(q.split()) for q in queries.sql] == [
        f"SELECT {columns} FROM advanced_item WHERE {length}(advanced_item.code) >= {p}{cast} "
        f"ORDER BY {length}(advanced_item.code) DESC",
        f"SELECT {columns}, {length}(advanced_item.code) AS size FROM advanced_item "
        f"ORDER BY {length}(advanced_item.code) ASC",
    ]
