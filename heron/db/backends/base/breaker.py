"""A circuit breaker: stop waiting on a database that is known to be down.

Closed (the normal state) lets every caller connect. After ``threshold`` connection failures
in a row it opens: for ``cooldown`` seconds callers fail at once with
``DatabaseUnavailable`` instead of each waiting out a connect timeout. Then it lets exactly
one caller through as a probe; everyone else still fails at once until the probe answers.
A successful probe closes the breaker, a failed one opens it for another ``cooldown``.

The check in the closed state is one integer comparison, with no lock: the lock is only
taken once failures start.
"""

from __future__ import annotations

import math
import threading
import time

from ...exceptions import DatabaseUnavailable

__all__ = ["CircuitBreaker"]


class CircuitBreaker:
    """Counts consecutive connection failures of one database alias (all threads, loops)."""

    def __init__(self, alias: str, *, threshold: int = 3, cooldown: float = 0.25) -> None:
        self.alias = alias
        self.threshold = max(1, threshold)
        self.cooldown = max(0.0, cooldown)
        self.failures = 0
        self.opened_at = 0.0
        self.last_error = ""
        self._probing = False
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        """True while callers are turned away (cooling down, or a probe is in flight)."""
        if self.failures < self.threshold:
            return False
        return self._probing or time.monotonic() < self.opened_at + self.cooldown

    def before_connect(self) -> bool:
        """Raise ``DatabaseUnavailable`` while open; return True if the caller is the probe.

        A probe must end with ``succeeded()``, ``failed()`` or ``abandoned()``.
        """
        if self.failures < self.threshold:
            return False
        with self._lock:
            if self.failures < self.threshold:
                return False
            remaining = self.opened_at + self.cooldown - time.monotonic()
            if remaining > 0 or self._probing:
                raise self.unavailable(remaining)
            self._probing = True
            return True

    def unavailable(self, remaining: float = 0.0) -> DatabaseUnavailable:
        return DatabaseUnavailable(
            f"Database {self.alias!r} is unavailable: {self.failures} connection attempts in "
            f"a row failed (last: {self.last_error or 'unknown error'}); the next attempt is "
            f"made in {max(remaining, 0.0):.2f} s.",
            alias=self.alias,
            retry_after=math.ceil(max(remaining, self.cooldown)),
        )

    def succeeded(self) -> None:
        """A connection opened (or a statement came back): close the breaker."""
        if self.failures or self._probing:
            with self._lock:
                self.failures = 0
                self._probing = False

    def failed(self, error: BaseException | str) -> None:
        """A connection attempt failed (or a connection stopped answering)."""
        with self._lock:
            self.failures += 1
            self.last_error = str(error).strip().splitlines()[0] if str(error) else repr(error)
            self._probing = False
            if self.failures >= self.threshold:
                self.opened_at = time.monotonic()

    def abandoned(self) -> None:
        """The probe was cancelled before it learned anything: let the next caller probe."""
        if self._probing:
            with self._lock:
                self._probing = False
