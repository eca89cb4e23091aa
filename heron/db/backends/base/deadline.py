"""A client-side deadline for statements, for servers that stop answering.

A server-side statement timeout (PostgreSQL's ``statement_timeout``) needs a server that
runs: a frozen server, or a network path that silently drops packets, leaves the client
waiting on its socket forever (TCP keeps the connection "up" for minutes). So a backend arms
a deadline around each statement; one daemon thread per process looks at the armed deadlines
every ``TICK`` seconds and aborts the connection of each one that passed, by shutting its
socket down. The blocked driver call then fails at once (the connection is lost), in
whichever thread or event loop it waits.

Arming and disarming are two dict operations under the GIL (no lock): ``disarm`` returning
True means the watchdog took the entry first, so the connection was (or is being) aborted
and must not be reused.
"""

from __future__ import annotations

import itertools
import os
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

__all__ = ["TICK", "Watchdog", "shutdown_socket", "watchdog"]

TICK = 0.05
"""How often (seconds) the watchdog looks for passed deadlines."""


class Watchdog:
    """Aborts the connections whose statement ran past its deadline."""

    def __init__(self) -> None:
        self._armed: dict[int, tuple[float, Any, Callable[[Any], None]]] = {}
        self._tokens = itertools.count(1)
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._pid = 0

    def arm(self, conn: Any, seconds: float, abort: Callable[[Any], None]) -> int:
        """Abort ``conn`` (``abort(conn)``) unless disarmed within ``seconds``."""
        token = next(self._tokens)
        self._armed[token] = (time.monotonic() + seconds, conn, abort)
        if self._pid != os.getpid():  # first use in this process (or after a fork)
            self._start()
        return token

    def disarm(self, token: int) -> bool:
        """Stop watching; True if the deadline had already passed (the conn is aborted)."""
        return self._armed.pop(token, None) is None

    def _start(self) -> None:
        with self._start_lock:
            if self._pid == os.getpid():
                return
            self._thread = threading.Thread(
                target=self._watch, name="heron-db-deadlines", daemon=True
            )
            self._thread.start()
            self._pid = os.getpid()

    def _watch(self) -> None:
        armed = self._armed
        while True:
            time.sleep(TICK)
            if not armed:
                continue
            now = time.monotonic()
            for token, entry in list(armed.items()):
                if entry[0] <= now and armed.pop(token, None) is not None:
                    try:
                        entry[2](entry[1])
                    except Exception:
                        pass  # already closed: the waiting call fails on its own


watchdog = Watchdog()
"""The process's watchdog (its thread starts on the first armed deadline)."""


def shutdown_socket(fd: int) -> None:
    """Shut a connected socket down (both ways) without closing its descriptor.

    The descriptor still belongs to the driver, which sees end-of-file and fails the call
    that waits on it; shutting down a duplicate acts on the shared socket.
    """
    sock = socket.socket(fileno=os.dup(fd))
    try:
        sock.shutdown(socket.SHUT_RDWR)
    finally:
        sock.close()
