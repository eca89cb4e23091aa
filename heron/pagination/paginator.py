"""``Paginator`` cuts a sequence into pages; ``Page`` is one of them.

The object list may be a list, a tuple or a QuerySet (anything with ``count()`` or
``len()`` and slicing). A QuerySet is counted once (one ``COUNT`` query) and each page is
one ``LIMIT/OFFSET`` query. Async views use ``await paginator.aget_page(n)``, which counts
with ``acount()`` and fetches the page's rows with ``alist()`` so nothing blocks the loop.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Sequence
from typing import Any, Generic, TypeVar, overload

from .exceptions import EmptyPage, PageNotAnInteger

__all__ = ["ELLIPSIS", "Page", "Paginator"]

ELLIPSIS = "…"
"""What ``get_elided_page_range()`` yields in place of skipped page numbers."""

_T = TypeVar("_T")


class Paginator(Generic[_T]):
    """Pages of ``per_page`` items from ``object_list``.

    ``orphans``: a last page with this many items or fewer is merged into the page before.
    ``allow_empty_first_page``: with no items at all, page 1 exists (empty) instead of
    raising ``EmptyPage``.
    """

    ELLIPSIS = ELLIPSIS  # for templates: ``{% if n == page.paginator.ELLIPSIS %}``

    def __init__(
        self,
        object_list: Any,
        per_page: int | str,
        orphans: int = 0,
        allow_empty_first_page: bool = True,
    ) -> None:
        self.object_list = object_list
        self.per_page = int(per_page)
        if self.per_page < 1:
            raise ValueError(f"per_page must be at least 1, not {per_page!r}.")
        self.orphans = int(orphans)
        if self.orphans < 0:
            raise ValueError(f"orphans must not be negative, not {orphans!r}.")
        self.allow_empty_first_page = allow_empty_first_page
        self._count: int | None = None

    # -- counting -------------------------------------------------------------------------

    @property
    def count(self) -> int:
        """How many items there are in total (counted once)."""
        if self._count is None:
            self._count = self._count_sync()
        return self._count

    def _count_sync(self) -> int:
        if not isinstance(self.object_list, list | tuple | str):
            method = getattr(self.object_list, "count", None)
            if callable(method) and not inspect.isbuiltin(method):
                return int(method())
        return len(self.object_list)

    async def acount(self) -> int:
        """``count`` for async code: uses the QuerySet's ``acount()`` when it has one."""
        if self._count is None:
            method = getattr(self.object_list, "acount", None)
            if callable(method):
                self._count = int(await method())
            else:
                self._count = self._count_sync()
        return self._count

    @property
    def num_pages(self) -> int:
        """How many pages there are (at least 1 when ``allow_empty_first_page``)."""
        count = self.count
        if count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, count - self.orphans)
        return -(-hits // self.per_page)

    @property
    def page_range(self) -> range:
        """``range(1, num_pages + 1)``, for ``{% for n in paginator.page_range %}``."""
        return range(1, self.num_pages + 1)

    # -- numbers --------------------------------------------------------------------------

    def validate_number(self, number: Any) -> int:
        """Return ``number`` as an int, or raise ``PageNotAnInteger`` / ``EmptyPage``."""
        if isinstance(number, bool):
            raise PageNotAnInteger(f"The page number {number!r} is not an integer.")
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            value = int(number)
        except (TypeError, ValueError, OverflowError):
            raise PageNotAnInteger(f"The page number {number!r} is not an integer.") from None
        if value < 1:
            raise EmptyPage(f"The page number {value} is less than 1.")
        if value > self.num_pages:
            if value == 1 and self.allow_empty_first_page:
                return value
            raise EmptyPage(f"Page {value} contains no results (there are {self.num_pages}).")
        return value

    def _bounds(self, number: int) -> tuple[int, int]:
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return bottom, top

    # -- pages ----------------------------------------------------------------------------

    def page(self, number: Any) -> Page[_T]:
        """Return page ``number``; raise ``PageNotAnInteger`` or ``EmptyPage`` if it is not one."""
        value = self.validate_number(number)
        bottom, top = self._bounds(value)
        return Page(self.object_list[bottom:top], value, self)

    def get_page(self, number: Any) -> Page[_T]:
        """Like ``page()`` but forgiving: a non-number gives page 1, a number too large or
        too small the last page. For links a user may have edited."""
        try:
            value = self.validate_number(number)
        except PageNotAnInteger:
            value = 1
        except EmptyPage:
            value = max(self.num_pages, 1)
        return self.page(value)

    async def apage(self, number: Any) -> Page[_T]:
        """``page()`` for async views: counts and fetches without blocking the loop."""
        await self.acount()
        value = self.validate_number(number)
        bottom, top = self._bounds(value)
        return Page(await _afetch(self.object_list[bottom:top]), value, self)

    async def aget_page(self, number: Any) -> Page[_T]:
        """``get_page()`` for async views."""
        await self.acount()
        try:
            value = self.validate_number(number)
        except PageNotAnInteger:
            value = 1
        except EmptyPage:
            value = max(self.num_pages, 1)
        return await self.apage(value)

    def get_elided_page_range(
        self, number: Any = 1, *, on_each_side: int = 3, on_ends: int = 2
    ) -> Iterator[int | str]:
        """Page numbers for a pager with gaps: ``1 2 … 7 8 9 10 11 … 49 50``.

        Yields ``on_each_side`` numbers around ``number``, ``on_ends`` numbers at each end,
        and ``ELLIPSIS`` for each gap of more than one page.
        """
        number = self.validate_number(number)
        last = self.num_pages
        if last <= (on_each_side + on_ends) * 2:
            yield from self.page_range
            return
        if number > 1 + on_each_side + on_ends + 1:
            yield from range(1, on_ends + 1)
            yield ELLIPSIS
            yield from range(number - on_each_side, number + 1)
        else:
            yield from range(1, number + 1)
        if number < last - on_each_side - on_ends - 1:
            yield from range(number + 1, number + on_each_side + 1)
            yield ELLIPSIS
            yield from range(last - on_ends + 1, last + 1)
        else:
            yield from range(number + 1, last + 1)

    def __repr__(self) -> str:
        return f"<Paginator per_page={self.per_page} count={self._count!r}>"


async def _afetch(sliced: Any) -> Any:
    method = getattr(sliced, "alist", None)
    if callable(method):
        return await method()
    return sliced


class Page(Sequence[_T]):
    """One page: a sequence of its items plus navigation helpers."""

    def __init__(self, object_list: Any, number: int, paginator: Paginator[_T]) -> None:
        self.object_list = object_list
        self.number = number
        self.paginator = paginator

    def __repr__(self) -> str:
        return f"<Page {self.number} of {self.paginator.num_pages}>"

    def __len__(self) -> int:
        return len(self.object_list)

    @overload
    def __getitem__(self, index: int) -> _T: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[_T]: ...
    def __getitem__(self, index: int | slice) -> _T | Sequence[_T]:
        if not isinstance(index, int | slice):
            raise TypeError(f"Page indices must be integers or slices, not {type(index).__name__}.")
        # Fetch the page once (a QuerySet slice would query again for each index).
        if not isinstance(self.object_list, list):
            self.object_list = list(self.object_list)
        return self.object_list[index]

    def __iter__(self) -> Iterator[_T]:
        return iter(self.object_list)

    def has_next(self) -> bool:
        return self.number < self.paginator.num_pages

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_previous() or self.has_next()

    def next_page_number(self) -> int:
        """The next page's number; ``EmptyPage`` on the last page."""
        return self.paginator.validate_number(self.number + 1)

    def previous_page_number(self) -> int:
        """The previous page's number; ``EmptyPage`` on the first page."""
        return self.paginator.validate_number(self.number - 1)

    def start_index(self) -> int:
        """The 1-based position of this page's first item (0 when there are no items)."""
        if self.paginator.count == 0:
            return 0
        return (self.number - 1) * self.paginator.per_page + 1

    def end_index(self) -> int:
        """The 1-based position of this page's last item."""
        if self.number == self.paginator.num_pages:
            return self.paginator.count
        return self.number * self.paginator.per_page
