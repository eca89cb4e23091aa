"""The contract every email backend implements."""

from __future__ import annotations

from collections.abc import Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from heron.core.threads import run_sync

if TYPE_CHECKING:  # only for annotations: message.py imports the backends at run time
    from ..message import EmailMessage

__all__ = ["BaseEmailBackend"]


class BaseEmailBackend:
    """Send ``EmailMessage`` objects somewhere.

    Subclasses implement ``send_messages()`` and, when they hold a connection, ``open()`` and
    ``close()``. ``with backend:`` (or ``async with``) keeps one connection open for several
    ``send_messages()`` calls. The async methods run the sync ones in Heron's thread pool, so
    a slow mail server never blocks the event loop.
    """

    def __init__(self, fail_silently: bool = False, **kwargs: Any) -> None:
        self.fail_silently = fail_silently

    def open(self) -> bool:
        """Open a connection if the backend needs one; return True if this call opened it."""
        return False

    def close(self) -> None:
        """Close the connection opened by ``open()``, if any."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        """Send the messages and return how many were sent."""
        raise NotImplementedError("Email backends must implement send_messages().")

    async def asend_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        """Async twin of ``send_messages()``: the sending runs off the event loop."""
        return await run_sync(self.send_messages, list(email_messages))

    def __enter__(self) -> BaseEmailBackend:
        try:
            self.open()
        except Exception:
            self.close()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    async def __aenter__(self) -> BaseEmailBackend:
        return await run_sync(self.__enter__)

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await run_sync(self.close)
