"""Paginator and Page over lists and QuerySets (sync and async)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from heron.pagination import ELLIPSIS, EmptyPage, InvalidPage, PageNotAnInteger, Paginator
from heron.test import CaptureQueries

from ..db.conftest import Db
from ..views.generic.models import Book

Run = Callable[[Callable[[Db], Any]], Any]


def test_pages_of_a_list() -> None:
    paginator = Paginator(list(range(1, 24)), 10)
    assert (paginator.count, paginator.num_pages) == (23, 3)
    assert paginator.page_range == range(1, 4)
    page = paginator.page(2)
    assert list(page) == list(range(11, 21))
    assert (len(page), page[0], page[-1], list(page[1:3])) == (10, 11, 20, [12, 13])
    assert (page.start_index(), page.end_index()) == (11, 20)
    assert page.has_next() and page.has_previous() and page.has_other_pages()
    assert (page.next_page_number(), page.previous_page_number()) == (3, 1)
    last = paginator.page(3)
    assert list(last) == [21, 22, 23]
    assert (last.start_index(), last.end_index(), last.has_next()) == (21, 23, False)
    with pytest.raises(EmptyPage, match=r"Page 4 contains no results \(there are 3\)"):
        last.next_page_number()
    with pytest.raises(EmptyPage, match="less than 1"):
        paginator.page(1).previous_page_number()
    assert repr(page) == "<Page 2 of 3>"


def test_orphans_join_the_last_page() -> None:
    paginator = Paginator(list(range(23)), 10, orphans=3)
    assert paginator.num_pages == 2
    assert len(paginator.page(2)) == 13
    assert Paginator(list(range(24)), 10, orphans=3).num_pages == 3


def test_empty_list() -> None:
    paginator = Paginator([], 10)
    assert (paginator.count, paginator.num_pages) == (0, 1)
    page = paginator.page(1)
    assert (list(page), page.start_index(), page.end_index()) == ([], 0, 0)
    strict = Paginator([], 10, allow_empty_first_page=False)
    assert strict.num_pages == 0
    with pytest.raises(EmptyPage):
        strict.page(1)


@pytest.mark.parametrize(
    ("number", "error", "message"),
    [
        ("abc", PageNotAnInteger, "The page number 'abc' is not an integer."),
        (None, PageNotAnInteger, "The page number None is not an integer."),
        (1.5, PageNotAnInteger, "The page number 1.5 is not an integer."),
        ("1.0", PageNotAnInteger, "The page number '1.0' is not an integer."),
        (True, PageNotAnInteger, "The page number True is not an integer."),
        (0, EmptyPage, "The page number 0 is less than 1."),
        ("-2", EmptyPage, "The page number -2 is less than 1."),
        (4, EmptyPage, "Page 4 contains no results (there are 3)."),
    ],
)
def test_page_is_strict(number: Any, error: type[InvalidPage], message: str) -> None:
    paginator = Paginator(list(range(23)), 10)
    with pytest.raises(error) as info:
        paginator.page(number)
    assert str(info.value) == message
    assert isinstance(info.value, InvalidPage)


@pytest.mark.parametrize(("number", "expected"), [("abc", 1), (None, 1), (99, 3), (-1, 3)])
def test_get_page_is_tolerant(number: Any, expected: int) -> None:
    paginator = Paginator(list(range(23)), 10)
    assert paginator.get_page(number).number == expected
    assert paginator.get_page("2").number == 2
    assert paginator.get_page(2.0).number == 2


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="per_page must be at least 1"):
        Paginator([], 0)
    with pytest.raises(ValueError, match="orphans must not be negative"):
        Paginator([], 5, orphans=-1)
    assert Paginator([1, 2], "1").num_pages == 2


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "1 2 3 4 … 49 50"),
        (5, "1 2 3 4 5 6 7 8 … 49 50"),
        (7, "1 2 3 4 5 6 7 8 9 10 … 49 50"),
        (8, "1 2 … 5 6 7 8 9 10 11 … 49 50"),
        (25, "1 2 … 22 23 24 25 26 27 28 … 49 50"),
        (44, "1 2 … 41 42 43 44 45 46 47 48 49 50"),
        (50, "1 2 … 47 48 49 50"),
    ],
)
def test_elided_page_range(number: int, expected: str) -> None:
    paginator = Paginator(list(range(500)), 10)
    elided = list(paginator.get_elided_page_range(number))
    assert " ".join(map(str, elided)) == expected
    assert ELLIPSIS == "…"


def test_elided_page_range_short_and_custom() -> None:
    assert list(Paginator(list(range(50)), 10).get_elided_page_range(3)) == [1, 2, 3, 4, 5]
    wide = Paginator(list(range(500)), 10)
    assert list(wide.get_elided_page_range(25, on_each_side=1, on_ends=1)) == [
        1,
        ELLIPSIS,
        24,
        25,
        26,
        ELLIPSIS,
        50,
    ]
    with pytest.raises(EmptyPage):
        list(wide.get_elided_page_range(51))


@pytest.mark.usefixtures("books")
def test_queryset_counts_once_and_slices(run: Run) -> None:
    async def body(db: Db) -> None:
        paginator: Paginator[Book] = Paginator(Book.objects.order_by("pages"), 10)
        with CaptureQueries() as queries:
            if db.is_async:
                page = await paginator.aget_page(3)
            else:
                page = paginator.get_page(3)
                titles = [book.title for book in page]
        if db.is_async:
            assert isinstance(page.object_list, list)  # fetched on the loop
            titles = [book.title for book in page]
        assert titles == ["b21", "b22", "b23"]
        assert (paginator.count, paginator.num_pages, page.has_next()) == (23, 3, False)
        assert len(queries) == 2  # one COUNT, one LIMIT/OFFSET
        assert "COUNT" in queries[0].sql.upper()
        assert "LIMIT" in queries[1].sql.upper()
        with pytest.raises(EmptyPage):
            await (paginator.apage(9) if db.is_async else _wrap(paginator.page, 9))

    run(body)


async def _wrap(func: Callable[..., Any], *args: Any) -> Any:
    return func(*args)


@pytest.mark.usefixtures("books")
def test_acount_of_a_list_and_a_queryset(run: Run) -> None:
    async def body(db: Db) -> None:
        if db.is_async:
            assert await Paginator(Book.objects.filter(pages__lte=5), 2).acount() == 5
            assert await Paginator([1, 2, 3], 2).acount() == 3
            page = await Paginator([1, 2, 3], 2).apage(2)
            assert list(page) == [3]
        else:
            assert Paginator(Book.objects.filter(pages__lte=5), 2).count == 5

    run(body)
