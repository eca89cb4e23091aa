"""Counting the queries a block runs: ``CaptureQueries`` and ``assert_num_queries``.

Built on ``heron.db.instrumentation``: the listener sees the statements run in the block's
context, including those of views called through the in-process test clients and of sync
code run from async code. Transaction control statements are not counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from types import TracebackType
from typing import Any

__all__ = ["CaptureQueries", "CapturedQuery", "assert_num_queries"]


@dataclass(frozen=True, slots=True)
class CapturedQuery:
    alias: str
    sql: str
    params: Any


class CaptureQueries:
    """``with CaptureQueries() as queries:`` records the statements run on ``using``.

    ``using`` is an alias, or None for every alias. ``queries.captured`` is the list of
    ``CapturedQuery(alias, sql, params)``; ``len(queries)`` counts them.
    """

    def __init__(self, using: str | None = "default") -> None:
        self.using = using
        self.captured: list[CapturedQuery] = []
        self._cm: AbstractContextManager[Any] | None = None

    def _listen(self, alias: str, sql: str, params: Any) -> None:
        if self.using is None or alias == self.using:
            self.captured.append(CapturedQuery(alias, sql, params))

    def __enter__(self) -> CaptureQueries:
        # lazy: heron.test loads with the pytest plugin in every run; this loads on first use
        from heron.db.instrumentation import execution_listener

        self.captured = []
        self._cm = execution_listener(self._listen)
        self._cm.__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._cm is not None
        cm, self._cm = self._cm, None
        cm.__exit__(exc_type, exc, tb)

    def __len__(self) -> int:
        return len(self.captured)

    def __iter__(self) -> Iterator[CapturedQuery]:
        return iter(self.captured)

    def __getitem__(self, index: int) -> CapturedQuery:
        return self.captured[index]

    @property
    def sql(self) -> list[str]:
        return [query.sql for query in self.captured]

    def report(self) -> str:
        """The captured statements, numbered, one a line (for failure messages)."""
        if not self.captured:
            return "(no queries)"
        return "\n".join(
            f"{i}. [{q.alias}] {q.sql}  -- params: {q.params!r}"
            for i, q in enumerate(self.captured, 1)
        )


@contextmanager
def assert_num_queries(num: int, using: str | None = "default") -> Iterator[CaptureQueries]:
    """Fail (``AssertionError`` listing the SQL) unless the block runs exactly ``num`` queries.

    The check is skipped when the block raises (its own exception propagates).
    """
    capture = CaptureQueries(using)
    with capture:
        yield capture
    if len(capture) != num:
        where = "all databases" if using is None else f"database {using!r}"
        raise AssertionError(
            f"{len(capture)} queries executed on {where}, {num} expected.\n"
            f"Captured queries were:\n{capture.report()}"
        )
