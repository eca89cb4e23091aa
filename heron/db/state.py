"""Where the current connection and transaction of each alias live: a context variable.

The variable holds an immutable mapping ``alias -> TransactionState``, replaced (never
mutated) when an outermost ``atomic()`` or a test transaction starts or ends. Because
``asyncio`` gives every task a copy of its parent's context, an ``atomic()`` in one task is
invisible to another; because ``heron.asgi.threads.run_sync`` runs sync code in a copy of the
caller's context, that code sees (and uses) the caller's transaction.

Nested blocks do not touch the variable: they push a ``Level`` onto the state they share.
"""

from __future__ import annotations

import contextvars
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .backends.base.wrapper import DatabaseWrapper

__all__ = ["Level", "TransactionState", "current_state", "pin_state", "unpin_state"]


@dataclass(slots=True)
class Level:
    """One open ``atomic()`` block (or test transaction) on a pinned connection."""

    savepoint: str | None
    """The savepoint this block rolls back to; None for the outermost or savepoint=False."""
    durable: bool = False
    test: bool = False
    """Opened by ``heron.db.testing``: durable blocks and on_commit look through it."""


@dataclass(slots=True, eq=False)
class TransactionState:
    """A connection pinned to the current context, with its open transaction."""

    wrapper: DatabaseWrapper
    conn: Any
    is_async: bool
    levels: list[Level] = field(default_factory=list)
    needs_rollback: bool = False
    """Roll back (to the innermost savepoint) instead of committing, at the next exit."""
    broken: bool = False
    """A query failed inside a savepoint=False block: no more queries until it exits."""
    callbacks: list[tuple[int, Callable[[], Any]]] = field(default_factory=list)
    """``on_commit`` functions, each with the depth of the block that registered it."""
    lock: threading.Lock = field(default_factory=threading.Lock)
    """Serialises threads sharing a sync connection (async code runs on it via run_sync)."""
    savepoint_counter: int = 0

    @property
    def depth(self) -> int:
        return len(self.levels)

    @property
    def real_depth(self) -> int:
        """Open blocks that are not test transactions."""
        return sum(1 for level in self.levels if not level.test)

    def next_savepoint(self) -> str:
        self.savepoint_counter += 1
        return f"heron_sp_{self.savepoint_counter}"


_states: contextvars.ContextVar[Mapping[str, TransactionState]] = contextvars.ContextVar(
    "heron_db_transactions", default=MappingProxyType({})
)


def current_state(alias: str) -> TransactionState | None:
    """Return the transaction pinned for ``alias`` in the current context, if any."""
    return _states.get().get(alias)


def pin_state(alias: str, state: TransactionState) -> None:
    _states.set({**_states.get(), alias: state})


def unpin_state(alias: str) -> None:
    current = _states.get()
    if alias in current:
        _states.set({k: v for k, v in current.items() if k != alias})


def all_states() -> Mapping[str, TransactionState]:
    return _states.get()
