"""The ``db`` backend (the default): sessions as rows of ``heron_session``.

Expired rows are never read (the query asks for ``expire_date`` in the future) and are
removed by ``heron clearsessions``. A new session is an INSERT inside a savepoint, so a key
already taken fails alone and another key is drawn.
"""

from __future__ import annotations

import datetime as dt

from heron.db import IntegrityError, transaction
from heron.timezone import now

from ..models import Session
from .base import SessionBase

__all__ = ["SessionStore"]


class SessionStore(SessionBase):
    """Sessions in the database, through the ``Session`` model."""

    model = Session

    # A get by primary key takes the ORM's short path (no QuerySet is built); the expiry is
    # then checked here rather than in SQL.

    def _row(self, key: str) -> Session | None:
        """The unexpired row of ``key``."""
        try:
            row = self.model.objects.get(session_key=key)
        except self.model.DoesNotExist:
            return None
        return row if row.expire_date > now() else None

    async def _arow(self, key: str) -> Session | None:
        try:
            row = await self.model.objects.aget(session_key=key)
        except self.model.DoesNotExist:
            return None
        return row if row.expire_date > now() else None

    def _io_fetch(self, key: str) -> str | None:
        row = self._row(key)
        return None if row is None else row.session_data

    async def _aio_fetch(self, key: str) -> str | None:
        row = await self._arow(key)
        return None if row is None else row.session_data

    def _io_write(
        self, key: str, payload: str, expire_date: dt.datetime, must_create: bool
    ) -> str | None:
        if must_create:
            row = self.model(session_key=key, session_data=payload, expire_date=expire_date)
            try:
                with transaction.atomic():
                    row.save(force_insert=True)
            except IntegrityError:
                return None
            return key
        found = self.model.objects.filter(session_key=key).update(
            session_data=payload, expire_date=expire_date
        )
        return key if found else None

    async def _aio_write(
        self, key: str, payload: str, expire_date: dt.datetime, must_create: bool
    ) -> str | None:
        if must_create:
            row = self.model(session_key=key, session_data=payload, expire_date=expire_date)
            try:
                async with transaction.atomic():
                    await row.asave(force_insert=True)
            except IntegrityError:
                return None
            return key
        found = await self.model.objects.filter(session_key=key).aupdate(
            session_data=payload, expire_date=expire_date
        )
        return key if found else None

    def _io_remove(self, key: str) -> None:
        self.model.objects.filter(session_key=key).delete()

    async def _aio_remove(self, key: str) -> None:
        await self.model.objects.filter(session_key=key).adelete()

    def _io_exists(self, key: str) -> bool:
        return self.model.objects.filter(session_key=key).exists()

    async def _aio_exists(self, key: str) -> bool:
        return await self.model.objects.filter(session_key=key).aexists()

    @classmethod
    def clear_expired(cls) -> None:
        cls.model.objects.filter(expire_date__lt=now()).delete()

    @classmethod
    async def aclear_expired(cls) -> None:
        await cls.model.objects.filter(expire_date__lt=now()).adelete()
