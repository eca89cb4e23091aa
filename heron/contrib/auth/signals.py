"""Auth signals: ``user_logged_in``, ``user_logged_out``, ``user_login_failed``."""

from __future__ import annotations

from heron.db.models.signals import Signal

__all__ = ["user_logged_in", "user_logged_out", "user_login_failed"]

user_logged_in = Signal("user_logged_in")
"""Sent after ``login()``: ``sender`` (the user class), ``request``, ``user``."""
user_logged_out = Signal("user_logged_out")
"""Sent by ``logout()`` before the session is flushed: ``sender``, ``request``, ``user``
(None when nobody was signed in)."""
user_login_failed = Signal("user_login_failed")
"""Sent when ``authenticate()`` finds no user: ``sender`` (the module name), ``credentials``
(passwords and other secrets replaced by ``"********"``), ``request``."""
