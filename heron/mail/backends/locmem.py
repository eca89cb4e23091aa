"""A backend that keeps messages in memory, in ``heron.mail.outbox``, for tests.

The pytest plugin and ``heron.test.TestCase`` switch ``EMAIL_BACKEND`` to this one and empty
the outbox before every test. The list is never replaced, only emptied, so a reference taken
with ``from heron.mail import outbox`` stays valid.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .base import BaseEmailBackend

if TYPE_CHECKING:
    from ..message import EmailMessage

__all__ = ["EmailBackend", "outbox"]

outbox: list[EmailMessage] = []
_lock = threading.Lock()


class EmailBackend(BaseEmailBackend):
    """Append each message to ``heron.mail.outbox``."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            message.message()  # builds it, so a bad header fails here as it would over SMTP
        with _lock:
            outbox.extend(email_messages)
        return len(email_messages)
