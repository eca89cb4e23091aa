"""Errors of the messages framework."""

from __future__ import annotations

from heron.core.exceptions import HeronError

__all__ = ["MessageFailure"]


class MessageFailure(HeronError):
    """A message could not be added: ``MessageMiddleware`` is not installed."""
