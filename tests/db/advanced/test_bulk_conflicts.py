"""bulk_create(ignore_conflicts=True) and bulk_create(update_conflicts=True, ...)."""

from __future__ import annotations

import pytest

from heron.db.models import FieldError

from ..conftest import Db
from .helpers import Run, call, fetch
from .models import Item

pytestmark = pytest.mark.usefixtures("tables")


async def stock(db: Db) -> list[tuple[str, int, str]]:
    return await fetch(db, Item.objects.values_list("code", "qty", "note"))


def test_ignore_conflicts(run: Run) -> None:
    async def body(db: Db) -> None:
        await call(db, Item.objects, "create", code="a", qty=1)
        made = await call(
            db,
            Item.objects,
            "bulk_create",
            [Item(code="a", qty=9), Item(code="b", qty=2), Item(code="c", qty=3)],
            ignore_conflicts=True,
        )
        assert [i.pk for i in made] == [None, None, None]  # skipped rows have no key
        assert await stock(db) == [("a", 1, ""), ("b", 2, ""), ("c", 3, "")]
        await call(db, Item.objects, "bulk_create", [Item(code="c")], ignore_conflicts=True)
        assert await call(db, Item.objects, "count") == 3

    run(body)


def test_update_conflicts(run: Run) -> None:
    async def body(db: Db) -> None:
        await call(db, Item.objects, "create", code="a", qty=1, note="keep")
        made = await call(
            db,
            Item.objects,
            "bulk_create",
            [Item(code="a", qty=10, note="new"), Item(code="b", qty=2, note="new")],
            update_conflicts=True,
            update_fields=["qty"],
            unique_fields=["code"],
            batch_size=1,
        )
        assert await stock(db) == [("a", 10, "keep"), ("b", 2, "new")]
        got = await fetch(db, Item.objects.order_by("code").values_list("pk", flat=True))
        if db.wrapper.vendor != "mysql" or db.wrapper.is_mariadb:  # RETURNING: both keys
            assert [i.pk for i in made] == got
        else:  # MySQL: no RETURNING, and LAST_INSERT_ID() is not safe with conflicts
            assert [i.pk for i in made] == [None, None]

    run(body)


def test_update_conflicts_sets_keys_of_a_mixed_batch(run: Run) -> None:
    """One multi-row INSERT where some rows conflict: every object gets the key of the row
    inserted or updated (MariaDB through RETURNING, as PostgreSQL and SQLite)."""

    async def body(db: Db) -> None:
        old = await call(db, Item.objects, "create", code="b", qty=1)
        made = await call(
            db,
            Item.objects,
            "bulk_create",
            [Item(code=c, qty=5) for c in ("a", "b", "c")],
            update_conflicts=True,
            update_fields=["qty"],
            unique_fields=["code"],
        )
        by_code = dict(await fetch(db, Item.objects.values_list("code", "pk")))
        if db.wrapper.vendor == "mysql" and not db.wrapper.is_mariadb:
            assert [i.pk for i in made] == [None, None, None]
        else:
            assert [i.pk for i in made] == [by_code["a"], old.pk, by_code["c"]]
        assert sorted(await stock(db)) == [("a", 5, ""), ("b", 5, ""), ("c", 5, "")]

    run(body)


def test_conflict_option_errors(run: Run) -> None:
    async def body(db: Db) -> None:
        items = [Item(code="x")]
        with pytest.raises(ValueError, match="ignore_conflicts and update_conflicts are exclusive"):
            await call(
                db, Item.objects, "bulk_create", items, ignore_conflicts=True, update_conflicts=True
            )
        with pytest.raises(ValueError, match=r"update_conflicts=True\) needs update_fields"):
            await call(db, Item.objects, "bulk_create", items, update_conflicts=True)
        with pytest.raises(FieldError, match="update_fields names 'nope', which is not a field"):
            await call(
                db,
                Item.objects,
                "bulk_create",
                items,
                update_conflicts=True,
                update_fields=["nope"],
                unique_fields=["code"],
            )
        with pytest.raises(ValueError, match="update_fields cannot contain the primary key"):
            await call(
                db,
                Item.objects,
                "bulk_create",
                items,
                update_conflicts=True,
                update_fields=["pk"],
                unique_fields=["code"],
            )
        if db.wrapper.vendor != "mysql":
            with pytest.raises(ValueError, match="needs unique_fields on PostgreSQL and SQLite"):
                await call(
                    db,
                    Item.objects,
                    "bulk_create",
                    items,
                    update_conflicts=True,
                    update_fields=["qty"],
                )
        assert await call(db, Item.objects, "count") == 0

    run(body)
