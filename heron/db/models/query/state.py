"""``SelectQuery``: the ``Query`` state of a QuerySet, plus what only reads need.

Kept apart from ``plan.Query`` (shared with writes and the delete collector): ``distinct``,
``only`` / ``defer`` (``loaded``: the attnames to load, None for all) and
``select_for_update`` (``for_update``: ``(nowait, skip_locked, of)`` or None). The compiler
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


_PLAIN = SelectQuery.__new__(SelectQuery)
object.__setattr__(_PLAIN, "distinct", False)
object.__setattr__(_PLAIN, "loaded", None)
object.__setattr__(_PLAIN, "for_update", None)


def extra(query: Query) -> SelectQuery:
    """``query`` itself when it is a ``SelectQuery``, else an all-defaults stand-in."""
    return query if isinstance(query, SelectQuery) else _PLAIN
