"""union / intersection / difference on every backend, sync and async."""

from __future__ import annotations

import pytest

from heron.db import NotSupportedError
from heron.db.models import Count, FieldError

from ..conftest import Db
from .helpers import Run, call, fetch
from .models import Event, Item

pytestmark = pytest.mark.usefixtures("tables")


async def items(db: Db) -> None:
    for code, qty in [("a", 1), ("b", 2), ("c", 3), ("d", 4)]:
        await call(db, Item.objects, "create", code=code, qty=qty)


def codes(rows: list[Item]) -> list[str]:
    return [row.code for row in rows]


def test_union(run: Run) -> None:
    async def body(db: Db) -> None:
        await items(db)
        low = Item.objects.filter(qty__lte=2)
        even = Item.objects.filter(qty__in=[2, 4])
        both = low.union(even).order_by("code")
        assert codes(await fetch(db, both)) == ["a", "b", "d"]
        assert await call(db, both, "count") == 3
        assert await call(db, both, "exists") is True
        dupes = low.union(even, all=True).order_by("-qty", "code")
        assert codes(await fetch(db, dupes)) == ["d", "b", "b", "a"]
        assert await call(db, dupes, "count") == 4
        page = low.union(even).order_by("-code")[1:3]
        assert codes(await fetch(db, page)) == ["b", "a"]
        assert await call(db, page, "count") == 2
        first = await call(db, low.union(even).order_by("-qty"), "first")
        assert first.code == "d"
        three = low.union(even, Item.objects.filter(code="c")).order_by("code")
        assert codes(await fetch(db, three)) == ["a", "b", "c", "d"]
        sliced_part = Item.objects.order_by("-qty")[:1].union(Item.objects.filter(code="a"))
        assert codes(await fetch(db, sliced_part.order_by("code"))) == ["a", "d"]
        values = low.values_list("code", flat=True).union(even.values_list("code", flat=True))
        assert await fetch(db, values.order_by("-code")) == ["d", "b", "a"]
        mixed = Item.objects.values_list("code").union(Event.objects.values_list("title"))
        assert await fetch(db, mixed.order_by("code")) == [("a",), ("b",), ("c",), ("d",)]
        assert await fetch(db, low.union(Item.objects.none()).order_by("code")) != []
        after = low.union(even).values_list("code", "qty").order_by("-qty")
        assert await fetch(db, after) == [("d", 4), ("b", 2), ("a", 1)]
        as_dicts = low.union(even).values("code").order_by("code")
        assert await fetch(db, as_dicts) == [{"code": "a"}, {"code": "b"}, {"code": "d"}]

    run(body)


def test_intersection_and_difference(run: Run) -> None:
    async def body(db: Db) -> None:
        await items(db)
        low = Item.objects.filter(qty__lte=2)
        even = Item.objects.filter(qty__in=[2, 4])
        assert codes(await fetch(db, low.intersection(even))) == ["b"]
        assert codes(await fetch(db, low.difference(even).order_by("code"))) == ["a"]
        assert codes(await fetch(db, even.difference(low))) == ["d"]
        assert await call(db, low.intersection(even, Item.objects.filter(code="x")), "count") == 0
        assert await call(db, low.intersection(Item.objects.none()), "count") == 0
        if db.wrapper.vendor == "sqlite":
            with pytest.raises(
                NotSupportedError, match=r"SQLite does not support intersection\(all=True\)"
            ):
                await fetch(db, low.intersection(even, all=True))
        else:
            assert codes(await fetch(db, low.intersection(even, all=True))) == ["b"]
            assert codes(await fetch(db, low.difference(even, all=True))) == ["a"]

    run(body)


def test_combined_errors() -> None:
    low = Item.objects.filter(qty__lte=2)
    combined = low.union(Item.objects.all())
    with pytest.raises(TypeError, match=r"Calling filter\(\) after union\(\) is not supported"):
        combined.filter(code="a")
    for method, args in [
        ("aggregate", (Count("id"),)),
        ("distinct", ()),
        ("only", ("code",)),
        ("select_related", ()),
        ("annotate", ()),
    ]:
        with pytest.raises(TypeError, match=rf"Calling {method}\(\) after union\(\)"):
            getattr(combined, method)(*args)
    with pytest.raises(TypeError, match="must select the same number of columns; they select 4, 1"):
        low.union(Item.objects.values_list("code"))
    with pytest.raises(TypeError, match="can only be combined again with the same operator"):
        combined.intersection(low)
    with pytest.raises(TypeError, match=r"union\(\) takes QuerySets"):
        low.union([1])  # type: ignore[arg-type]
    with pytest.raises(
        FieldError, match=r"must name a selected column\. Choices are: code, id, note"
    ):
        list(combined.order_by("nope"))
