"""get_object_or_404 / get_list_or_404 and their async twins, on every backend."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any

import pytest

from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.http import Http404
from heron.shortcuts import (
    aget_list_or_404,
    aget_object_or_404,
    get_list_or_404,
    get_object_or_404,
)

from ...db.conftest import Db
from ...db.conftest import run as run
from .models import Author, Book

Run = Callable[[Callable[[Db], Any]], Any]


async def fetch_one(db: Db, klass: Any, **kwargs: Any) -> Any:
    if db.is_async:
        return await aget_object_or_404(klass, **kwargs)
    return get_object_or_404(klass, **kwargs)


async def fetch_list(db: Db, klass: Any, **kwargs: Any) -> Any:
    if db.is_async:
        return await aget_list_or_404(klass, **kwargs)
    return get_list_or_404(klass, **kwargs)


def test_object_from_model_manager_or_queryset(site: DatabaseWrapper, run: Run) -> None:
    al = Author.objects.create(name="Al", slug="al")
    Author.objects.create(name="Bo", slug="bo")

    async def body(db: Db) -> None:
        for klass in (Author, Author.objects, Author.objects.filter(name__startswith="A")):
            found = await fetch_one(db, klass, slug="al")
            assert (found.pk, found.name) == (al.pk, "Al")
        with pytest.raises(Http404) as info:
            await fetch_one(db, Author, slug="zed")
        assert str(info.value) == "No Author matches the query (slug='zed')."
        with pytest.raises(Http404):
            await fetch_one(db, Author.objects.filter(name="Bo"), slug="al")
        with pytest.raises(Author.MultipleObjectsReturned):
            await fetch_one(db, Author)

    run(body)


def test_list(site: DatabaseWrapper, run: Run) -> None:
    Book.objects.create(title="A", pages=5)
    Book.objects.create(title="B", pages=50)

    async def body(db: Db) -> None:
        books = await fetch_list(db, Book.objects.order_by("pages"), pages__gt=1)
        assert [b.title for b in books] == ["A", "B"]
        assert [b.title for b in await fetch_list(db, Book, pages__gt=10)] == ["B"]
        with pytest.raises(Http404) as info:
            await fetch_list(db, Book.objects, pages__gt=100)
        assert str(info.value) == "No Book matches the query (pages__gt=100)."

    run(body)


@pytest.mark.parametrize(
    "func", [get_object_or_404, get_list_or_404, aget_object_or_404, aget_list_or_404]
)
def test_wrong_first_argument(func: Callable[..., Any]) -> None:
    with pytest.raises(TypeError) as info:
        result = func("Author", pk=1)
        if inspect.iscoroutine(result):
            asyncio.run(result)
    name = func.__name__
    assert str(info.value) == (
        f"The first argument of {name}() must be a model, a manager or a QuerySet, not 'str'."
    )
