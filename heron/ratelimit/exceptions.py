"""``Ratelimited``: raised when a client is over a limit; the request cycle answers 429."""

from __future__ import annotations

from heron.http.exceptions import HttpError

__all__ = ["Ratelimited"]


class Ratelimited(HttpError):
    """Too many requests (429); ``retry_after`` seconds until the window ends.

    The error page carries ``Retry-After: <retry_after>`` (see ``headers``), as HTML or as
    JSON like the other error pages.
    """

    status_code = 429

    def __init__(self, message: str | None = None, *, retry_after: int = 0) -> None:
        super().__init__(message)
        self.retry_after = max(0, int(retry_after))
        self.headers = {"Retry-After": str(self.retry_after)}
