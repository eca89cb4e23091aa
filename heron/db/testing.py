"""Test transactions: what ``heron.test.TestCase`` and the ``db`` fixture build on.

``begin_test_transaction(alias)`` pins a sync connection in the current context and opens a
transaction (a savepoint when one is already open, so a class-level and a per-test level
nest). Everything in that context runs inside it: sync queries, async queries (on the same
connection, through the thread pool) and the in-process test client, which calls the
application in a copy of the test's context. ``rollback_test_transaction(alias)`` undoes
the innermost level; the outermost also gives the connection back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from .exceptions import TransactionManagementError
from .handler import DEFAULT_DB_ALIAS, connections
from .state import current_state
from .transaction import open_level

__all__ = [
    "begin_test_transaction",
    "captured_on_commit_callbacks",
    "rollback_test_transaction",
    "test_transaction",
]


def begin_test_transaction(alias: str = DEFAULT_DB_ALIAS) -> None:
    """Open a transaction (or a savepoint inside one) for a test, in this context."""
    open_level(connections[alias], current_state(alias), test=True)


def rollback_test_transaction(alias: str = DEFAULT_DB_ALIAS) -> None:
    """Roll back the innermost test level opened by ``begin_test_transaction``."""
    state = current_state(alias)
    if state is None or not state.levels or not state.levels[-1].test:
        raise TransactionManagementError(
            f"No test transaction is open on {alias!r} in this context (or an atomic block "
            "inside it was left open)."
        )
    wrapper = state.wrapper
    level = state.levels.pop()
    depth = state.depth + 1
    state.callbacks = [(d, f) for d, f in state.callbacks if d < depth]
    state.needs_rollback = state.broken = False
    if level.savepoint is not None:
        wrapper.run_control(state, wrapper.ops.savepoint_rollback_sql(level.savepoint))
        wrapper.run_control(state, wrapper.ops.savepoint_release_sql(level.savepoint))
        return
    try:
        wrapper.run_control(state, wrapper.ops.rollback_sql())
    finally:
        wrapper.unpin(state)


@contextmanager
def test_transaction(alias: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """``with test_transaction():`` begins a test transaction and always rolls it back."""
    begin_test_transaction(alias)
    try:
        yield
    finally:
        rollback_test_transaction(alias)


test_transaction.__test__ = False  # type: ignore[attr-defined]  # not a pytest test


def captured_on_commit_callbacks(alias: str = DEFAULT_DB_ALIAS) -> list[Callable[[], Any]]:
    """The ``on_commit`` callbacks waiting in the current test transaction, oldest first.

    A test transaction never commits, so its callbacks never run by themselves; a TestCase
    helper may run them (``for f in captured_on_commit_callbacks(): f()``).
    """
    state = current_state(alias)
    return [] if state is None else [f for _, f in state.callbacks]
