"""The I/O-free core's vocabulary: query state, the steps a core yields, and the two shells.

A *core* is a generator: it yields steps (``Execute`` a statement, ``Send`` a signal, run a
nested core inside ``Atomic``) and receives each step's result. ``run_sync`` and
``run_async`` are the only places that touch the database: one calls ``execute`` /
``signal.send`` / ``with atomic()``, the other ``await aexecute`` / ``await signal.asend`` /
``async with atomic()``. Every sync method and its a-twin drive the same core, so the logic
exists once.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Generator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from heron.db import connections
from heron.db.transaction import atomic

if TYPE_CHECKING:
    from heron.db.backends.base.statements import Fetch

    from ..base import Model
    from ..signals import Signal
    from .expressions import Q

__all__ = ["Atomic", "Core", "Execute", "Query", "Send", "run_async", "run_sync"]

T = TypeVar("T")


@dataclasses.dataclass(frozen=True)
class Query:
    """What a QuerySet will ask for; ``compiler`` turns it into SQL.

    ``ordering`` None means "the model's Meta.ordering"; ``fields`` is set by ``values()`` /
    ``values_list()`` (``mode`` "dict", "tuple" or "flat"; "model" builds instances).
    """

    model: type[Model]
    where: tuple[Q, ...] = ()
    ordering: tuple[str, ...] | None = None
    low: int = 0
    high: int | None = None
    fields: tuple[str, ...] | None = None
    mode: str = "model"
    empty: bool = False
    select_related: tuple[str, ...] = ()
    prefetch_related: tuple[str, ...] = ()
    annotations: tuple[tuple[str, Any], ...] = ()

    def replace(self, **changes: Any) -> Query:
        """A copy with ``changes`` (``dataclasses.replace`` without its per-call overhead:
        QuerySet chaining calls this on every step)."""
        cls = type(self)
        names = _field_names.get(cls)
        if names is None:
            names = _field_names[cls] = frozenset(f.name for f in dataclasses.fields(self))
        if not names.issuperset(changes):
            unknown = ", ".join(sorted(set(changes) - names))
            raise TypeError(f"{cls.__name__} has no field(s) {unknown}.")
        new = object.__new__(cls)
        state = new.__dict__
        state.update(self.__dict__)
        state.update(changes)
        return new

    @property
    def is_sliced(self) -> bool:
        return self.low != 0 or self.high is not None


_field_names: dict[type[Query], frozenset[str]] = {}


class Execute:
    """Run ``sql`` with ``params`` on ``alias`` (``many``: ``executemany``).

    A plain slotted class rather than a frozen dataclass: one is made per query."""

    __slots__ = ("alias", "build", "fetch", "many", "params", "sql")

    def __init__(
        self,
        alias: str,
        sql: str,
        params: Sequence[Any] | None,
        fetch: Fetch = "all",
        build: Callable[[list[Any]], Any] | None = None,
        many: bool = False,
    ) -> None:
        self.alias = alias
        self.sql = sql
        self.params = params
        self.fetch = fetch
        self.build = build
        self.many = many

    def __repr__(self) -> str:
        return f"Execute({self.alias!r}, {self.sql!r}, {self.params!r}, {self.fetch!r})"


@dataclasses.dataclass(frozen=True)
class Send:
    """Send ``signal`` from ``sender`` with ``kwargs``."""

    signal: Signal
    sender: Any
    kwargs: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class Atomic:
    """Run the nested ``core`` inside ``transaction.atomic(using=alias)``."""

    alias: str
    core: Generator[Any, Any, Any]


Step = Execute | Send | Atomic
Core = Generator[Step, Any, T]


def _connections() -> Any:
    global _handler
    if _handler is None:
        _handler = connections
    return _handler


_handler: Any = None


def _execute_sync(step: Execute) -> Any:
    wrapper = (_handler or _connections())[step.alias]
    if step.many:
        return wrapper.executemany(step.sql, step.params or (), fetch=step.fetch)
    if step.build is not None:
        return wrapper.execute(step.sql, step.params, fetch=step.fetch, build=step.build)
    return wrapper.execute(step.sql, step.params, fetch=step.fetch)


async def _execute_async(step: Execute) -> Any:
    wrapper = (_handler or _connections())[step.alias]
    if step.many:
        return await wrapper.aexecutemany(step.sql, step.params or (), fetch=step.fetch)
    if step.build is not None:
        return await wrapper.aexecute(step.sql, step.params, fetch=step.fetch, build=step.build)
    return await wrapper.aexecute(step.sql, step.params, fetch=step.fetch)


def run_sync(core: Core[T]) -> T:
    """Drive ``core`` with the blocking API."""
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            if error is not None:
                pending, error = error, None
                step = core.throw(pending)
            else:
                step = core.send(value)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        try:
            if isinstance(step, Execute):
                value = _execute_sync(step)
            elif isinstance(step, Send):
                value = step.signal.send(step.sender, **step.kwargs)
            else:
                with atomic(using=step.alias):
                    value = run_sync(step.core)
        except Exception as exc:
            error = exc


async def run_async(core: Core[T]) -> T:
    """Drive ``core`` with the async API (the twin of ``run_sync``)."""
    value: Any = None
    error: BaseException | None = None
    while True:
        try:
            if error is not None:
                pending, error = error, None
                step = core.throw(pending)
            else:
                step = core.send(value)
        except StopIteration as stop:
            return stop.value  # type: ignore[no-any-return]
        try:
            if isinstance(step, Execute):
                value = await _execute_async(step)
            elif isinstance(step, Send):
                value = await step.signal.asend(step.sender, **step.kwargs)
            else:
                async with atomic(using=step.alias):
                    value = await run_async(step.core)
        except Exception as exc:
            error = exc
