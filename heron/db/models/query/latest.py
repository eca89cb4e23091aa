"""``earliest()`` / ``latest()``: the first or last row by some fields, as a core.

The fields default to ``Meta.get_latest_by``; ``-name`` reverses one. An empty QuerySet
raises the model's ``DoesNotExist`` (unlike ``first()`` / ``last()``, which return None).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from .plan import Core

if TYPE_CHECKING:
    from ..base import Model
    from .queryset import QuerySet

__all__ = ["earliest_core"]

_T = TypeVar("_T", bound="Model")


def earliest_core(qs: QuerySet[_T], fields: tuple[str, ...], latest: bool) -> Core[_T]:
    method = "latest" if latest else "earliest"
    if qs.query.is_sliced:
        raise TypeError(f"Cannot call {method}() on a sliced QuerySet.")
    opts = qs.model._meta
    names = fields
    if not names:
        by = opts.get_latest_by
        if not by:
            raise ValueError(
                f"{method}() needs field names, or Meta.get_latest_by on {opts.object_name}."
            )
        names = (by,) if isinstance(by, str) else tuple(by)
    qs._check_names(n.lstrip("-") for n in names)
    if latest:
        names = tuple(n[1:] if n.startswith("-") else f"-{n}" for n in names)
    rows = yield from qs._chain(ordering=names)[:1]._fetch()
    if not rows:
        raise qs.model.DoesNotExist(f"{opts.object_name} matching query does not exist.")
    first: _T = rows[0]
    return first
