"""Errors of the messages framework."""

from __future__ import annotations

__all__ = ["MessageFailure"]


class MessageFailure(Exception):
    """A message could not be added: ``MessageMiddleware`` is not installed."""
