"""``Session``: the table of the ``db`` and ``cached_db`` backends (``heron_session``)."""

from __future__ import annotations

from heron.db import models

__all__ = ["Session"]


class Session(models.Model):
    """One stored session: its key, its signed data and when it expires."""

    session_key = models.CharField(max_length=40, primary_key=True)
    session_data = models.TextField()
    expire_date = models.DateTimeField(db_index=True)

    class Meta:
        db_table = "heron_session"
        verbose_name = "session"
        verbose_name_plural = "sessions"

    def __str__(self) -> str:
        return self.session_key
