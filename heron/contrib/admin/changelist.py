"""``ChangeList``: one page of a model's rows, from the request's query string.

Parameters: ``q`` (search), ``o`` (sort: column indexes joined by ``.``, ``-`` for
descending, e.g. ``o=2.-0``), ``p`` (page, from 1) and one per filter. Anything unknown or
malformed is ignored, so a hand-edited URL shows a list instead of an error.

Counting: a page fetches ``list_per_page + 1`` rows, which says whether a next page exists
without counting. The total is then known for free when the last page is reached; otherwise
it is counted up to ``list_count_limit`` rows (``SELECT COUNT(*)`` over a ``LIMIT``-ed
subquery, so its cost is bounded however big the table is) and shown as "more than N" past
that. ``show_full_result_count = True`` on the ModelAdmin asks for an exact count always.
"""

from __future__ import annotations

import datetime
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import reduce
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup

from heron import timezone
from heron.db import models
from heron.db.models import Q

from .filters import ListFilter, build_filter

__all__ = ["ChangeList", "Column", "build_column", "follow_path", "lookup_value"]

PAGE_VAR = "p"
SEARCH_VAR = "q"
ORDER_VAR = "o"
MAX_SEARCH_LENGTH = 200
MAX_SEARCH_TERMS = 10
EMPTY = "—"


def _label(name: str) -> str:
    return name.replace("__", " ").replace("_", " ").strip()


def follow_path(model: Any, path: str) -> tuple[Any, list[Any]]:
    """The field at the end of ``a__b__c`` and the relation fields crossed on the way."""
    crossed: list[Any] = []
    parts = path.split("__")
    current = model
    target: Any = None
    for index, part in enumerate(parts):
        target = current._meta.get_field(part)
        if index < len(parts) - 1:
            related = getattr(target, "related_model", None)
            if related is None:
                raise models.FieldDoesNotExist(f"{path!r}: {part!r} is not a relation.")
            crossed.append(target)
            current = related
    return target, crossed


def _is_multi(relation: Any) -> bool:
    """Whether crossing ``relation`` may repeat rows (reverse foreign keys, many-to-many)."""
    return not isinstance(relation, models.ForeignKey)


def lookup_value(obj: Any, path: str) -> Any:
    """``obj.a.b`` for ``"a__b"`` (None when a step is None)."""
    value = obj
    for part in path.split("__"):
        if value is None:
            return None
        value = getattr(value, part)
    return value


@dataclass
class Column:
    """One ``list_display`` column: its header, how to read a cell, how it sorts."""

    name: str
    header: str
    getter: Callable[[Any], Any]
    order_field: str | None = None
    boolean: bool = False
    empty_value: str = EMPTY
    is_link: bool = False
    related_paths: list[str] = field(default_factory=list)

    def cell(self, obj: Any) -> Any:
        value = self.getter(obj)
        if self.boolean or isinstance(value, bool):
            if value is None:
                return Markup('<span class="bool unknown" role="img" aria-label="Unknown">?</span>')
            word, mark = ("Yes", "✔") if value else ("No", "✘")
            cls = "yes" if value else "no"
            return Markup(f'<span class="bool {cls}" role="img" aria-label="{word}">{mark}</span>')
        if value is None or value == "":
            return self.empty_value
        if isinstance(value, Markup):
            return value
        return format_value(value)


def format_value(value: Any) -> str:
    """A cell's text: datetimes in the current time zone to the minute, dates as ISO."""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return str(value.strftime("%Y-%m-%d %H:%M"))
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def build_column(model_admin: Any, name: Any) -> Column:
    """The column for one ``list_display`` entry (field, ``a__b``, callable, method)."""
    model = model_admin.model
    empty = model_admin.empty_value_display
    if callable(name):
        func = name
        return _callable_column(getattr(func, "__name__", "column"), func, lambda o: func(o), empty)
    if name == "__str__":
        return Column("__str__", str(model._meta.verbose_name), str, None, empty_value=empty)
    admin_attr = getattr(type(model_admin), name, None)
    if callable(admin_attr):
        method = getattr(model_admin, name)
        return _callable_column(name, admin_attr, lambda o: method(o), empty)
    try:
        target, crossed = follow_path(model, name)
    except models.FieldDoesNotExist:
        target, crossed = None, []
    if target is not None and not crossed and not hasattr(target, "attname"):
        target = None  # a reverse relation: not a column
    if target is not None:
        header = (
            _label(name) if crossed else str(getattr(target, "verbose_name", "") or _label(name))
        )
        related_paths = []
        if crossed:
            related_paths.append("__".join(name.split("__")[: len(crossed)]))
        if isinstance(target, models.ForeignKey):
            related_paths.append(name)
        labels = {value: str(label) for value, label in getattr(target, "flatchoices", None) or ()}

        def getter(obj: Any) -> Any:
            value = lookup_value(obj, name)
            return labels.get(value, value) if labels else value

        return Column(
            name,
            header,
            getter,
            name,
            boolean=isinstance(target, models.BooleanField),
            empty_value=empty,
            related_paths=related_paths,
        )
    model_attr = getattr(model, name, None)
    if model_attr is None:
        raise AttributeError(
            f"{type(model_admin).__qualname__}.list_display names {name!r}, which is neither a "
            f"field of {model._meta.label}, a method of the ModelAdmin nor an attribute of the "
            "model."
        )

    def read(obj: Any) -> Any:
        value = getattr(obj, name)
        return value() if callable(value) else value

    return _callable_column(name, model_attr, read, empty)


def _callable_column(name: str, func: Any, getter: Callable[[Any], Any], empty: str) -> Column:
    header = getattr(func, "short_description", None) or _label(name)
    if isinstance(func, property):
        header = getattr(func.fget, "short_description", None) or header
        func = func.fget
    return Column(
        name,
        str(header),
        getter,
        getattr(func, "admin_order_field", None),
        boolean=bool(getattr(func, "boolean", False)),
        empty_value=getattr(func, "empty_value_display", empty),
    )


class ChangeList:
    """The rows, columns, filters, search and paging of one changelist request."""

    def __init__(self, request: Any, model_admin: Any) -> None:
        self.request = request
        self.model_admin = model_admin
        self.model = model_admin.model
        self.opts = self.model._meta
        self.params: dict[str, str] = {key: str(request.GET.get(key)) for key in request.GET}
        self.per_page: int = int(model_admin.list_per_page)
        self.page_num = _positive_int(self.params.get(PAGE_VAR), 1)
        self.query = self.params.get(SEARCH_VAR, "")[:MAX_SEARCH_LENGTH]
        self.columns = [
            build_column(model_admin, name) for name in model_admin.get_list_display(request)
        ]
        self._mark_links(model_admin.get_list_display_links(request))
        self.filters: list[ListFilter] = [
            build_filter(entry, request, self.params, self.model, model_admin)
            for entry in model_admin.get_list_filter(request)
        ]
        self.ordering_fields = self._parse_ordering()
        self.queryset = self.get_queryset()
        self._fetch()

    # -- query ------------------------------------------------------------------------------

    def _mark_links(self, links: Sequence[str] | None) -> None:
        if links is None:
            return
        names = list(links) or [self.columns[0].name]
        for column in self.columns:
            column.is_link = column.name in names

    def get_queryset(self) -> Any:
        admin = self.model_admin
        qs = admin.get_queryset(self.request)
        for list_filter in self.filters:
            qs = list_filter.queryset(self.request, qs)
        qs, distinct = self.search(qs)
        if distinct:
            qs = qs.distinct()
        # Counted without joins or ordering: they change nothing in the count.
        self.count_queryset = qs.order_by()
        related = admin.list_select_related
        if related is True:
            names = [f.name for f in self.opts.fields if isinstance(f, models.ForeignKey)]
        elif related:
            names = list(related)
        else:
            names = sorted({path for c in self.columns for path in c.related_paths})
        if names:
            qs = qs.select_related(*names)
        return qs.order_by(*self.get_ordering())

    def search(self, qs: Any) -> tuple[Any, bool]:
        fields = self.model_admin.get_search_fields(self.request)
        terms = self.query.split()[:MAX_SEARCH_TERMS]
        if not fields or not terms:
            return qs, False
        lookups = []
        distinct = False
        for entry in fields:
            prefix, name = (entry[0], entry[1:]) if entry[:1] in "^=@" else ("", entry)
            kind = {"^": "istartswith", "=": "iexact", "@": "icontains"}.get(prefix, "icontains")
            lookups.append(f"{name}__{kind}")
            if "__" in name:
                _, crossed = follow_path(self.model, name)
                distinct = distinct or any(_is_multi(r) for r in crossed)
        for term in terms:
            qs = qs.filter(reduce(operator.or_, (Q(**{lookup: term}) for lookup in lookups)))
        return qs, distinct

    def _parse_ordering(self) -> list[tuple[int, bool]]:
        """``[(column index, descending)]`` from ``o``; malformed parts are dropped."""
        chosen: list[tuple[int, bool]] = []
        for token in self.params.get(ORDER_VAR, "").split(".")[: len(self.columns)]:
            descending = token.startswith("-")
            digits = token[1:] if descending else token
            if not digits.isdigit() or len(digits) > 4:
                continue
            index = int(digits)
            if index >= len(self.columns) or self.columns[index].order_field is None:
                continue
            if any(index == seen for seen, _ in chosen):
                continue
            chosen.append((index, descending))
        return chosen

    def get_ordering(self) -> list[str]:
        ordering: list[str] = []
        for index, descending in self.ordering_fields:
            name = str(self.columns[index].order_field)
            if name.startswith("-"):
                name, descending = name[1:], not descending
            ordering.append(f"-{name}" if descending else name)
        if not ordering:
            ordering = list(self.model_admin.get_ordering(self.request) or self.opts.ordering)
        if not {"pk", "-pk", self.opts.pk.name, f"-{self.opts.pk.name}"} & set(ordering):
            ordering.append("-pk")  # a total order, so paging never repeats or skips rows
        return ordering

    def _fetch(self) -> None:
        offset = (self.page_num - 1) * self.per_page
        rows = list(self.queryset[offset : offset + self.per_page + 1])
        self.has_next = len(rows) > self.per_page
        self.result_list = rows[: self.per_page]
        self.has_previous = self.page_num > 1
        self.count_is_exact = True
        self.result_count: int | None
        if not self.has_next and (rows or self.page_num == 1):
            self.result_count = offset + len(rows)
        elif self.model_admin.show_full_result_count:
            self.result_count = self.count_queryset.count()
        else:
            limit = int(self.model_admin.list_count_limit)
            counted = self.count_queryset[: limit + 1].count()
            self.result_count = min(counted, limit)
            self.count_is_exact = counted <= limit
        self.num_pages: int | None = None
        if self.count_is_exact and self.result_count is not None:
            self.num_pages = max(1, -(-self.result_count // self.per_page))

    # -- what the template reads ------------------------------------------------------------

    def query_string(self, new: Mapping[str, Any] | None = None, remove: Sequence[str] = ()) -> str:
        """This page's query string with ``new`` set and ``remove`` dropped (and the page
        reset unless ``new`` names one)."""
        params = {k: v for k, v in self.params.items() if k not in remove and k != PAGE_VAR}
        for key, value in (new or {}).items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = str(value)
        return "?" + urlencode(params) if params else "?"

    def page_url(self, number: int) -> str:
        return self.query_string({PAGE_VAR: number} if number > 1 else {})

    def headers(self) -> Iterator[dict[str, Any]]:
        """Each column header: text, and for sortable ones the sort state and links."""
        primary = self.ordering_fields[0] if self.ordering_fields else None
        for index, column in enumerate(self.columns):
            text = column.header[:1].upper() + column.header[1:]
            header: dict[str, Any] = {"text": text, "sortable": False, "name": column.name}
            if column.order_field is not None:
                state = next((d for i, d in self.ordering_fields if i == index), None)
                descending_next = primary is not None and primary[0] == index and not primary[1]
                rest = [(i, d) for i, d in self.ordering_fields if i != index]
                toggled = [(index, descending_next), *rest]
                header.update(
                    sortable=True,
                    sorted=state is not None,
                    ascending=state is False,
                    sort_url=self.query_string({ORDER_VAR: _order_param(toggled)}),
                    aria_sort=(
                        "none" if state is None else ("descending" if state else "ascending")
                    ),
                )
            yield header

    def rows(self) -> Iterator[dict[str, Any]]:
        admin = self.model_admin
        for obj in self.result_list:
            yield {
                "object": obj,
                "pk": obj.pk,
                "url": admin.change_url(obj),
                "cells": [(column, column.cell(obj)) for column in self.columns],
            }

    def count_text(self) -> str:
        if self.result_count is None:
            return ""
        noun = self.opts.verbose_name if self.result_count == 1 else self.opts.verbose_name_plural
        if not self.count_is_exact:
            return f"More than {self.result_count:,} {self.opts.verbose_name_plural}"
        return f"{self.result_count:,} {noun}"

    def active_filters(self) -> bool:
        return any(f.value() is not None for f in self.filters) or bool(self.query)


def _order_param(chosen: list[tuple[int, bool]]) -> str:
    return ".".join(f"-{i}" if descending else str(i) for i, descending in chosen)


def _positive_int(raw: str | None, default: int) -> int:
    if raw is None or not raw.isdigit() or len(raw) > 9:
        return default
    return max(1, int(raw))
