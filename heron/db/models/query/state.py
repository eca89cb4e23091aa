"""``SelectQuery``: the ``Query`` state of a QuerySet, plus what only reads need.

Kept apart from ``plan.Query`` (shared with writes and the delete collector): ``distinct``,
``only`` / ``defer`` (``loaded``: the attnames to load, None for all) and
``select_for_update`` (``for_update``: ``(nowait, skip_locked, of)`` or None), and the
parts of a ``union()`` / ``intersection()`` / ``difference()`` (``combined``), and the
names of ``alias()`` annotations (``aliases``, dropped from the rows). The compiler
reads these with ``extra(query)`` so a plain ``Query`` works everywhere.
"""

from __future__ import annotations

import dataclasses

from .plan import Query

__all__ = ["SelectQuery", "extra"]


@dataclasses.dataclass(frozen=True)
class SelectQuery(Query):
    distinct: bool = False
    loaded: tuple[str, ...] | None = None
    for_update: tuple[bool, bool, tuple[str, ...]] | None = None
    # union()/intersection()/difference(): (operator, all, the queries combined)
    combined: tuple[str, bool, tuple[Query, ...]] | None = None
    # alias(): annotations usable in filter()/order_by() but not handed back
    aliases: tuple[str, ...] = ()


_PLAIN = SelectQuery.__new__(SelectQuery)
object.__setattr__(_PLAIN, "distinct", False)
object.__setattr__(_PLAIN, "loaded", None)
object.__setattr__(_PLAIN, "for_update", None)
object.__setattr__(_PLAIN, "combined", None)
object.__setattr__(_PLAIN, "aliases", ())


def extra(query: Query) -> SelectQuery:
    """``query`` itself when it is a ``SelectQuery``, else an all-defaults stand-in."""
    return query if isinstance(query, SelectQuery) else _PLAIN
