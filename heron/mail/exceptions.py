"""Errors raised by ``heron.mail``."""

from __future__ import annotations

from heron.core.exceptions import HeronError

__all__ = ["BadHeaderError"]


class BadHeaderError(HeronError, ValueError):
    """A header value (subject, an address, an extra header) contains a line break.

    Raised before any connection is opened: a line break in a header is how an attacker
    adds recipients or headers to a message built from form input.
    """
