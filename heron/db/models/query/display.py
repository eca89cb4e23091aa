"""How a QuerySet shows itself in a shell: its first rows, never a blocking query in async code."""

from __future__ import annotations

from typing import Any

from ..related import _in_event_loop

__all__ = ["REPR_OUTPUT_SIZE", "queryset_repr"]

REPR_OUTPUT_SIZE = 20
"""Rows a QuerySet's repr shows before "...(remaining elements truncated)..."."""


def queryset_repr(queryset: Any) -> str:
    """Show the first ``REPR_OUTPUT_SIZE`` rows, fetched with one query of at most one more
    row (to know whether to say the list goes on).

    Inside async code the repr runs no query (a blocking query there would stall the event
    loop): unless the rows are already fetched it shows a placeholder instead.
    """
    if queryset._result_cache is not None:
        rows = queryset._result_cache[: REPR_OUTPUT_SIZE + 1]
    elif _in_event_loop():
        return (
            f"<QuerySet {queryset.model._meta.object_name} (not fetched: repr() runs no query "
            "in async code; use `await qs.alist()`)>"
        )
    else:
        rows = list(queryset[: REPR_OUTPUT_SIZE + 1])
    shown = [repr(row) for row in rows[:REPR_OUTPUT_SIZE]]
    if len(rows) > REPR_OUTPUT_SIZE:
        shown.append("...(remaining elements truncated)...")
    return f"<QuerySet [{', '.join(shown)}]>"
