"""Pure translation: ``Query`` state -> SQLAlchemy Core statement -> SQL text + parameters.

Nothing here runs a query. ``compile_statement`` compiles a statement with the connection's
dialect once per *query shape* (SQLAlchemy's cache key, which leaves the bound values out)
and reuses the compiled form, extracting only the new parameter values each time. The
``*_plan`` functions return ``Execute`` steps the shells in ``plan`` run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from heron.db.exceptions import NotSupportedError

from ..base import Model
from ..exceptions import FieldDoesNotExist, FieldError
from ..fields.misc import JSONField
from ..fields.related import ForeignKey
from ..related import Relation
from .conversion import aggregate_converter, convert_rows, converters, model_builder
from .expressions import (
    Aggregate,
    Case,
    Combinable,
    CombinedExpression,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    Lag,
    OuterRef,
    Q,
    StdDev,
    Subquery,
    Value,
    Variance,
    Window,
)
from .functions import compile_function
from .joins import add_related_columns, attach_related, join_many, related_steps
from .lookups import JSON_LOOKUPS, LOOKUPS, JSONPath, bind, build_lookup, json_lookup
from .plan import Execute, Query
from .queryset import QuerySet
from .ranges import range_lookup
from .shapes import cached_plan, recorder
from .state import extra
from .transforms import transform

if TYPE_CHECKING:
    from heron.db.backends.base.wrapper import DatabaseWrapper

    from ..base import Model
    from ..fields.base import Field

__all__ = [
    "Resolver",
    "aggregate_plan",
    "compile_statement",
    "count_plan",
    "exists_plan",
    "select_plan",
    "select_statement",
]

_compiled_cache: dict[tuple[Any, Any], Any] = {}
_CACHE_LIMIT = 2000


def compile_statement(stmt: Any, wrapper: DatabaseWrapper) -> tuple[str, list[Any]]:
    """Return ``(sql, params)`` for ``stmt`` on ``wrapper``'s dialect (compiled once per shape)."""
    dialect = wrapper.dialect
    key = stmt._generate_cache_key()
    flavour = (wrapper.vendor, dialect.paramstyle, bool(getattr(dialect, "is_mariadb", False)))
    cache_key = (flavour, key.key if key is not None else id(stmt))
    compiled = _compiled_cache.get(cache_key) if key is not None else None
    if compiled is None:
        compiled = stmt.compile(dialect=dialect, cache_key=key)
        if key is not None:
            if len(_compiled_cache) >= _CACHE_LIMIT:
                _compiled_cache.clear()
            _compiled_cache[cache_key] = compiled
    extracted = key.bindparams if key is not None else None
    values = compiled.construct_params(extracted_parameters=extracted)
    return str(compiled.string), [values[name] for name in compiled.positiontup or ()]


def bind_value(field: Field[Any], value: Any, wrapper: DatabaseWrapper) -> Any:
    """A bound parameter for a database value of ``field`` (JSON is cast where typed)."""
    param: Any = bind(value)
    if value is not None and wrapper.vendor == "postgresql" and _is_json(field):
        return sa.cast(param, field.sa_type("postgresql"))
    return param


def _is_json(field: Field[Any]) -> bool:
    return isinstance(field, JSONField)


def _field_choices(model: type[Model]) -> str:
    opts = model._meta
    names = {f.name for f in opts.fields + opts.many_to_many}
    names |= {r.query_name for r in opts.related_objects}
    return ", ".join(sorted(names | {"pk"}))


class Resolver:
    """Resolves ``a__b__lookup`` paths of one statement to columns, adding the joins needed."""

    def __init__(
        self,
        model: type[Model],
        wrapper: DatabaseWrapper | None,
        annotations: Sequence[tuple[str, Any]] = (),
        outer: Resolver | None = None,
    ) -> None:
        self.model = model
        self.wrapper = wrapper
        self.vendor = wrapper.vendor if wrapper is not None else ""
        self.annotations = dict(annotations)
        self._annotation_exprs: dict[str, Any] = {}
        self.outer = outer
        self.refs: dict[str, Any] = {}  # field path -> column of a wrapping subquery
        table: Any = model._meta.table()
        self.used_names = {table.name}
        if outer is not None:
            # A subquery: alias every table so SQLAlchemy never correlates it with the
            # enclosing query's tables (only OuterRef columns correlate).
            self.used_names |= outer.used_names
            table = table.alias(f"{table.name}_u{_depth(outer)}")
            self.used_names.add(table.name)
        self.base = table
        self.from_: Any = self.base
        self.joins: dict[tuple[str, ...], tuple[Any, type[Model]]] = {}

    def _join(
        self, path: tuple[str, ...], table: Any, target: Any, on: Callable[[Any], Any], outer: bool
    ) -> Any:
        found = self.joins.get(path)
        if found is not None:
            return found[0]
        joined = target._meta.table()
        alias = joined
        if joined.name in self.used_names:
            alias = joined.alias(f"{joined.name}_{len(self.joins) + 1}")
            if alias.name in self.used_names:
                alias = joined.alias(f"{joined.name}_{len(self.used_names) + 1}")
        self.used_names.add(alias.name)
        self.from_ = self.from_.join(alias, on(alias), isouter=outer)
        self.joins[path] = (alias, target)
        return alias

    def resolve(self, name: str, *, allow_lookup: bool) -> tuple[Field[Any], Any, str]:
        """Return ``(field, column, lookup)`` for ``name``; FieldError for unknown names."""
        parts = name.split("__")
        if parts[0] in self.annotations:
            expr = self.annotation(parts[0])
            rest = parts[1:]
            if len(rest) > 1 or (rest and (not allow_lookup or rest[0] not in LOOKUPS)):
                raise FieldError(f"Unsupported lookup {'__'.join(rest)!r} in {name!r}.")
            return None, expr, rest[0] if rest else "exact"  # type: ignore[return-value]
        model = self.model
        table = self.base
        path: tuple[str, ...] = ()
        index = 0
        while True:
            part = parts[index]
            opts = model._meta
            if part == "pk":
                part = opts.pk.name
            try:
                field = opts.get_field(part)
            except FieldDoesNotExist:
                raise FieldError(
                    f"Cannot resolve {part!r} into a field of {opts.object_name} (in "
                    f"{name!r}). Choices are: {_field_choices(model)}."
                ) from None
            rest = parts[index + 1 :]
            path = (*path, part)
            if getattr(field, "many_to_many", False):
                table, far, model, rest = join_many(self, path, table, field, rest)
                if far is not None:  # the path stops at the far key: the through row has it
                    return self._finish(name, far, table, rest, allow_lookup)
                index += 1
                continue
            if isinstance(field, Relation):
                rel_field: ForeignKey[Any] = field.field  # type: ignore[assignment]
                target_col = rel_field.target_field.column
                src = table

                def on_reverse(
                    alias: Any, c: str = rel_field.column, s: Any = src, t: str = target_col
                ) -> Any:
                    return alias.c[c] == s.c[t]

                table = self._join(path, table, field.related_model, on_reverse, True)
                model = field.related_model
                if not rest or rest[0] in LOOKUPS:
                    field = model._meta.pk
                    return self._finish(name, field, table, rest, allow_lookup)
                index += 1
                continue
            if isinstance(field, ForeignKey) and rest and rest[0] not in LOOKUPS:
                target = field.related_model
                nxt = rest[0]
                target_field = field.target_field
                if nxt in ("pk", target_field.name, target_field.attname) and (
                    len(rest) == 1 or rest[1] in LOOKUPS
                ):
                    return self._finish(name, field, table, rest[1:], allow_lookup)
                src = table

                def on_forward(alias: Any, f: ForeignKey[Any] = field, s: Any = src) -> Any:
                    return s.c[f.column] == alias.c[f.target_field.column]

                table = self._join(path, table, target, on_forward, field.null)
                model = target
                index += 1
                continue
            whole = len(rest) == 1 and rest[0] in LOOKUPS and rest[0] != "contains"
            if rest and _is_json(field) and not whole:
                return self._json_path(name, field, table, rest, allow_lookup)
            return self._finish(name, field, table, rest, allow_lookup)

    def _json_path(
        self, name: str, field: Any, table: Any, rest: Sequence[str], allow_lookup: bool
    ) -> tuple[Field[Any], Any, str]:
        keys, lookup = list(rest), "exact"
        if allow_lookup and keys[-1] in LOOKUPS | JSON_LOOKUPS:
            lookup = keys.pop()
        if not allow_lookup:
            raise FieldError(
                f"JSON key paths ({name!r}) are only supported in filter()/exclude() for now."
            )
        return field, JSONPath(table.c[field.column], tuple(keys), self.vendor), lookup

    def _finish(
        self, name: str, field: Any, table: Any, rest: Sequence[str], allow_lookup: bool
    ) -> tuple[Field[Any], Any, str]:
        field, column, rest = transform(
            field,
            table.c[field.column],
            rest,
            self.vendor,
            self.wrapper,
            lookup_follows=allow_lookup,
        )
        if len(rest) > 1 or (rest and (not allow_lookup or rest[0] not in LOOKUPS)):
            what = "lookup" if allow_lookup else "field"
            raise FieldError(
                f"Unsupported {what} {'__'.join(rest)!r} in {name!r} for "
                f"{type(field).__name__} {field.name!r}."
                + (f" Lookups are: {', '.join(sorted(LOOKUPS))}." if allow_lookup else "")
            )
        return field, column, rest[0] if rest else "exact"

    def annotation(self, name: str) -> Any:
        if name in self.refs:
            return self.refs[name]
        found = self._annotation_exprs.get(name)
        if found is None:
            found = self._annotation_exprs[name] = self.expression(self.annotations[name])
        return found

    def uses_annotation(self, q: Q) -> bool:
        for child in q.children:
            if isinstance(child, Q):
                if self.uses_annotation(child):
                    return True
            elif isinstance(child, Combinable):
                continue
            else:
                found = self.annotations.get(child[0].split("__", 1)[0])
                if getattr(found, "contains_aggregate", False):
                    return True  # aggregates are filtered in HAVING, other expressions in WHERE
        return False

    def source_field(self, agg: Aggregate) -> Any:
        if isinstance(agg.source, F):
            return self.resolve(agg.source.name, allow_lookup=False)[0]
        return None

    def expression(self, expr: Any) -> Any:
        """SQLAlchemy form of an expression (``F``, ``Value``, aggregates, functions...)."""
        if isinstance(expr, Aggregate):
            return self._aggregate(expr)
        if isinstance(expr, OuterRef):
            if self.outer is None:
                raise FieldError(f"{expr!r} is only valid inside a Subquery or Exists.")
            return self.outer.expression(F(expr.name))
        if isinstance(expr, F):
            if expr.name in self.refs:
                return self.refs[expr.name]
            if expr.name in self.annotations:
                return self.annotation(expr.name)
            return self.resolve(expr.name, allow_lookup=False)[1]
        if isinstance(expr, Value):
            return bind(expr.value)
        if isinstance(expr, CombinedExpression):
            lhs, rhs = self.expression(expr.lhs), self.expression(expr.rhs)
            return _OPS[expr.op](lhs, rhs)
        if isinstance(expr, Window):
            return self._window(expr)
        if isinstance(expr, ExpressionWrapper):
            return self.expression(expr.expression)
        if isinstance(expr, Func):
            return compile_function(self, expr)
        if isinstance(expr, Case):
            whens = [(self.where(c.condition), self.expression(c.result)) for c in expr.cases]
            return sa.case(*whens, else_=self.expression(expr.default))
        if isinstance(expr, Exists):
            inner = self.subquery_statement(expr.queryset, exists=True)
            clause = inner.exists()
            return sa.not_(clause) if expr.negated else clause
        if isinstance(expr, Subquery):
            return self.subquery_statement(expr.queryset).scalar_subquery()
        raise TypeError(f"Not an expression: {expr!r}")

    def subquery_statement(self, queryset: Any, *, exists: bool = False) -> Any:
        """The SELECT of ``queryset`` nested in this statement (``OuterRef`` reaches here)."""
        query = queryset.query
        if exists:
            query = query.replace(fields=("pk",), mode="flat", ordering=())
        elif query.fields is None:
            query = query.replace(fields=("pk",), mode="flat")
        elif len(query.fields) != 1:
            raise FieldError("A Subquery must select exactly one field: use values('field').")
        return select_statement(query, self.wrapper, outer=self)[0]

    def _aggregate(self, expr: Aggregate) -> Any:
        if expr.source is None:
            inner: Any = sa.literal_column("1") if expr.filter is not None else None
        else:
            inner = self.expression(expr.source)
        if expr.filter is not None:
            # Portable FILTER (WHERE ...): MySQL/MariaDB lack it, CASE works everywhere.
            inner = sa.case((self.where(expr.filter), inner))
        if inner is None:
            return sa.func.count()
        if expr.distinct:
            inner = sa.distinct(inner)
        if isinstance(expr, StdDev | Variance):
            return self._spread(expr, inner)
        return getattr(sa.func, expr.function)(inner)

    def _spread(self, expr: StdDev | Variance, x: Any) -> Any:
        kind = "samp" if expr.sample else "pop"
        if self.vendor != "sqlite":
            name = f"stddev_{kind}" if isinstance(expr, StdDev) else f"var_{kind}"
            if self.vendor == "mysql":
                x = x * sa.literal_column("1E0")  # DOUBLE, not a 4-decimal DECIMAL
            return getattr(sa.func, name)(x)
        # SQLite has no variance: sum((x - mean)^2) = sum(x*x) - sum(x)^2 / n, in REAL.
        xf = sa.cast(x, sa.Float)
        n = sa.func.count(x)
        squares = sa.func.sum(xf * xf) - sa.func.sum(xf) * sa.func.sum(xf) / n
        divisor = n - 1 if expr.sample else n
        variance = squares / sa.func.nullif(divisor, 0)
        variance = sa.case((variance < 0, sa.literal_column("0.0")), else_=variance)
        return sa.func.sqrt(variance) if isinstance(expr, StdDev) else variance

    def _window(self, expr: Window) -> Any:
        function = expr.expression
        if isinstance(function, Aggregate):
            inner = self._aggregate(function)
        elif isinstance(function, Lag):
            # The offset is a validated int, inlined: MySQL/MariaDB want a literal there.
            args = [self.expression(e) for e in function.expressions]
            offset: Any = sa.literal_column(str(int(function.offset)))
            if self.vendor == "mysql" and len(args) > 1:
                # MariaDB's LAG/LEAD take no default: COALESCE it (a NULL value also gets it).
                call = getattr(sa.func, function.function)(args[0], offset)
                return sa.func.coalesce(self._over(call, expr), args[1])
            inner = getattr(sa.func, function.function)(args[0], offset, *args[1:])
        else:
            inner = getattr(sa.func, function.function)(
                *[self.expression(e) for e in function.expressions]
            )
        return self._over(inner, expr)

    def _over(self, inner: Any, expr: Window) -> Any:
        partition = [self.expression(F(p) if isinstance(p, str) else p) for p in expr.partition_by]
        order: list[Any] = []
        for item in expr.order_by:
            if isinstance(item, str):
                order.extend(self.order([item]))
            else:
                order.append(self.expression(item))
        return inner.over(partition_by=partition or None, order_by=order or None)

    def lookup(self, key: str, value: Any, *, null_safe: bool = False) -> Any:
        field, column, lookup = self.resolve(key, allow_lookup=True)
        if isinstance(column, JSONPath):
            if isinstance(value, Combinable):
                raise FieldError(f"JSON key lookups take plain values, not {value!r} ({key!r}).")
            clause = json_lookup(column, lookup, value)
            if null_safe and lookup != "isnull" and value is not None:
                return sa.and_(clause, column.column.isnot(None))
            return clause
        if lookup in JSON_LOOKUPS:
            raise FieldError(f"The {lookup!r} lookup is only for JSONField ({key!r}).")
        clause = range_lookup(field, lookup, value, self.vendor)  # __year/__date on datetimes
        if clause is None:
            clause = self._lookup(field, column, lookup, value)
        nullable = field is None or field.null or bool(self.joins)
        if null_safe and nullable and lookup != "isnull" and value is not None:
            return sa.and_(clause, column.isnot(None))
        return clause

    def _lookup(self, field: Any, column: Any, lookup: str, value: Any) -> Any:
        vendor = self.vendor

        def prep(item: Any) -> Any:
            if isinstance(item, _model_base()):
                item = item.pk
            return item if field is None else field.get_db_prep_value(item, vendor)

        if isinstance(value, Subquery) and not isinstance(value, Exists) and lookup == "in":
            return column.in_(self.subquery_statement(value.queryset))
        if isinstance(value, Combinable):
            value = self.expression(value)
        elif isinstance(value, _queryset_class()):
            if lookup != "in":
                raise FieldError(f"A QuerySet is only accepted by the 'in' lookup, not {lookup!r}.")
            inner = value.query
            if inner.fields is None:
                inner = inner.replace(fields=("pk",), mode="flat")
            elif len(inner.fields) != 1:
                raise FieldError("A QuerySet used with __in must select exactly one field.")
            return column.in_(select_statement(inner.replace(ordering=()), self.wrapper)[0])
        elif lookup in ("in", "range") and not isinstance(value, sa.ColumnElement):
            value = [self.expression(v) if isinstance(v, Combinable) else v for v in value]
        return build_lookup(lookup, column, value, prep, vendor)

    def check(self, q: Q) -> None:
        """Validate the names and lookups of ``q`` (no connection needed)."""
        for child in q.children:
            if isinstance(child, Q):
                self.check(child)
                continue
            if isinstance(child, Combinable):
                for ref in child.refs():
                    self.resolve(ref, allow_lookup=False)
                continue
            if not isinstance(child, tuple):
                raise TypeError(f"filter() takes Q objects and expressions, not {child!r}.")
            key, value = child
            self.resolve(key, allow_lookup=True)
            if isinstance(value, Combinable):
                for ref in value.refs():
                    self.resolve(ref, allow_lookup=False)

    def where(self, q: Q, negated: bool = False) -> Any:
        """The clause of ``q``. Under an odd number of ``~``, a lookup on a nullable column is
        made NULL-safe (``col = v AND col IS NOT NULL``), so ``exclude(x=1)`` keeps NULL rows."""
        negated ^= q.negated
        parts = []
        for child in q.children:
            if isinstance(child, Q):
                parts.append(self.where(child, negated))
            elif isinstance(child, Combinable):
                parts.append(self.expression(child))
            else:
                leaf = self.lookup(*child, null_safe=negated)
                leaves = getattr(recorder, "leaves", None)
                if leaves is not None:  # the shape cache learning a query (shapes.py)
                    leaves.append((child, leaf, self))
                parts.append(leaf)
        if not parts:
            clause: Any = sa.true()
        elif q.connector == Q.OR:
            clause = sa.or_(*parts)
        else:
            clause = sa.and_(*parts)
        return sa.not_(clause) if q.negated else clause

    def order(self, names: Sequence[str]) -> list[Any]:
        result = []
        for name in names:
            if name == "?":
                result.append(sa.func.rand() if self.vendor == "mysql" else sa.func.random())
                continue
            desc = name.startswith("-")
            column = self.resolve(name.lstrip("-"), allow_lookup=False)[1]
            result.append(column.desc() if desc else column.asc())
        return result


_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
    "/": lambda a, b: a / b,
}


def _depth(resolver: Resolver) -> int:
    depth = 1
    while resolver.outer is not None:
        resolver, depth = resolver.outer, depth + 1
    return depth


def _queryset_class() -> type[Any]:
    return QuerySet


def _model_base() -> type[Model]:
    return Model


def _filtered(query: Query, resolver: Resolver) -> list[Any]:
    clauses = [resolver.where(q) for q in query.where if not resolver.uses_annotation(q)]
    if query.empty:
        clauses.append(sa.false())
    return clauses


def _having(query: Query, resolver: Resolver) -> list[Any]:
    return [resolver.where(q) for q in query.where if resolver.uses_annotation(q)]


def _ordering(query: Query) -> tuple[str, ...]:
    if query.ordering is not None:
        return query.ordering
    return tuple(query.model._meta.ordering)


def _apply_slice(stmt: Any, query: Query) -> Any:
    if query.high is not None:
        stmt = stmt.limit(query.high - query.low)
    if query.low:
        stmt = stmt.offset(query.low)
    return stmt


def shown_annotations(query: Query) -> list[str]:
    """The annotations a SELECT hands back: all but the ``alias()`` ones."""
    hidden = extra(query).aliases
    return [name for name, _ in query.annotations if name not in hidden]


def _grouped(query: Query) -> bool:
    return any(getattr(a, "contains_aggregate", False) for _, a in query.annotations)


def select_statement(
    query: Query,
    wrapper: DatabaseWrapper | None,
    *,
    outer: Resolver | None = None,
    refs: Sequence[str] = (),
) -> tuple[Any, list[Field[Any]], list[str], Resolver]:
    """Return ``(statement, fields, names, resolver)`` for a SELECT of ``query``.

    ``outer``: the resolver of the enclosing statement (a subquery); ``refs``: field paths
    to add as columns labelled ``_r0``, ``_r1``... (``aggregate()`` over this SELECT).
    """
    model = query.model
    more = extra(query)
    resolver = Resolver(model, wrapper, query.annotations, outer)
    group_by: list[Any] = []
    if query.fields is None:
        fields: list[Field[Any]] = list(model._meta.fields)
        if more.loaded is not None:
            fields = [f for f in fields if f.attname in more.loaded]
        columns = [resolver.base.c[f.column] for f in fields]
        names = [f.attname for f in fields]
        group_by = list(columns)
        for name in shown_annotations(query):  # alias() ones are not selected
            columns.append(resolver.annotation(name).label(name))
    else:
        fields, columns, names = [], [], []
        for name in query.fields:
            field, column, _ = resolver.resolve(name, allow_lookup=False)
            if field is not None:
                group_by.append(column)
            else:
                column = column.label(name)
            fields.append(field)
            columns.append(column)
            names.append(name)
    steps = related_steps(model, query.select_related)
    related: list[Field[Any]] = add_related_columns(resolver, steps, columns)
    grouped = _grouped(query)
    width = len(columns)
    for index, ref in enumerate(refs):
        expr = resolver.expression(F(ref))
        if grouped and ref not in resolver.annotations:
            group_by.append(expr)
        columns.append(expr.label(f"_r{index}"))
    where = _filtered(query, resolver)
    having = _having(query, resolver)
    order = resolver.order(_ordering(query))
    stmt = sa.select(*columns)
    stmt = stmt.select_from(resolver.from_)
    if where:
        stmt = stmt.where(*where)
    if grouped:
        extra_names = len(shown_annotations(query)) if query.fields is None else 0
        stmt = stmt.group_by(*group_by, *columns[len(names) + extra_names : width])
    if having:
        stmt = stmt.having(*having)
    if more.distinct:
        stmt = stmt.distinct()
    if order:
        stmt = stmt.order_by(*order)
    stmt = _apply_slice(stmt, query)
    if more.for_update is not None and wrapper is not None and wrapper.vendor != "sqlite":
        stmt = _for_update(stmt, more.for_update, resolver, wrapper)
    return stmt, fields + related, names, resolver


def _for_update(
    stmt: Any,
    options: tuple[bool, bool, tuple[str, ...]],
    resolver: Resolver,
    wrapper: DatabaseWrapper,
) -> Any:
    nowait, skip_locked, of = options
    tables: list[Any] = []
    for name in of:
        if name == "self":
            tables.append(resolver.base)
        elif (name,) in resolver.joins:
            tables.append(resolver.joins[(name,)][0])
        else:
            raise FieldError(
                f"select_for_update(of=({name!r},)): name 'self' or a select_related() "
                f"foreign key. Choices are: self, {', '.join(p[0] for p in resolver.joins)}."
            )
    if tables and getattr(wrapper.dialect, "is_mariadb", False):
        raise NotSupportedError("MariaDB does not support select_for_update(of=...).")
    return stmt.with_for_update(nowait=nowait, skip_locked=skip_locked, of=tables or None)


def select_plan(query: Query, alias: str, wrapper: DatabaseWrapper) -> Execute:
    """The SELECT of ``query``; its ``build`` returns instances, dicts, tuples or values."""
    return cached_plan("select", query, alias, wrapper, _select_parts)


def _select_parts(query: Query, alias: str, wrapper: DatabaseWrapper) -> tuple[Any, str, Any]:
    stmt, fields, names, resolver = select_statement(query, wrapper)
    vendor = wrapper.vendor
    convs = converters(fields, vendor) if None not in fields else ()
    if query.annotations or None in fields:
        shown = shown_annotations(query)
        ann_convs = [aggregate_converter(a, resolver) for n, a in query.annotations if n in shown]
        anns = dict(query.annotations)
        width = len(names)
        head = [
            aggregate_converter(anns[n], resolver) if f is None else f.get_db_converter(vendor)
            for f, n in zip(fields[:width], names, strict=True)
        ]
        mid = ann_convs
        tail = [f.get_db_converter(vendor) for f in fields[width:]]
        convs = tuple(head + (mid if query.fields is None else []) + tail)
    mode = query.mode
    model = query.model
    build: Callable[[list[Any]], Any]
    if mode == "model":
        key = tuple(names)
        width = len(names)
        related = related_steps(model, query.select_related)

        extra = shown_annotations(query)
        if not related and not extra:
            return stmt, "all", model_builder(model, key, convs, alias)

        def build(rows: list[Any]) -> list[Any]:
            rows = convert_rows(rows, convs)
            out = []
            for row in rows:
                obj = model.from_db(key, row[:width], alias)
                obj.__dict__.update(zip(extra, row[width : width + len(extra)], strict=True))
                attach_related(obj, row, width + len(extra), related, alias)
                out.append(obj)
            return out

    elif mode == "dict":

        def build(rows: list[Any]) -> list[Any]:
            return [dict(zip(names, row, strict=True)) for row in convert_rows(rows, convs)]

    elif mode == "flat":

        def build(rows: list[Any]) -> list[Any]:
            return [row[0] for row in convert_rows(rows, convs)]

    else:

        def build(rows: list[Any]) -> list[Any]:
            return [tuple(row) for row in convert_rows(rows, convs)]

    return stmt, "all", build


def aggregate_plan(
    query: Query, aggregates: dict[str, Aggregate], alias: str, wrapper: DatabaseWrapper
) -> Execute:
    """``SELECT agg, ...`` over the rows of ``query``; builds ``{name: value}``.

    A sliced, distinct or annotated query is wrapped as a subquery that selects every path
    the aggregates read (labelled ``_r0``...), and the aggregates run over its rows."""
    if query.is_sliced or query.annotations or extra(query).distinct:
        paths = list(dict.fromkeys(ref for agg in aggregates.values() for ref in agg.refs()))
        shape = query.replace(select_related=())
        inner = select_statement(shape, wrapper, refs=paths)[0].subquery("agg")
        resolver = Resolver(query.model, wrapper, query.annotations)
        resolver.refs = {path: inner.c[f"_r{i}"] for i, path in enumerate(paths)}
        exprs = [resolver.expression(agg) for agg in aggregates.values()]
        stmt: Any = sa.select(*exprs).select_from(inner)
    else:
        resolver = Resolver(query.model, wrapper)
        exprs = [resolver.expression(agg) for agg in aggregates.values()]
        where = _filtered(query, resolver)
        stmt = sa.select(*exprs).select_from(resolver.from_)
        if where:
            stmt = stmt.where(*where)
    sql, params = compile_statement(stmt, wrapper)
    names = list(aggregates)
    convs = [aggregate_converter(agg, resolver) for agg in aggregates.values()]

    def build(rows: list[Any]) -> dict[str, Any]:
        row = rows[0] if rows else [None] * len(names)
        return {
            name: None if value is None else conv(value)
            for name, value, conv in zip(names, row, convs, strict=True)
        }

    return Execute(alias, sql, params, "one", build)


def count_plan(query: Query, alias: str, wrapper: DatabaseWrapper) -> Execute:
    return cached_plan("count", query, alias, wrapper, _count_parts)


def _count(rows: list[Any]) -> int:
    return int(rows[0][0]) if rows else 0


def _found(rows: list[Any]) -> bool:
    return bool(rows)


def _count_parts(query: Query, alias: str, wrapper: DatabaseWrapper) -> tuple[Any, str, Any]:
    if query.is_sliced or query.annotations or extra(query).distinct:
        # Grouped queries keep their whole select list: MySQL resolves HAVING names in it.
        keep = query.annotations or query.fields is not None
        shape = query if keep else query.replace(fields=("pk",), mode="flat")
        inner = select_statement(shape.replace(ordering=()), wrapper)[0]
        stmt = sa.select(sa.func.count()).select_from(inner.subquery())
    else:
        resolver = Resolver(query.model, wrapper)
        where = _filtered(query, resolver)
        stmt = sa.select(sa.func.count()).select_from(resolver.from_)
        if where:
            stmt = stmt.where(*where)
    return stmt, "one", _count


def exists_plan(query: Query, alias: str, wrapper: DatabaseWrapper) -> Execute:
    return cached_plan("exists", query, alias, wrapper, _exists_parts)


def _exists_parts(query: Query, alias: str, wrapper: DatabaseWrapper) -> tuple[Any, str, Any]:
    if query.annotations:
        inner = select_statement(query.replace(high=query.low + 1), wrapper)[0]
        return inner, "one", _found
    resolver = Resolver(query.model, wrapper)
    where = _filtered(query, resolver)
    stmt: Any = sa.select(sa.literal_column("1")).select_from(resolver.from_)
    if where:
        stmt = stmt.where(*where)
    stmt = _apply_slice(stmt, query.replace(high=query.low + 1))
    return stmt, "one", _found
