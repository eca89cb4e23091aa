"""Errors raised when a signed value cannot be trusted."""

from __future__ import annotations

from heron.core.exceptions import HeronError

__all__ = ["BadSignature", "SignatureExpired"]


class BadSignature(HeronError):
    """The value was tampered with, signed with another key or salt, or is malformed."""


class SignatureExpired(BadSignature):
    """The signature is valid but older than the ``max_age`` allowed."""
