"""A backend that writes each message, as it would go over the wire, to a stream."""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from .base import BaseEmailBackend

if TYPE_CHECKING:
    from ..message import EmailMessage

__all__ = ["EmailBackend"]


class EmailBackend(BaseEmailBackend):
    """Write messages to ``stream`` (standard output unless given), one after another."""

    def __init__(self, *, stream: TextIO | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.stream: TextIO = stream if stream is not None else sys.stdout
        self._lock = threading.RLock()

    def write_message(self, message: EmailMessage) -> None:
        built = message.message()
        text = built.as_bytes(policy=built.policy.clone(linesep="\n")).decode("utf-8", "replace")
        self.stream.write(text.rstrip("\n") + "\n")
        self.stream.write("-" * 79 + "\n")

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        if not email_messages:
            return 0
        for message in email_messages:
            message.message()  # a bad header fails before anything is written
        sent = 0
        with self._lock:
            new = self.open()
            try:
                for message in email_messages:
                    self.write_message(message)
                    sent += 1
                self.stream.flush()
            except Exception:
                if not self.fail_silently:
                    raise
            finally:
                if new:
                    self.close()
        return sent
