"""Write transactions on one SQLite file take turns instead of failing "database is locked".

SQLite lets one writer at a time hold a database. Left to itself, a writer that finds the
database busy sleeps in growing steps (up to 100 ms) and retries until ``busy_timeout``:
with many writers the lucky ones keep winning and an unlucky one gives up after the whole
timeout. Heron queues them in two places:

* in the process, one ``threading.Lock`` per database file: a write transaction
  (``BEGIN IMMEDIATE``/``EXCLUSIVE``) holds it from its ``BEGIN`` to its ``COMMIT`` or
  ``ROLLBACK``, so the threads of a process wait in line without touching SQLite;
* across processes (``heron serve --workers N``), the one writer per process at the head
  of its line polls ``BEGIN`` itself every millisecond or two (SQLite's own busy wait set to
  0 for that statement) until ``busy_timeout``. A writer that just got its turn from the
  in-process line first waits a random fraction of a millisecond, so the other processes'
  pollers get a fair chance at the lock the process just released.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time

from ...exceptions import DatabaseUnavailable

__all__ = ["WriterQueue", "begin_when_free", "busy", "queue_for"]

_SQLITE_BUSY = 5
_queues: dict[str, WriterQueue] = {}
_queues_lock = threading.Lock()


class WriterQueue:
    """The in-process line of write transactions on one database file."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lock = threading.Lock()

    def enter(self, timeout: float, alias: str) -> bool:
        """Wait for the turn of this thread; True if another writer was ahead of it."""
        if self.lock.acquire(blocking=False):
            return False
        if not self.lock.acquire(timeout=timeout):
            raise busy(alias, timeout)
        return True

    def leave(self) -> None:
        self.lock.release()


def queue_for(name: str) -> WriterQueue:
    """The writer queue of the database file ``name`` (one per file and process)."""
    queue = _queues.get(name)
    if queue is None:
        with _queues_lock:
            queue = _queues.setdefault(name, WriterQueue(name))
    return queue


def busy(alias: str, timeout: float) -> DatabaseUnavailable:
    return DatabaseUnavailable(
        f"database is locked: database {alias!r} had no free write turn within {timeout:g} s. "
        "Keep write transactions short, or raise busy_timeout (ms) in its OPTIONS.",
        alias=alias,
    )


def begin_when_free(
    raw: sqlite3.Connection, sql: str, timeout_ms: int, *, yield_first: bool, alias: str
) -> None:
    """Run ``sql`` (a ``BEGIN IMMEDIATE``) polling every 1-2 ms for up to ``timeout_ms``."""
    if yield_first:
        time.sleep(random.random() / 1000)
    deadline = time.monotonic() + timeout_ms / 1000
    raw.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                raw.execute(sql)
                return
            except sqlite3.OperationalError as exc:
                if exc.sqlite_errorcode & 0xFF != _SQLITE_BUSY:
                    raise
                if time.monotonic() >= deadline:
                    raise busy(alias, timeout_ms / 1000) from exc
            time.sleep(0.001 + random.random() / 1000)
    finally:
        raw.execute(f"PRAGMA busy_timeout = {int(timeout_ms)}")
