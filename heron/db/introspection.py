"""Read an existing database's tables with SQLAlchemy reflection and write model source.

``reflect_tables(alias, names)`` returns what the database says about each table (columns,
primary key, foreign keys, unique columns, indexes); ``models_source(tables)`` turns that
into the text of a ``models.py`` (pure: no database). ``heron inspectdb`` prints it. The
models are written unmanaged (``managed = False``) with their ``db_table``, so Heron reads
and writes the rows but never changes the tables until you say so.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from heron.db import connections

__all__ = ["ReflectedTable", "model_name_for", "models_source", "reflect_tables"]


@dataclass
class ReflectedTable:
    """One table as reflection describes it (SQLAlchemy's inspector dictionaries)."""

    name: str
    columns: list[dict[str, Any]]
    primary_key: list[str]
    foreign_keys: list[dict[str, Any]] = field(default_factory=list)
    unique_columns: set[str] = field(default_factory=set)
    indexed_columns: set[str] = field(default_factory=set)
    unique_together: list[tuple[str, ...]] = field(default_factory=list)


def reflect_tables(alias: str = "default", names: Sequence[str] = ()) -> list[ReflectedTable]:
    """Reflect the tables ``names`` (every table when empty) of database ``alias``."""
    import sqlalchemy as sa
    from sqlalchemy.pool import StaticPool

    wrapper = connections[alias]
    dialect = wrapper.dialect

    def reflect(raw: Any) -> list[ReflectedTable]:
        # An engine over Heron's own connection: nothing is opened, committed or reset.
        engine = sa.create_engine(
            f"{dialect.name}+{dialect.driver}://",
            creator=lambda: raw,
            poolclass=StaticPool,
            pool_reset_on_return=None,
        )
        try:
            with engine.connect() as connection:
                inspector = sa.inspect(connection)
                wanted = list(names) or sorted(inspector.get_table_names())
                missing = [n for n in wanted if not inspector.has_table(n)]
                if missing:
                    raise LookupError(
                        f"No table named {', '.join(map(repr, missing))} in database {alias!r}."
                    )
                return [_reflect_one(inspector, name) for name in wanted]
        finally:
            engine.dispose(close=False)

    return wrapper.call_with_connection(reflect)


def _reflect_one(inspector: Any, name: str) -> ReflectedTable:
    unique = {
        u["column_names"][0]
        for u in inspector.get_unique_constraints(name)
        if len(u["column_names"]) == 1
    }
    together = [
        tuple(u["column_names"])
        for u in inspector.get_unique_constraints(name)
        if len(u["column_names"]) > 1
    ]
    indexed: set[str] = set()
    for index in inspector.get_indexes(name):
        columns = index.get("column_names") or []
        if len(columns) == 1 and columns[0] is not None:
            (unique if index.get("unique") else indexed).add(columns[0])
        elif index.get("unique") and columns and None not in columns:
            together.append(tuple(columns))
    return ReflectedTable(
        name=name,
        columns=inspector.get_columns(name),
        primary_key=list(inspector.get_pk_constraint(name).get("constrained_columns") or []),
        foreign_keys=inspector.get_foreign_keys(name),
        unique_columns=unique,
        indexed_columns=indexed,
        unique_together=sorted(set(together)),
    )


def model_name_for(table: str) -> str:
    """``polls_question`` -> ``PollsQuestion``."""
    parts = [p for p in re.split(r"[^0-9a-zA-Z]+", table) if p]
    name = "".join(p[:1].upper() + p[1:] for p in parts) or "Table"
    return name if name[0].isalpha() else f"T{name}"


def _attribute_name(column: str) -> str:
    name = re.sub(r"\W", "_", column.lower()).strip("_") or "field"
    if name[0].isdigit():
        name = f"number_{name}"
    if keyword.iskeyword(name) or name in ("pk", "objects"):
        name += "_field"
    return name.replace("__", "_")


def _field_for(column: dict[str, Any], *, primary: bool) -> tuple[str, dict[str, Any], bool]:
    """The field class, its keyword arguments and whether the type was a guess."""
    import sqlalchemy as sa

    kind = column["type"]
    options: dict[str, Any] = {}
    if isinstance(kind, sa.Boolean) or getattr(kind, "display_width", None) == 1:
        return "BooleanField", options, False
    if isinstance(kind, sa.Integer):
        big = isinstance(kind, sa.BigInteger)
        if primary:
            return ("BigAutoField" if big else "AutoField"), options, False
        if isinstance(kind, sa.SmallInteger):
            return "SmallIntegerField", options, False
        return ("BigIntegerField" if big else "IntegerField"), options, False
    if isinstance(kind, sa.Float):
        return "FloatField", options, False
    if isinstance(kind, sa.Numeric):
        if kind.precision is not None:
            options["max_digits"] = kind.precision
            options["decimal_places"] = kind.scale or 0
            return "DecimalField", options, False
        return "FloatField", options, True
    if isinstance(kind, sa.DateTime):
        return "DateTimeField", options, False
    if isinstance(kind, sa.Date):
        return "DateField", options, False
    if isinstance(kind, sa.Time):
        return "TimeField", options, False
    if isinstance(kind, sa.Interval):
        return "DurationField", options, False
    if isinstance(kind, sa.JSON):
        return "JSONField", options, False
    if isinstance(kind, sa.Uuid):
        return "UUIDField", options, False
    if isinstance(kind, sa.LargeBinary):
        return "BinaryField", options, False
    if isinstance(kind, sa.String) and not isinstance(kind, sa.Text):
        if kind.length:
            options["max_length"] = kind.length
            return "CharField", options, False
        return "TextField", options, False
    if isinstance(kind, sa.Text):
        return "TextField", options, False
    return "TextField", options, True


def _render(options: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v!r}" if k else str(v) for k, v in options.items())


def _model_lines(table: ReflectedTable, names: dict[str, str]) -> Iterator[str]:
    yield f"class {names[table.name]}(models.Model):"
    references = {
        fk["constrained_columns"][0]: fk
        for fk in table.foreign_keys
        if len(fk.get("constrained_columns") or []) == 1
    }
    single_pk = table.primary_key[0] if len(table.primary_key) == 1 else None
    used: set[str] = set()
    attributes: dict[str, str] = {}
    for column in table.columns:
        column_name = column["name"]
        fk = references.get(column_name)
        notes: list[str] = []
        options: dict[str, Any] = {}
        if fk is not None:
            target = fk["referred_table"]
            name = _attribute_name(re.sub(r"_id$", "", column_name, flags=re.IGNORECASE))
            related = "self" if target == table.name else names.get(target, model_name_for(target))
            kind = "ForeignKey"
            if column_name in table.unique_columns:
                kind = "OneToOneField"
            options[""] = repr(related)
            options["on_delete"] = "models.DO_NOTHING"
            options_text = f"{options.pop('')}, on_delete={options.pop('on_delete')}"
            if f"{name}_id" != column_name:
                options["db_column"] = column_name
            if target not in names:
                notes.append(f"the table {target!r} was not inspected")
        else:
            name = _attribute_name(column_name)
            kind, options, guessed = _field_for(column, primary=column_name == single_pk)
            options_text = ""
            if guessed:
                notes.append(f"the type {column['type']} is a guess")
            if name != column_name:
                options["db_column"] = column_name
        if column_name == single_pk:
            options["primary_key"] = True
        elif column_name in table.unique_columns and kind != "OneToOneField":
            options["unique"] = True
        elif column_name in table.indexed_columns and fk is None:
            options["db_index"] = True
        if column.get("nullable") and column_name not in table.primary_key:
            options["null"] = True
            options["blank"] = True
        while name in used:
            name += "_"
        used.add(name)
        attributes[column_name] = name
        arguments = ", ".join(a for a in (options_text, _render(options)) if a)
        line = f"    {name} = models.{kind}({arguments})"
        if notes:
            line += f"  # {'; '.join(notes)}"
        yield line
    if len(table.primary_key) > 1:
        yield f"    # The primary key has several columns ({', '.join(table.primary_key)}), which"
        yield "    # Heron models do not support: choose one unique column as primary_key."
    yield ""
    yield "    class Meta:"
    yield "        managed = False"
    yield f"        db_table = {table.name!r}"
    if table.unique_together:
        groups = [tuple(attributes.get(c, c) for c in group) for group in table.unique_together]
        yield f"        unique_together = {groups!r}"


def models_source(tables: Sequence[ReflectedTable], *, alias: str = "default") -> str:
    """The text of a ``models.py`` declaring one unmanaged model per table."""
    names = {table.name: model_name_for(table.name) for table in tables}
    lines = [
        f"# Models written by `heron inspectdb` from the tables of database {alias!r}.",
        "# Check each one: field types, on_delete, and names. The models are unmanaged",
        "# (managed = False): Heron never creates, changes or drops their tables; remove that",
        "# line for the tables Heron's migrations should manage from now on.",
        "from heron.db import models",
    ]
    for table in tables:
        lines += ["", ""]
        lines += list(_model_lines(table, names))
    return "\n".join(lines) + "\n"
