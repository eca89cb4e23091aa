"""``bulk_create(ignore_conflicts=True)`` and ``bulk_create(update_conflicts=True, ...)``.

The INSERT is the one ``writes.insert_sql`` builds, with the backend's conflict clause added
between the VALUES and the RETURNING:

=================  ==========================================  ============================
                   ``ignore_conflicts``                        ``update_conflicts``
=================  ==========================================  ============================
PostgreSQL/SQLite  ``ON CONFLICT DO NOTHING``                  ``ON CONFLICT (unique) DO
                                                               UPDATE SET f = EXCLUDED.f``
MariaDB/MySQL      ``INSERT IGNORE``                           ``ON DUPLICATE KEY UPDATE
                                                               f = VALUES(f)``
=================  ==========================================  ============================

With ``ignore_conflicts`` the new primary keys are not set (skipped rows have none). With
``update_conflicts`` they are set from ``RETURNING`` (PostgreSQL, SQLite, MariaDB), for
inserted and updated rows alike. MySQL has no ``RETURNING``, and its ``LAST_INSERT_ID()``
cannot be trusted there (an ``ON DUPLICATE KEY UPDATE`` batch may use fewer ids than it
reserves, and with ``CLIENT_FOUND_ROWS`` the row count cannot tell an insert from an
unchanged update), so on MySQL the keys stay None. MariaDB/MySQL pick the conflicting row by
any unique index, so ``unique_fields`` is checked but not sent there. Column names come from
the model's fields, quoted by the dialect; no caller text reaches the SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from heron.db import connections

from ..exceptions import FieldDoesNotExist, FieldError
from .plan import Core, Execute

if TYPE_CHECKING:
    from heron.db.backends.base.wrapper import DatabaseWrapper

    from ..base import Model
    from ..fields.base import Field

__all__ = ["Conflict", "check_conflict", "conflict_insert_core", "conflict_options"]


class Conflict:
    """What to do on a unique conflict: ``update`` is None for "ignore"."""

    def __init__(self, update: list[Field[Any]] | None, unique: list[Field[Any]]) -> None:
        self.update = update
        self.unique = unique


def conflict_options(
    ignore: bool, update: bool, update_fields: Any, unique_fields: Any
) -> dict[str, Any] | None:
    """``bulk_create()``'s conflict keywords as ``check_conflict()`` arguments (None: none)."""
    if not (ignore or update or update_fields or unique_fields):
        return None
    return {
        "ignore_conflicts": ignore,
        "update_conflicts": update,
        "update_fields": update_fields,
        "unique_fields": unique_fields,
    }


def _fields(model: type[Model], names: Sequence[str], what: str) -> list[Field[Any]]:
    opts = model._meta
    out = []
    for name in names:
        try:
            field = opts.pk if name == "pk" else opts.get_field(name)
        except FieldDoesNotExist:
            field = None
        if field is None or field not in opts.fields:
            raise FieldError(
                f"bulk_create(): {what} names {name!r}, which is not a field of "
                f"{opts.object_name}. Choices are: {', '.join(f.name for f in opts.fields)}."
            )
        out.append(field)
    return out


def check_conflict(
    model: type[Model],
    ignore_conflicts: bool,
    update_conflicts: bool,
    update_fields: Sequence[str] | None,
    unique_fields: Sequence[str] | None,
    vendor: str,
) -> Conflict | None:
    """Validate the conflict options of ``bulk_create`` (None: a plain INSERT)."""
    if ignore_conflicts and update_conflicts:
        raise ValueError("bulk_create(): ignore_conflicts and update_conflicts are exclusive.")
    if not update_conflicts:
        if update_fields or unique_fields:
            raise ValueError("bulk_create(): update_fields/unique_fields need update_conflicts.")
        return Conflict(None, []) if ignore_conflicts else None
    if not update_fields:
        raise ValueError("bulk_create(update_conflicts=True) needs update_fields.")
    update = _fields(model, update_fields, "update_fields")
    if any(f.primary_key for f in update):
        raise ValueError("bulk_create(): update_fields cannot contain the primary key.")
    unique = _fields(model, unique_fields or (), "unique_fields")
    if vendor != "mysql" and not unique:
        raise ValueError(
            "bulk_create(update_conflicts=True) needs unique_fields on PostgreSQL and SQLite "
            "(the columns of the unique constraint that may conflict)."
        )
    return Conflict(update, unique)


def _clause(conflict: Conflict, wrapper: DatabaseWrapper) -> str:
    quote = wrapper.dialect.identifier_preparer.quote
    if wrapper.vendor == "mysql":
        if conflict.update is None:
            return ""
        sets = ", ".join(f"{quote(f.column)} = VALUES({quote(f.column)})" for f in conflict.update)
        return f" ON DUPLICATE KEY UPDATE {sets}"
    if conflict.update is None:
        return " ON CONFLICT DO NOTHING"
    target = ", ".join(quote(f.column) for f in conflict.unique)
    sets = ", ".join(f"{quote(f.column)} = EXCLUDED.{quote(f.column)}" for f in conflict.update)
    return f" ON CONFLICT ({target}) DO UPDATE SET {sets}"


# cycle: query -> queryset -> conflicts
def _statement(
    model: type[Model],
    fields: Sequence[Field[Any]],
    count: int,
    returning: bool,
    conflict: Conflict,
    wrapper: DatabaseWrapper,
) -> str:
    from .writes import insert_sql

    base = insert_sql(model, fields, count, False, wrapper)
    suffix = ""
    if returning:
        suffix = insert_sql(model, fields, count, True, wrapper)[len(base) :]
    if wrapper.vendor == "mysql" and conflict.update is None:
        if not base.startswith("INSERT INTO "):
            raise AssertionError(f"unexpected INSERT form {base!r}")  # pragma: no cover
        base = "INSERT IGNORE INTO " + base[len("INSERT INTO ") :]
    return base + _clause(conflict, wrapper) + suffix


def conflict_insert_core(
    model: type[Model],
    objs: Sequence[Any],
    alias: str,
    batch_size: int | None,
    conflict: Conflict,
) -> Core[list[Any]]:
    """INSERT ``objs`` in batches with ``conflict``'s clause (see the module docstring)."""
    # cycle: db.models -> query -> queryset -> conflicts
    from ..fields.numeric import AutoField
    from .persistence import _sync_fk_ids

    wrapper = connections[alias]
    vendor = wrapper.vendor
    opts = model._meta
    auto = isinstance(opts.pk, AutoField)
    for obj in objs:
        _sync_fk_ids(obj)
    with_pk = [o for o in objs if o.pk is not None or not auto]
    without_pk = [o for o in objs if o.pk is None and auto]
    limit = wrapper.features.max_query_params
    can_return = wrapper.features.can_return_rows_from_bulk_insert or (
        # MariaDB 10.5+: INSERT ... ON DUPLICATE KEY UPDATE ... RETURNING gives one row per
        # VALUES row, in order, with the key of the row inserted or updated.
        vendor == "mysql" and bool(getattr(wrapper.dialect, "is_mariadb", False))
    )
    for group, need_pk in ((with_pk, False), (without_pk, True)):
        if not group:
            continue
        fields = [f for f in opts.fields if not (need_pk and f.primary_key)]
        returning = need_pk and can_return and conflict.update is not None
        size = batch_size or len(group)
        if limit:
            size = max(1, min(size, limit // max(1, len(fields))))
        for start in range(0, len(group), size):
            batch = group[start : start + size]
            rows = [
                [f.get_db_prep_value(f.pre_save(o, True), vendor) for f in fields] for o in batch
            ]
            sql = _statement(model, fields, len(rows), returning, conflict, wrapper)
            params = [value for row in rows for value in row]
            if returning:
                convert = opts.pk.get_db_converter(vendor)
                pks = yield Execute(alias, sql, params, "returning")
                for o, row in zip(batch, pks, strict=True):
                    o.pk = row[0] if convert is None else convert(row[0])
            else:
                yield Execute(alias, sql, params, "rowcount")
    for obj in objs:
        obj._state.adding = False
        obj._state.db = alias
    return list(objs)
