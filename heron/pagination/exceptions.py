"""Errors for page numbers that do not name a page."""

from __future__ import annotations

from heron.core.exceptions import HeronError

__all__ = ["EmptyPage", "InvalidPage", "PageNotAnInteger"]


class InvalidPage(HeronError):
    """The page number names no page (the base of the two errors below)."""


class PageNotAnInteger(InvalidPage):
    """The page number is not a whole number (``"abc"``, ``"1.5"``, ``None``)."""


class EmptyPage(InvalidPage):
    """The page number is a whole number outside ``1 .. num_pages``."""
