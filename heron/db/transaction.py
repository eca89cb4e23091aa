"""Transactions: ``atomic()``, ``on_commit()``, ``set_rollback()``.

``atomic`` works as ``with atomic():``, ``async with atomic():``, ``@atomic`` and
``@atomic(using="replica")`` on plain and async functions. The outermost block checks a
connection out and pins it to the current context (see ``heron.db.state``); nested blocks
are savepoints. An exception rolls back to the enclosing savepoint (or the whole
transaction) and propagates. ``on_commit`` callbacks run after the outermost commit, and are
dropped when the block that registered them rolls back.

A sync ``with atomic()`` pins a sync connection, which async code in the same context also
uses (through the thread pool). An ``async with atomic()`` pins an async connection, which
sync code must not use: it raises ``SynchronousOnlyOperation``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, TypeVar, overload

from .exceptions import TransactionManagementError
from .handler import DEFAULT_DB_ALIAS, connections
from .state import Level, TransactionState, current_state

if TYPE_CHECKING:
    from .backends.base.wrapper import DatabaseWrapper

__all__ = [
    "Atomic",
    "atomic",
    "get_connection",
    "get_rollback",
    "in_atomic_block",
    "non_atomic_requests",
    "on_commit",
    "set_rollback",
]

F = TypeVar("F", bound=Callable[..., Any])


def get_connection(using: str | None = None) -> DatabaseWrapper:
    """Return the wrapper of alias ``using`` (the default alias when None)."""
    return connections[using or DEFAULT_DB_ALIAS]


def _state(using: str | None, action: str) -> TransactionState:
    alias = using or DEFAULT_DB_ALIAS
    state = current_state(alias)
    if state is None or not state.levels:
        raise TransactionManagementError(
            f"{action} only works inside an atomic block (database {alias!r})."
        )
    return state


def in_atomic_block(using: str | None = None) -> bool:
    """True inside ``atomic()`` (or a test transaction) on ``using`` in this context."""
    state = current_state(using or DEFAULT_DB_ALIAS)
    return state is not None and bool(state.levels)


def set_rollback(rollback: bool, using: str | None = None) -> None:
    """Roll the innermost atomic block back at its end instead of committing it."""
    _state(using, "set_rollback()").needs_rollback = rollback


def get_rollback(using: str | None = None) -> bool:
    return _state(using, "get_rollback()").needs_rollback


def on_commit(func: Callable[[], Any], using: str | None = None) -> None:
    """Call ``func()`` after the current transaction commits (now, outside a transaction).

    A callback registered in a block that rolls back is dropped. Coroutine functions are
    not supported: schedule async work from a plain callback.
    """
    state = current_state(using or DEFAULT_DB_ALIAS)
    if state is None or not state.levels:
        get_connection(using)  # an unknown alias still fails loudly
        func()
        return
    state.callbacks.append((state.depth, func))


def open_level(
    wrapper: DatabaseWrapper,
    state: TransactionState | None,
    *,
    savepoint: bool = True,
    durable: bool = False,
    test: bool = False,
) -> None:
    """Open a transaction level from sync code: BEGIN on a newly pinned connection, else a
    savepoint (unless ``savepoint=False``) on the connection this context already pinned.

    ``atomic()`` and the test transactions of ``heron.db.testing`` both open levels this way.
    """
    if state is None or state.wrapper is not wrapper:
        state = wrapper.pin()
        try:
            wrapper.run_control(state, wrapper.ops.begin_sql())
        except BaseException:
            wrapper.unpin(state)
            raise
        state.levels.append(Level(None, durable=durable, test=test))
        return
    if state.is_async:
        raise wrapper._sync_in_async_error()
    sid = state.next_savepoint() if savepoint else None
    if sid is not None:
        wrapper.run_control(state, wrapper.ops.savepoint_create_sql(sid))
    state.levels.append(Level(sid, durable=durable, test=test))


class Atomic:
    """An atomic block; one instance may be entered by many tasks at once."""

    def __init__(self, using: str | None, savepoint: bool, durable: bool) -> None:
        self.using = using
        self.savepoint = savepoint
        self.durable = durable

    # -- decorator ----------------------------------------------------------------------

    def __call__(self, func: F) -> F:
        import inspect

        if inspect.iscoroutinefunction(func):

            @functools.wraps(func)
            async def async_inner(*args: Any, **kwargs: Any) -> Any:
                async with self:
                    return await func(*args, **kwargs)

            return async_inner  # type: ignore[return-value]

        @functools.wraps(func)
        def inner(*args: Any, **kwargs: Any) -> Any:
            with self:
                return func(*args, **kwargs)

        return inner  # type: ignore[return-value]

    # -- entering -----------------------------------------------------------------------

    def _check_durable(self, state: TransactionState | None, alias: str) -> None:
        if self.durable and state is not None and state.real_depth:
            raise TransactionManagementError(
                f"A durable atomic block cannot be nested in another atomic block "
                f"(database {alias!r}): its commit would not be final."
            )

    def __enter__(self) -> Atomic:
        wrapper = get_connection(self.using)
        state = current_state(wrapper.alias)
        self._check_durable(state, wrapper.alias)
        open_level(wrapper, state, savepoint=self.savepoint, durable=self.durable)
        return self

    async def __aenter__(self) -> Atomic:
        wrapper = get_connection(self.using)
        state = current_state(wrapper.alias)
        self._check_durable(state, wrapper.alias)
        if state is None or state.wrapper is not wrapper:
            state = await wrapper.apin()
            try:
                await wrapper.arun_control(state, wrapper.ops.begin_sql())
            except BaseException:
                await wrapper.aunpin(state)
                raise
            state.levels.append(Level(None, durable=self.durable))
            return self
        sid = state.next_savepoint() if self.savepoint else None
        if sid is not None:
            await wrapper.arun_control(state, wrapper.ops.savepoint_create_sql(sid))
        state.levels.append(Level(sid, durable=self.durable))
        return self

    # -- leaving ------------------------------------------------------------------------

    def _plan_exit(self, state: TransactionState, failed: bool) -> tuple[Level, list[str], bool]:
        """Pop the block; return it, the SQL to run, and whether this ends the transaction."""
        level = state.levels.pop()
        ops = state.wrapper.ops
        outermost = not state.levels
        rollback = failed or state.needs_rollback
        if outermost:
            return level, [ops.rollback_sql() if rollback else ops.commit_sql()], True
        if level.savepoint is None:
            if rollback:
                # No savepoint to go back to: the enclosing block must roll back.
                state.needs_rollback = True
                state.broken = state.broken or failed
            return level, [], False
        if rollback:
            state.needs_rollback = False
            state.broken = False
            sql = [ops.savepoint_rollback_sql(level.savepoint)]
            sql.append(ops.savepoint_release_sql(level.savepoint))
            return level, sql, False
        return level, [ops.savepoint_release_sql(level.savepoint)], False

    def _settle_callbacks(self, state: TransactionState, rolled_back: bool) -> None:
        depth = state.depth + 1  # the depth of the block that just ended
        if rolled_back:
            state.callbacks = [(d, f) for d, f in state.callbacks if d < depth]
        else:
            state.callbacks = [(min(d, depth - 1), f) for d, f in state.callbacks]

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        state = current_state(self.using or DEFAULT_DB_ALIAS)
        if state is None or not state.levels:
            raise TransactionManagementError("atomic() exited in a context it did not enter.")
        wrapper = state.wrapper
        rolled_back = exc_type is not None or state.needs_rollback
        level, statements, ends = self._plan_exit(state, exc_type is not None)
        if not ends:
            try:
                for sql in statements:
                    wrapper.run_control(state, sql)
            except BaseException:
                state.needs_rollback = True  # the savepoint is gone: only a rollback is left
                raise
            if level.savepoint is not None or rolled_back:
                self._settle_callbacks(state, rolled_back and level.savepoint is not None)
            return
        callbacks = [] if rolled_back else [f for _, f in state.callbacks]
        try:
            try:
                wrapper.run_control(state, statements[0])
            except BaseException:
                if not rolled_back:  # the COMMIT failed: roll back, then report
                    try:
                        wrapper.run_control(state, wrapper.ops.rollback_sql())
                    except Exception:
                        pass  # the connection is probably gone; unpin() discards it
                if exc_type is None:
                    raise
                # The block failed and its ROLLBACK did too (the connection is gone, the
                # server rolls back on its own): report the block's error, not the ROLLBACK's.
        finally:
            wrapper.unpin(state)
        for func in callbacks:
            func()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        state = current_state(self.using or DEFAULT_DB_ALIAS)
        if state is None or not state.levels:
            raise TransactionManagementError("atomic() exited in a context it did not enter.")
        wrapper = state.wrapper
        rolled_back = exc_type is not None or state.needs_rollback
        level, statements, ends = self._plan_exit(state, exc_type is not None)
        if not ends:
            try:
                for sql in statements:
                    await wrapper.arun_control(state, sql)
            except BaseException:
                state.needs_rollback = True
                raise
            if level.savepoint is not None or rolled_back:
                self._settle_callbacks(state, rolled_back and level.savepoint is not None)
            return
        callbacks = [] if rolled_back else [f for _, f in state.callbacks]
        try:
            try:
                await wrapper.arun_control(state, statements[0])
            except BaseException:
                if not rolled_back:
                    try:
                        await wrapper.arun_control(state, wrapper.ops.rollback_sql())
                    except Exception:
                        pass  # the connection is probably gone; aunpin() discards it
                if exc_type is None:
                    raise
                # As in __exit__: the block's own error is the one to report.
        finally:
            await wrapper.aunpin(state)
        for func in callbacks:
            func()


# atomic(func): decorate a function with the default options.
@overload
def atomic(using: F) -> F: ...
# atomic(using=..., savepoint=..., durable=...): a context manager or a decorator.
@overload
def atomic(using: str | None = None, savepoint: bool = True, durable: bool = False) -> Atomic: ...
def atomic(
    using: str | Callable[..., Any] | None = None, savepoint: bool = True, durable: bool = False
) -> Any:
    """Run a block (or a function) in a transaction; nested blocks are savepoints."""
    if callable(using):
        return Atomic(None, savepoint, durable)(using)
    return Atomic(using, savepoint, durable)


NON_ATOMIC_ATTR = "_heron_non_atomic_requests"


@overload
def non_atomic_requests(using: F) -> F: ...
@overload
def non_atomic_requests(using: str | None = None) -> Callable[[F], F]: ...
def non_atomic_requests(using: str | Callable[..., Any] | None = None) -> Any:
    """Exempt a view from ``ATOMIC_REQUESTS`` (on every alias, or only on ``using``).

    ``@non_atomic_requests`` or ``@non_atomic_requests(using="other")``; decorations stack.
    """

    def mark(view: F, alias: str) -> F:
        exempt: set[str] = set(getattr(view, NON_ATOMIC_ATTR, ()))
        exempt.add(alias)
        setattr(view, NON_ATOMIC_ATTR, frozenset(exempt))
        return view

    if callable(using):
        return mark(using, "*")
    alias = using or "*"
    return lambda view: mark(view, alias)


def atomic_request_aliases(view: Callable[..., Any], aliases: list[str]) -> list[str]:
    """The aliases of ``aliases`` (those with ``ATOMIC_REQUESTS``) that wrap ``view``."""
    exempt: frozenset[str] = getattr(view, NON_ATOMIC_ATTR, frozenset())
    if "*" in exempt:
        return []
    return [alias for alias in aliases if alias not in exempt]


def make_atomic_view(view: F, aliases: list[str]) -> F:
    """Wrap ``view`` so each call runs inside ``atomic(using=alias)`` for every alias.

    A plain view gets sync blocks (it runs them inside its thread-pool call, so its queries
    use the pinned connection); an async view gets ``async with`` blocks.
    """
    import inspect
    from contextlib import AsyncExitStack, ExitStack

    if not aliases:
        return view
    if inspect.iscoroutinefunction(view):

        @functools.wraps(view)
        async def async_view(*args: Any, **kwargs: Any) -> Any:
            async with AsyncExitStack() as stack:
                for alias in aliases:
                    await stack.enter_async_context(atomic(using=alias))
                return await view(*args, **kwargs)

        return async_view  # type: ignore[return-value]

    @functools.wraps(view)
    def sync_view(*args: Any, **kwargs: Any) -> Any:
        with ExitStack() as stack:
            for alias in aliases:
                stack.enter_context(atomic(using=alias))
            return view(*args, **kwargs)

    return sync_view  # type: ignore[return-value]
