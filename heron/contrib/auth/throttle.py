"""Sign-in throttling: after too many failed attempts for one account or from one client
address within a window, the sign-in view answers 429 (with ``Retry-After``) until the
window passes.

The rate is ``AUTH_LOGIN_RATE`` (``"5/15m"``: five failures per fifteen minutes), counted
by ``heron.ratelimit`` in the cache (``RATELIMIT_CACHE``), so every server process sharing
that cache shares the counts. Counting per account stops guessing one user's password from
many addresses; counting per address stops one client trying many accounts. A successful
sign-in clears its account's count (not the address's, or an attacker with one account could
clear their own). ``RATELIMIT_ENABLE = False`` turns it off.
"""

from __future__ import annotations

import hashlib
from typing import Any

from heron.conf import settings
from heron.ratelimit import Ratelimited, client_address, hit, reset

__all__ = ["SignInThrottle"]


def _keys(request: Any, username: str) -> list[str]:
    # Hashed: usernames are user input of any length, and keys should not hold them.
    account = hashlib.sha256(username.strip().casefold().encode()).hexdigest()
    return [f"auth.login.account:{account}", f"auth.login.address:{client_address(request)}"]


class SignInThrottle:
    """Counts failures per account and per client address; refuses past the limit."""

    def enabled(self) -> bool:
        return bool(getattr(settings, "RATELIMIT_ENABLE", True)) and bool(settings.AUTH_LOGIN_RATE)

    def check(self, request: Any, username: str) -> None:
        """Raise ``Ratelimited`` (429) when either counter has reached the limit."""
        if not self.enabled():
            return
        for key in _keys(request, username):
            seen = hit(key, settings.AUTH_LOGIN_RATE, increment=False)
            if seen.count >= seen.limit:
                raise Ratelimited(
                    "Too many failed sign-in attempts. Try again later.",
                    retry_after=seen.retry_after,
                )

    def failed(self, request: Any, username: str) -> None:
        """Count one failed attempt for the account and the client address."""
        if self.enabled():
            for key in _keys(request, username):
                hit(key, settings.AUTH_LOGIN_RATE)

    def succeeded(self, request: Any, username: str) -> None:
        """Clear the account's count after a successful sign-in."""
        if self.enabled():
            reset(_keys(request, username)[0], settings.AUTH_LOGIN_RATE)
