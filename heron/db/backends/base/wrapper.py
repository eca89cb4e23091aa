"""The contract every backend's ``DatabaseWrapper`` fulfils.

A wrapper is one configured database alias. The ORM (and raw SQL users) call four methods,
pure data in and rows out: ``execute``/``executemany`` (sync) and ``aexecute``/
``aexecutemany`` (async), with SQL in the driver's ``paramstyle``; ``cursor()`` gives a
DB-API cursor taking ``%s`` placeholders on every backend.

Where a statement runs:

* a transaction pinned in the current context (``atomic()``, a test transaction) runs it on
  the pinned connection; async code may use a pinned *sync* connection (through the thread
  pool), sync code may not use a pinned *async* one (``SynchronousOnlyOperation``);
* otherwise (autocommit) a connection is checked out of the alias's pool and returned.

A backend subclass supplies the I/O: ``_acquire``/``_release`` and ``_aacquire``/
``_arelease`` (its pools), ``_run``/``_arun`` (one statement on one connection),
``_is_broken`` and ``close``/``aclose``. Everything else lives here, once.

When a statement fails and its connection is found broken (the server restarted, closed the
connection, or stopped answering), ``connection_lost`` retires the alias's pooled
connections; a read outside a transaction (a plain SELECT) then runs once more on a fresh
connection, anything else raises ``DatabaseUnavailable``. Nothing is retried inside a
transaction.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, overload

from heron.conf import ImproperlyConfigured
from heron.core.threads import run_sync

from ...exceptions import (
    DatabaseUnavailable,
    SynchronousOnlyOperation,
    TransactionManagementError,
)
from ...instrumentation import get_listeners, notify
from ...state import TransactionState, current_state, pin_state, unpin_state
from .client import BaseDatabaseClient
from .creation import BaseDatabaseCreation
from .cursor import CursorWrapper
from .features import BaseDatabaseFeatures
from .operations import BaseDatabaseOperations
from .statements import Fetch, Statement, arun_statement, is_read, run_statement

if TYPE_CHECKING:
    from sqlalchemy.engine.interfaces import Dialect

    from .cursor import CursorWrapper

__all__ = ["DatabaseWrapper"]

T = TypeVar("T")


class DatabaseWrapper:
    """One database alias: its settings, vendor helpers, pools and execution."""

    vendor: ClassVar[str] = "base"
    display_name: ClassVar[str] = "Base"
    paramstyle: ClassVar[str] = "format"
    """How ``execute`` expects placeholders: ``"qmark"`` (``?``) or ``"format"`` (``%s``)."""

    features_class: ClassVar[type[BaseDatabaseFeatures]] = BaseDatabaseFeatures
    ops_class: ClassVar[type[BaseDatabaseOperations]] = BaseDatabaseOperations
    creation_class: ClassVar[type[BaseDatabaseCreation]] = BaseDatabaseCreation
    client_class: ClassVar[type[BaseDatabaseClient]] = BaseDatabaseClient

    def __init__(self, settings_dict: dict[str, Any], alias: str = "default") -> None:
        self.alias = alias
        self.settings_dict: dict[str, Any] = {"OPTIONS": {}, "TEST": {}, **settings_dict}
        self.features = self.features_class(self)
        self.ops = self.ops_class(self)
        self.creation = self.creation_class(self)
        self.client = self.client_class(self)
        self._dialect: Dialect | None = None
        self._setup_lock = threading.Lock()

    def __repr__(self) -> str:
        return f"<{type(self).__module__}.DatabaseWrapper alias={self.alias!r}>"

    # -- drivers and dialect ------------------------------------------------------------

    @staticmethod
    def import_driver(module: str, extra: str, display_name: str) -> ModuleType:
        """Import a driver module, or explain which extra to install."""
        try:
            return importlib.import_module(module)
        except ImportError as exc:
            raise ImproperlyConfigured(
                f"The {display_name} backend needs the {module!r} package, which is not "
                f"installed. Run: pip install 'heron[{extra}]'"
            ) from exc

    @property
    def dialect(self) -> Dialect:
        """The SQLAlchemy dialect the ORM compiles SQL with (built on first use)."""
        if self._dialect is None:
            self._dialect = self.make_dialect()
        return self._dialect

    def make_dialect(self) -> Dialect:
        raise NotImplementedError  # abstract: every backend implements it

    # -- the backend's I/O (overridden) -------------------------------------------------

    def _acquire(self) -> Any:
        """Check a sync connection out of the pool."""
        raise NotImplementedError  # abstract: every backend implements it

    def _release(self, conn: Any, *, broken: bool = False) -> None:
        raise NotImplementedError  # abstract: every backend implements it

    def _run(self, conn: Any, statement: Statement) -> Any:
        """Run one statement on a sync connection (from any thread)."""
        return run_statement(conn, *statement)

    def _call_on(self, conn: Any, fn: Callable[[Any], T]) -> T:
        """Call ``fn(conn)`` as the backend requires (SQLite: holding the connection's lock)."""
        return fn(conn)

    def _is_broken(self, conn: Any) -> bool:
        """True when ``conn`` lost its server and must not be reused."""
        return False

    def _is_disconnect(self, exc: BaseException) -> bool:
        """True when ``exc`` says the connection is gone (for drivers that do not mark it)."""
        return False

    def connection_lost(self, exc: BaseException) -> None:
        """A statement found its connection lost: retire the alias's pooled connections."""

    def _lost(self, conn: Any, exc: Exception) -> Exception | None:
        """The error to raise if ``exc`` lost ``conn`` (after ``connection_lost``), else None."""
        if not (
            isinstance(exc, DatabaseUnavailable)
            or self._is_broken(conn)
            or self._is_disconnect(exc)
        ):
            return None
        self.connection_lost(exc)
        if isinstance(exc, DatabaseUnavailable):
            return exc
        text = str(exc).strip()
        return DatabaseUnavailable(
            f"The connection to database {self.alias!r} was lost: "
            f"{text.splitlines()[0] if text else type(exc).__name__}",
            alias=self.alias,
        )

    async def _aacquire(self) -> Any:
        raise NotImplementedError  # abstract: every backend implements it

    async def _arelease(self, conn: Any, *, broken: bool = False) -> None:
        raise NotImplementedError  # abstract: every backend implements it

    async def _arun(self, conn: Any, statement: Statement) -> Any:
        """Run one statement on an async connection."""
        return await arun_statement(conn, *statement)

    async def _arun_on_sync(self, state: TransactionState, statement: Statement) -> Any:
        """Run a statement from async code on a pinned sync connection (via the pool)."""
        return await run_sync(self._run_pinned, state, statement)

    @property
    def has_async_pools(self) -> bool:
        return False

    def close(self) -> None:
        """Close the sync pool (idle connections now, busy ones when returned)."""

    async def aclose_async_pools(self) -> None:
        """Close the async pool of the running event loop (do it before the loop ends)."""

    async def aclose(self) -> None:
        """Close the async pool of the running event loop, and the sync pool."""
        await self.aclose_async_pools()
        self.close()

    # -- execution ----------------------------------------------------------------------

    @overload
    def execute(
        self,
        sql: str,
        params: Sequence[Any] | None = (),
        *,
        fetch: Fetch = "all",
        build: Callable[[list[Any]], T],
    ) -> T: ...
    @overload
    def execute(
        self, sql: str, params: Sequence[Any] | None = (), *, fetch: Fetch = "all"
    ) -> Any: ...
    def execute(
        self,
        sql: str,
        params: Sequence[Any] | None = (),
        *,
        fetch: Fetch = "all",
        build: Callable[[list[Any]], Any] | None = None,
    ) -> Any:
        """Run ``sql`` (in ``self.paramstyle``) and return what ``fetch`` names.

        ``fetch``: ``"all"``/``"returning"`` -> list of row tuples, ``"one"`` -> a row or
        None, ``"rowcount"``, ``"lastrowid"``, ``"none"``. ``build(rows)``, when given, is
        applied to the fetched rows (``[row]`` or ``[]`` for ``"one"``) on the connection's
        side of the hop, and its result returned instead.
        """
        return self._execute((sql, params, fetch, build, False))

    def executemany(
        self, sql: str, seq_of_params: Sequence[Sequence[Any]], *, fetch: Fetch = "rowcount"
    ) -> Any:
        """Run ``sql`` once per parameter sequence (bulk inserts)."""
        return self._execute((sql, seq_of_params, fetch, None, True))

    @overload
    async def aexecute(
        self,
        sql: str,
        params: Sequence[Any] | None = (),
        *,
        fetch: Fetch = "all",
        build: Callable[[list[Any]], T],
    ) -> T: ...
    @overload
    async def aexecute(
        self, sql: str, params: Sequence[Any] | None = (), *, fetch: Fetch = "all"
    ) -> Any: ...
    async def aexecute(
        self,
        sql: str,
        params: Sequence[Any] | None = (),
        *,
        fetch: Fetch = "all",
        build: Callable[[list[Any]], Any] | None = None,
    ) -> Any:
        """The async twin of ``execute``."""
        return await self._aexecute((sql, params, fetch, build, False))

    async def aexecutemany(
        self, sql: str, seq_of_params: Sequence[Sequence[Any]], *, fetch: Fetch = "rowcount"
    ) -> Any:
        """The async twin of ``executemany``."""
        return await self._aexecute((sql, seq_of_params, fetch, None, True))

    def call_with_connection(self, fn: Callable[[Any], T]) -> T:
        """Call ``fn`` with the driver's own DB-API connection: the one pinned to this
        context (inside ``atomic()`` or a test), else one checked out for the call.

        For tools that need the raw connection (SQLAlchemy reflection in ``inspectdb``);
        ``fn`` must not commit, roll back or close it.
        """
        state = current_state(self.alias)
        if state is not None and state.wrapper is self:
            if state.is_async:
                raise self._sync_in_async_error()
            return self._call_on(state.conn, fn)
        conn = self._acquire()
        try:
            return self._call_on(conn, fn)
        finally:
            self._release(conn)

    def cursor(self) -> CursorWrapper:
        """A DB-API cursor taking ``%s`` placeholders; use it in a ``with`` block."""
        return CursorWrapper(self)

    def _execute(self, statement: Statement) -> Any:
        listeners = get_listeners()
        if listeners:
            notify(listeners, self.alias, statement[0], statement[1])
        state = current_state(self.alias)
        if state is not None and state.wrapper is self:
            if state.is_async:
                raise self._sync_in_async_error()
            return self._run_pinned(state, statement)
        conn = self._acquire()
        try:
            result = self._run(conn, statement)
        except Exception as exc:
            lost = self._lost(conn, exc)
            self._release(conn, broken=lost is not None)
            if lost is None:
                raise
            if lost is exc:
                raise
            if is_read(statement[0], statement[2], statement[4]):
                return self._retry(statement)
            raise lost from exc
        except BaseException:
            self._release(conn, broken=True)
            raise
        self._release(conn)
        return result

    def _retry(self, statement: Statement) -> Any:
        """Run a read again on a fresh connection after its connection was found dead."""
        conn = self._acquire()
        try:
            result = self._run(conn, statement)
        except Exception as exc:
            lost = self._lost(conn, exc)
            self._release(conn, broken=lost is not None)
            if lost is None or lost is exc:
                raise
            raise lost from exc
        except BaseException:
            self._release(conn, broken=True)
            raise
        self._release(conn)
        return result

    async def _aexecute(self, statement: Statement) -> Any:
        listeners = get_listeners()
        if listeners:
            notify(listeners, self.alias, statement[0], statement[1])
        state = current_state(self.alias)
        if state is not None and state.wrapper is self:
            if state.is_async:
                self._check_usable(state)
                try:
                    return await self._arun(state.conn, statement)
                except Exception as exc:
                    lost = self._lost(state.conn, exc)
                    if lost is None or lost is exc:
                        raise
                    raise lost from exc
            return await self._arun_on_sync(state, statement)
        conn = await self._aacquire()
        try:
            result = await self._arun(conn, statement)
        except Exception as exc:
            lost = self._lost(conn, exc)
            await self._arelease(conn, broken=lost is not None)
            if lost is None:
                raise
            if lost is exc:
                raise
            if not is_read(statement[0], statement[2], statement[4]):
                raise lost from exc
            conn = await self._aacquire()
            try:
                result = await self._arun(conn, statement)
            except Exception as exc:
                lost = self._lost(conn, exc)
                await self._arelease(conn, broken=lost is not None)
                if lost is None or lost is exc:
                    raise
                raise lost from exc
            except BaseException:
                await self._arelease(conn, broken=True)
                raise
        except BaseException:
            # Cancelled mid-query: the connection's protocol state is unknown.
            await self._arelease(conn, broken=True)
            raise
        await self._arelease(conn)
        return result

    def _run_pinned(self, state: TransactionState, statement: Statement) -> Any:
        self._check_usable(state)
        with state.lock:
            try:
                return self._run(state.conn, statement)
            except Exception as exc:
                lost = self._lost(state.conn, exc)
                if lost is None or lost is exc:
                    raise
                raise lost from exc

    @staticmethod
    def _check_usable(state: TransactionState) -> None:
        if state.broken:
            raise TransactionManagementError(
                "A query failed inside this atomic(savepoint=False) block, so the "
                "transaction can only be rolled back: no more queries until the block ends. "
                "Catch errors outside the atomic block, or give the block a savepoint."
            )

    def _sync_in_async_error(self) -> SynchronousOnlyOperation:
        return SynchronousOnlyOperation(
            f"A sync query on database {self.alias!r} ran while an async transaction "
            "(`async with atomic()`) is open in this context. Inside async atomic blocks use "
            "the async API (await connection.aexecute(...), the a-prefixed QuerySet methods, "
            "`async for`); or run the sync code outside the async transaction, in its own "
            "`with atomic():`."
        )

    # -- pinning (used by heron.db.transaction and heron.db.testing) --------------------

    def pin(self) -> TransactionState:
        """Check out a sync connection and pin it to the current context."""
        state = TransactionState(self, self._acquire(), is_async=False)
        pin_state(self.alias, state)
        return state

    async def apin(self) -> TransactionState:
        """Check out an async connection and pin it to the current context."""
        state = TransactionState(self, await self._aacquire(), is_async=True)
        pin_state(self.alias, state)
        return state

    def unpin(self, state: TransactionState) -> None:
        """Forget the pinned connection and give it back (sync connections only)."""
        if current_state(self.alias) is state:
            unpin_state(self.alias)
        if state.is_async:
            raise self._sync_in_async_error()
        self._release(state.conn, broken=self._is_broken(state.conn))

    async def aunpin(self, state: TransactionState) -> None:
        if current_state(self.alias) is state:
            unpin_state(self.alias)
        if state.is_async:
            await self._arelease(state.conn, broken=self._is_broken(state.conn))
        else:
            self._release(state.conn, broken=self._is_broken(state.conn))

    def run_control(self, state: TransactionState, sql: str) -> None:
        """Run a transaction-control statement (BEGIN, SAVEPOINT...) on a pinned sync conn."""
        if state.is_async:
            raise self._sync_in_async_error()
        with state.lock:
            try:
                self._run(state.conn, (sql, None, "none", None, False))
            except Exception as exc:
                lost = self._lost(state.conn, exc)
                if lost is None or lost is exc:
                    raise
                raise lost from exc

    async def arun_control(self, state: TransactionState, sql: str) -> None:
        statement: Statement = (sql, None, "none", None, False)
        try:
            if state.is_async:
                await self._arun(state.conn, statement)
            else:
                await self._arun_on_sync_control(state, statement)
        except Exception as exc:
            lost = self._lost(state.conn, exc)
            if lost is None or lost is exc:
                raise
            raise lost from exc

    async def _arun_on_sync_control(self, state: TransactionState, statement: Statement) -> Any:
        def run() -> Any:
            with state.lock:
                return self._run(state.conn, statement)

        return await run_sync(run)
