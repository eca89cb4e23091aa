"""``Manager.raw(sql, params)``: model instances from hand-written SQL.

The SQL uses ``%s`` placeholders on every backend (``%%`` for a literal ``%`` when params
are given), translated like ``connection.cursor()`` does. Result columns are matched to
fields by column name or attname; the primary key must be selected, missing fields are
deferred (loaded on access), and other columns become attributes. Iterate it with ``for``
in sync code, ``async for`` (or ``await raw.alist()``) in async code.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from heron.db import connections
from heron.db.backends.base.cursor import format_to_qmark
from heron.db.handler import DEFAULT_DB_ALIAS

from ..exceptions import FieldDoesNotExist

if TYPE_CHECKING:
    from ..base import Model

__all__ = ["RawQuerySet"]

_M = TypeVar("_M", bound="Model")


class RawQuerySet(Generic[_M]):
    """Iterate it (``for`` or ``async for``) to run the query; the rows are cached."""

    def __init__(
        self,
        model: type[_M],
        sql: str,
        params: Sequence[Any] | None = None,
        using: str | None = None,
    ) -> None:
        self.model = model
        self.sql = sql
        self.params = params
        self._db = using
        self._result_cache: list[_M] | None = None

    @property
    def db(self) -> str:
        return self._db or DEFAULT_DB_ALIAS

    def using(self, alias: str) -> RawQuerySet[_M]:
        return RawQuerySet(self.model, self.sql, self.params, alias)

    def __repr__(self) -> str:
        return f"<RawQuerySet: {self.sql}>"

    def _fetch_all(self) -> list[_M]:
        if self._result_cache is None:
            wrapper = connections[self.db]
            with wrapper.cursor() as cursor:
                cursor.execute(self.sql, self.params)
                names = [d[0] for d in cursor.description or ()]
                rows = cursor.fetchall()
            self._result_cache = self._build(names, rows, wrapper.vendor)
        return self._result_cache

    async def alist(self) -> list[_M]:
        """The instances, fetched with the async driver (the twin of ``list(raw)``)."""
        if self._result_cache is None:
            wrapper = connections[self.db]
            sql, params = self.sql, self.params
            if params is not None:
                params = tuple(params)
                if wrapper.paramstyle == "qmark":
                    sql = format_to_qmark(sql)
            names, rows = await wrapper.aexecute(sql, params, fetch="described")
            self._result_cache = self._build(names, rows, wrapper.vendor)
        return list(self._result_cache)

    async def __aiter__(self) -> AsyncIterator[_M]:
        for obj in await self.alist():
            yield obj

    def _build(self, names: list[str], rows: list[Any], vendor: str) -> list[_M]:
        opts = self.model._meta
        by_column = {f.column: f for f in opts.fields} | {f.attname: f for f in opts.fields}
        fields: list[Any] = []
        for name in names:
            field = by_column.get(name)
            if field is None and name == "pk":
                field = opts.pk
            fields.append(field)
        if opts.pk not in fields:
            raise FieldDoesNotExist(
                f"Raw query must include the primary key ({opts.pk.column!r}) of "
                f"{opts.object_name}."
            )
        known = tuple(f.attname for f in fields if f is not None)
        convs = [f.get_db_converter(vendor) if f is not None else None for f in fields]
        out: list[_M] = []
        for row in rows:
            values = [
                c(v) if c is not None and v is not None else v
                for v, c in zip(row, convs, strict=True)
            ]
            obj = self.model.from_db(
                known, [v for v, f in zip(values, fields, strict=True) if f is not None], self.db
            )
            for name, value, field in zip(names, values, fields, strict=True):
                if field is None:
                    obj.__dict__[name] = value
            out.append(obj)
        return out

    def __iter__(self) -> Iterator[_M]:
        return iter(self._fetch_all())

    def __len__(self) -> int:
        return len(self._fetch_all())

    def __getitem__(self, index: int) -> _M:
        return self._fetch_all()[index]
