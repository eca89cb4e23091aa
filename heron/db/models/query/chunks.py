"""``iterator()`` / ``aiterator()``: a QuerySet's rows fetched a page at a time.

Pages are LIMIT/OFFSET slices of the QuerySet ordered with the primary key as tie-breaker,
so every row is seen once while nothing changes; rows inserted or deleted meanwhile can shift
pages (iterate inside ``atomic()`` for one snapshot on PostgreSQL/MariaDB). Nothing is cached;
``prefetch_related`` runs per page.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, TypeVar

from .plan import run_async, run_sync

if TYPE_CHECKING:
    from ..base import Model
    from .queryset import QuerySet

__all__ = ["aiterate", "iterate"]

_T = TypeVar("_T", bound="Model")


def _ordered(qs: QuerySet[_T], method: str, chunk_size: int) -> QuerySet[_T]:
    if chunk_size < 1:
        raise ValueError(f"{method}() chunk_size must be at least 1.")
    ordering = qs.query.ordering
    if ordering is None:
        ordering = tuple(qs.model._meta.ordering)
    pk = qs.model._meta.pk
    if not {"pk", "-pk", pk.name, f"-{pk.name}", pk.attname} & set(ordering):
        ordering = (*ordering, "pk")
    return qs._chain(ordering=ordering)


def iterate(qs: QuerySet[_T], chunk_size: int) -> Iterator[_T]:
    base = _ordered(qs, "iterator", chunk_size)
    start = 0
    while True:
        rows = run_sync(base[start : start + chunk_size]._fetch())
        yield from rows
        if len(rows) < chunk_size:
            return
        start += chunk_size


async def aiterate(qs: QuerySet[_T], chunk_size: int) -> AsyncIterator[_T]:
    base = _ordered(qs, "aiterator", chunk_size)
    start = 0
    while True:
        rows = await run_async(base[start : start + chunk_size]._fetch())
        for row in rows:
            yield row
        if len(rows) < chunk_size:
            return
        start += chunk_size
