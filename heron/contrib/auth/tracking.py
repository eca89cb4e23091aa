"""``update_last_login``: the ``user_logged_in`` receiver that records the sign-in time."""

from __future__ import annotations

from typing import Any

from heron.timezone import now

__all__ = ["update_last_login"]


def update_last_login(sender: Any, user: Any, **kwargs: Any) -> None:
    """Set and save ``user.last_login`` (only that column)."""
    if not hasattr(user, "last_login"):
        return
    user.last_login = now()
    user.save(update_fields=["last_login"])
