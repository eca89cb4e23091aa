"""Execution listeners: see every statement the ORM and raw SQL run, for tests and tooling.

``with execution_listener(fn):`` calls ``fn(alias, sql, params)`` before each statement that
``execute``/``executemany``/``aexecute``/``aexecutemany`` (and cursors) run on any alias, in
the current context and the contexts copied from it (tasks it starts, ``run_sync`` threads,
the in-process test client). Transaction control (``BEGIN``, savepoints, ``COMMIT``) is not
reported. With no listener installed the cost is one context-variable read per statement.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

__all__ = ["Listener", "execution_listener", "notify"]

Listener = Callable[[str, str, Any], None]
"""``listener(alias, sql, params)``; for ``executemany`` ``params`` is the list of rows."""

_listeners: contextvars.ContextVar[tuple[Listener, ...]] = contextvars.ContextVar(
    "heron_db_execution_listeners", default=()
)
get_listeners = _listeners.get


def notify(listeners: Sequence[Listener], alias: str, sql: str, params: Any) -> None:
    for listener in listeners:
        listener(alias, sql, params)


@contextmanager
def execution_listener(listener: Listener) -> Iterator[Listener]:
    """Install ``listener`` for the block (nested listeners all hear every statement)."""
    token = _listeners.set((*_listeners.get(), listener))
    try:
        yield listener
    finally:
        _listeners.reset(token)
