"""A cache in a database table (``LOCATION`` names it), created by ``heron createcachetable``.

Works on SQLite, PostgreSQL and MariaDB/MySQL through the public connection API
(``connections[alias].execute``/``aexecute``); ``OPTIONS["DATABASE"]`` picks the alias
(default ``"default"``). The table has three columns: ``cache_key`` (the SHA-256 of the key,
so case-insensitive collations cannot merge two keys and any length fits), ``value`` (the
serialized value, base64) and ``expires`` (milliseconds since the epoch, NULL for never).

Writes are an UPDATE, then an INSERT inside a savepoint when no row matched, so two writers
racing on one key never fail. ``incr`` is a compare-and-set UPDATE, retried on conflict, so
concurrent increments from many processes are not lost. Beyond ``MAX_ENTRIES`` rows a write
removes the expired rows, then ``1/CULL_FREQUENCY`` of the rest.
"""

from __future__ import annotations

import base64
import hashlib
import time
from collections.abc import Mapping
from typing import Any

from heron.conf.exceptions import ImproperlyConfigured
from heron.db import IntegrityError, connections
from heron.db.backends.base.cursor import format_to_qmark
from heron.db.backends.base.statements import Fetch
from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.migrations.recorder import table_exists
from heron.db.models import BigIntegerField, CharField, TextField
from heron.db.models.table import column_type
from heron.db.transaction import atomic

from .base import MISSING, BaseCache, Op, dumps, loads

__all__ = ["DatabaseCache", "create_table_sql"]

_INCR_ATTEMPTS = 20


class Query:
    """Effect: run one statement (``%s`` placeholders) and return what ``fetch`` names."""

    __slots__ = ("fetch", "params", "sql")

    def __init__(self, sql: str, params: tuple[Any, ...] | list[Any], fetch: Fetch) -> None:
        self.sql = sql
        self.params = params
        self.fetch = fetch


class Insert:
    """Effect: run an INSERT in a savepoint; the result says whether it went in."""

    __slots__ = ("params", "sql")

    def __init__(self, sql: str, params: tuple[Any, ...]) -> None:
        self.sql = sql
        self.params = params


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def _encode(value: Any) -> str:
    return base64.b64encode(dumps(value)).decode("ascii")


def _decode(text: str) -> Any:
    return loads(base64.b64decode(text))


def _now_ms() -> int:
    return int(time.time() * 1000)


def _expires_ms(timeout: float | None) -> int | None:
    return None if timeout is None else int((time.time() + timeout) * 1000)


def _live(expires: int | None, now: int) -> bool:
    return expires is None or int(expires) > now


def create_table_sql(wrapper: DatabaseWrapper, table: str) -> list[str]:
    """The DDL that creates the cache table ``table`` on ``wrapper``'s database."""
    import sqlalchemy as sa  # only the command that creates the table needs SQLAlchemy
    from sqlalchemy.schema import CreateTable

    sa_table = sa.Table(
        table,
        sa.MetaData(),
        sa.Column("cache_key", column_type(CharField(max_length=64)), primary_key=True),
        sa.Column("value", column_type(TextField()), nullable=False),
        sa.Column("expires", column_type(BigIntegerField(null=True)), nullable=True),
    )
    ddl = str(CreateTable(sa_table).compile(dialect=wrapper.dialect)).strip()
    return [ddl]


class DatabaseCache(BaseCache):
    """``heron.cache.backends.db.DatabaseCache``."""

    def __init__(self, location: str, params: Mapping[str, Any]) -> None:
        super().__init__(location, params)
        if not location:
            raise ImproperlyConfigured(
                "DatabaseCache needs LOCATION: the name of its table (then run "
                "`heron createcachetable`)."
            )
        self.table = location
        self.alias = str(self.options.get("DATABASE", "default"))
        self._sql: dict[str, str] = {}

    @property
    def wrapper(self) -> DatabaseWrapper:
        return connections[self.alias]

    # -- SQL ------------------------------------------------------------------------------

    def _q(self, name: str) -> str:
        return self.wrapper.ops.quote_name(name)

    def _select(self, count: int) -> str:
        marks = ", ".join(["%s"] * count)
        return (
            f"SELECT cache_key, value, expires FROM {self._q(self.table)} "
            f"WHERE cache_key IN ({marks})"
        )

    def _sql_for(self, name: str) -> str:
        sql = self._sql.get(name)
        if sql is None:
            t = self._q(self.table)
            sql = {
                "get": f"SELECT value, expires FROM {t} WHERE cache_key = %s",
                "update": f"UPDATE {t} SET value = %s, expires = %s WHERE cache_key = %s",
                "insert": f"INSERT INTO {t} (cache_key, value, expires) VALUES (%s, %s, %s)",
                "delete": f"DELETE FROM {t} WHERE cache_key = %s",
                "delete_expired_key": (f"DELETE FROM {t} WHERE cache_key = %s AND expires <= %s"),
                "touch": (
                    f"UPDATE {t} SET expires = %s WHERE cache_key = %s "
                    "AND (expires IS NULL OR expires > %s)"
                ),
                "cas": f"UPDATE {t} SET value = %s WHERE cache_key = %s AND value = %s",
                "clear": f"DELETE FROM {t}",
                "expire": f"DELETE FROM {t} WHERE expires <= %s",
                "count": f"SELECT COUNT(*) FROM {t}",
                "some": f"SELECT cache_key FROM {t} ORDER BY cache_key LIMIT %s",
            }[name]
            self._sql[name] = sql
        return sql

    def _native(self, sql: str) -> str:
        return format_to_qmark(sql) if self.wrapper.paramstyle == "qmark" else sql

    # -- effects --------------------------------------------------------------------------

    def _perform(self, effect: Any) -> Any:
        if isinstance(effect, Query):
            return self.wrapper.execute(self._native(effect.sql), effect.params, fetch=effect.fetch)
        if isinstance(effect, Insert):
            try:
                with atomic(using=self.alias):
                    self.wrapper.execute(self._native(effect.sql), effect.params, fetch="none")
            except IntegrityError:
                return False
            return True
        return super()._perform(effect)

    async def _aperform(self, effect: Any) -> Any:
        if isinstance(effect, Query):
            return await self.wrapper.aexecute(
                self._native(effect.sql),
                effect.params,
                fetch=effect.fetch,
            )
        if isinstance(effect, Insert):
            try:
                async with atomic(using=self.alias):
                    await self.wrapper.aexecute(
                        self._native(effect.sql), effect.params, fetch="none"
                    )
            except IntegrityError:
                return False
            return True
        return await super()._aperform(effect)

    # -- primitive ops --------------------------------------------------------------------

    def _get(self, key: str) -> Op[Any]:
        row = yield Query(self._sql_for("get"), (_hash(key),), "one")
        if row is None or not _live(row[1], _now_ms()):
            return MISSING
        return _decode(row[0])

    def _get_many(self, keys: list[str]) -> Op[dict[str, Any]]:
        hashed = {_hash(key): key for key in keys}
        rows = yield Query(self._select(len(hashed)), list(hashed), "all")
        now = _now_ms()
        return {hashed[row[0]]: _decode(row[1]) for row in rows if _live(row[2], now)}

    def _write(self, key: str, value: Any, timeout: float | None) -> Op[None]:
        yield from self._cull()
        params = (_encode(value), _expires_ms(timeout), _hash(key))
        updated = yield Query(self._sql_for("update"), params, "rowcount")
        if updated:
            return
        inserted = yield Insert(self._sql_for("insert"), (params[2], params[0], params[1]))
        if not inserted:  # another writer inserted it first: overwrite theirs
            yield Query(self._sql_for("update"), params, "rowcount")

    def _set(self, key: str, value: Any, timeout: float | None) -> Op[None]:
        yield from self._write(key, value, timeout)

    def _add(self, key: str, value: Any, timeout: float | None) -> Op[bool]:
        hashed = _hash(key)
        yield from self._cull()
        yield Query(self._sql_for("delete_expired_key"), (hashed, _now_ms()), "rowcount")
        added = yield Insert(
            self._sql_for("insert"), (hashed, _encode(value), _expires_ms(timeout))
        )
        return bool(added)

    def _delete(self, key: str) -> Op[bool]:
        deleted = yield Query(self._sql_for("delete"), (_hash(key),), "rowcount")
        return bool(deleted)

    def _delete_many(self, keys: list[str]) -> Op[None]:
        marks = ", ".join(["%s"] * len(keys))
        sql = f"DELETE FROM {self._q(self.table)} WHERE cache_key IN ({marks})"
        yield Query(sql, [_hash(key) for key in keys], "rowcount")

    def _touch(self, key: str, timeout: float | None) -> Op[bool]:
        params = (_expires_ms(timeout), _hash(key), _now_ms())
        touched = yield Query(self._sql_for("touch"), params, "rowcount")
        return bool(touched)

    def _incr(self, key: str, delta: int) -> Op[int]:
        hashed = _hash(key)
        for _ in range(_INCR_ATTEMPTS):
            row = yield Query(self._sql_for("get"), (hashed,), "one")
            if row is None or not _live(row[1], _now_ms()):
                raise ValueError(f"Key {key!r} is not in the cache.")
            value = _decode(row[0]) + delta
            if delta == 0:
                return value  # type: ignore[no-any-return]
            swapped = yield Query(
                self._sql_for("cas"), (_encode(value), hashed, row[0]), "rowcount"
            )
            if swapped:
                return value  # type: ignore[no-any-return]
        raise RuntimeError(
            f"incr() on {key!r} lost the race {_INCR_ATTEMPTS} times in a row; "
            "use the Redis cache for counters this hot."
        )

    def _clear(self) -> Op[None]:
        yield Query(self._sql_for("clear"), (), "rowcount")

    def _cull(self) -> Op[None]:
        (count,) = yield Query(self._sql_for("count"), (), "one")
        if count < self.max_entries:
            return
        yield Query(self._sql_for("expire"), (_now_ms(),), "rowcount")
        (count,) = yield Query(self._sql_for("count"), (), "one")
        if count < self.max_entries:
            return
        rows = yield Query(self._sql_for("some"), (max(1, count // self.cull_frequency),), "all")
        if rows:
            yield from self._delete_hashed([row[0] for row in rows])

    def _delete_hashed(self, hashed: list[str]) -> Op[None]:
        marks = ", ".join(["%s"] * len(hashed))
        sql = f"DELETE FROM {self._q(self.table)} WHERE cache_key IN ({marks})"
        yield Query(sql, hashed, "rowcount")

    def create_table_sql(self) -> list[str]:
        """The DDL ``heron createcachetable`` runs for this cache."""
        return create_table_sql(self.wrapper, self.table)

    def create_table(self) -> bool:
        """Create the table unless it exists; return whether it was created."""
        wrapper = self.wrapper
        if table_exists(wrapper, self.table):
            return False
        with atomic(using=self.alias):
            for sql in self.create_table_sql():
                wrapper.execute(sql, None, fetch="none")
        return True
