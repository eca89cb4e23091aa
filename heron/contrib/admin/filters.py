"""Changelist filters: ``list_filter`` entries and what they do to the query.

A ``list_filter`` entry is a field name (``"is_published"``, ``"status"``, ``"author"``,
``"pub_date"``) or a ``SimpleListFilter`` subclass. A field name picks its filter from the
field: booleans, choices, foreign keys and dates each get one. A filter reads its own
query-string parameter; a value it does not recognise is ignored (the list shows unfiltered)
rather than reaching the database.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from heron import timezone
from heron.conf import ImproperlyConfigured
from heron.db import models

__all__ = [
    "BooleanFieldListFilter",
    "ChoicesFieldListFilter",
    "DateFieldListFilter",
    "FieldListFilter",
    "ListFilter",
    "RelatedFieldListFilter",
    "SimpleListFilter",
    "build_filter",
]


class ListFilter:
    """One filter box of the changelist: a title, choices, and a queryset narrowing."""

    title: str = ""
    parameter_name: str = ""

    def __init__(self, request: Any, params: Mapping[str, str], model: Any, model_admin: Any):
        self.request = request
        self.model = model
        self.model_admin = model_admin
        raw = params.get(self.parameter_name)
        self.used_parameters: dict[str, str] = {}
        if raw is not None and self.accepts(raw):
            self.used_parameters[self.parameter_name] = raw

    def value(self) -> str | None:
        """The accepted value of this filter's parameter, or None."""
        return self.used_parameters.get(self.parameter_name)

    def accepts(self, raw: str) -> bool:
        return any(str(value) == raw for value, _ in self.lookup_choices())

    def lookup_choices(self) -> list[tuple[Any, str]]:
        """The ``(value, label)`` choices; every concrete filter defines them."""
        raise NotImplementedError(f"{type(self).__qualname__} must define lookup_choices().")

    def has_output(self) -> bool:
        return bool(self.lookup_choices())

    def queryset(self, request: Any, queryset: Any) -> Any:
        """Narrow ``queryset`` by this filter's value; every concrete filter defines it."""
        raise NotImplementedError(f"{type(self).__qualname__} must define queryset().")

    def choices(self, query_string: Any) -> Iterator[dict[str, Any]]:
        """Each link of the box: ``display``, ``selected`` and ``query_string``."""
        current = self.value()
        yield {
            "display": "All",
            "selected": current is None,
            "query_string": query_string({}, [self.parameter_name]),
        }
        for value, label in self.lookup_choices():
            yield {
                "display": label,
                "selected": current == str(value),
                "query_string": query_string({self.parameter_name: str(value)}, []),
            }


class SimpleListFilter(ListFilter):
    """A filter you write: ``title``, ``parameter_name``, ``lookups()`` and ``queryset()``.

    ``lookups(request, model_admin)`` returns ``(value, label)`` pairs; ``queryset(request,
    queryset)`` narrows by ``self.value()`` (None when no choice, or an unknown one, is made).
    """

    def __init__(self, request: Any, params: Mapping[str, str], model: Any, model_admin: Any):
        if not self.title or not self.parameter_name:
            raise ImproperlyConfigured(
                f"{type(self).__qualname__} must set 'title' and 'parameter_name'."
            )
        self._lookups = [
            (str(value), str(label)) for value, label in self.lookups(request, model_admin) or ()
        ]
        super().__init__(request, params, model, model_admin)

    def lookups(self, request: Any, model_admin: Any) -> Any:
        raise NotImplementedError(f"{type(self).__qualname__} must define lookups().")

    def lookup_choices(self) -> list[tuple[Any, str]]:
        return self._lookups


class FieldListFilter(ListFilter):
    """A filter built from a model field named in ``list_filter``."""

    def __init__(
        self, field: Any, request: Any, params: Mapping[str, str], model: Any, model_admin: Any
    ):
        self.field = field
        self.field_path = field.name
        self.title = str(field.verbose_name or field.name.replace("_", " "))
        self.parameter_name = self.field_path
        super().__init__(request, params, model, model_admin)

    def queryset(self, request: Any, queryset: Any) -> Any:
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(**{self.field_path: self.python_value(value)})

    def python_value(self, raw: str) -> Any:
        for value, _ in self.lookup_choices():
            if str(value) == raw:
                return value
        return raw


class BooleanFieldListFilter(FieldListFilter):
    def lookup_choices(self) -> list[tuple[Any, str]]:
        choices: list[tuple[Any, str]] = [("1", "Yes"), ("0", "No")]
        if self.field.null:
            choices.append(("none", "Unknown"))
        return choices

    def queryset(self, request: Any, queryset: Any) -> Any:
        value = self.value()
        if value is None:
            return queryset
        if value == "none":
            return queryset.filter(**{f"{self.field_path}__isnull": True})
        return queryset.filter(**{self.field_path: value == "1"})


class ChoicesFieldListFilter(FieldListFilter):
    def lookup_choices(self) -> list[tuple[Any, str]]:
        return [(value, str(label)) for value, label in self.field.flatchoices or ()]


class RelatedFieldListFilter(FieldListFilter):
    """Choices are the related model's rows (loaded once per page, one query)."""

    def __init__(
        self, field: Any, request: Any, params: Mapping[str, str], model: Any, model_admin: Any
    ):
        self._choices: list[tuple[Any, str]] | None = None
        super().__init__(field, request, params, model, model_admin)
        if not field.verbose_name_given:
            self.title = str(field.related_model._meta.verbose_name)

    def lookup_choices(self) -> list[tuple[Any, str]]:
        if self._choices is None:
            related = self.field.related_model
            self._choices = [(obj.pk, str(obj)) for obj in related.objects.all()]
        return self._choices

    def queryset(self, request: Any, queryset: Any) -> Any:
        value = self.value()
        if value is None:
            return queryset
        return queryset.filter(**{f"{self.field_path}__pk": self.python_value(value)})


class DateFieldListFilter(FieldListFilter):
    """Today, past 7 days, this month, this year (in the current time zone)."""

    RANGES = (
        ("today", "Today"),
        ("past7", "Past 7 days"),
        ("month", "This month"),
        ("year", "This year"),
    )

    def lookup_choices(self) -> list[tuple[Any, str]]:
        return list(self.RANGES)

    def bounds(self, name: str) -> tuple[Any, Any]:
        now = timezone.now()
        if timezone.is_aware(now):
            now = timezone.localtime(now)
        today = now.replace(hour=0, minute=0, second=0, microsecond=0)
        tomorrow = today + datetime.timedelta(days=1)
        if name == "today":
            start, end = today, tomorrow
        elif name == "past7":
            start, end = today - datetime.timedelta(days=7), tomorrow
        elif name == "month":
            start = today.replace(day=1)
            end = (start + datetime.timedelta(days=32)).replace(day=1)
        else:
            start = today.replace(month=1, day=1)
            end = start.replace(year=start.year + 1)
        if not isinstance(self.field, models.DateTimeField):
            return start.date(), end.date()
        return start, end

    def queryset(self, request: Any, queryset: Any) -> Any:
        value = self.value()
        if value is None:
            return queryset
        start, end = self.bounds(value)
        return queryset.filter(**{f"{self.field_path}__gte": start, f"{self.field_path}__lt": end})


def build_filter(
    entry: Any, request: Any, params: Mapping[str, str], model: Any, model_admin: Any
) -> ListFilter:
    """The filter for one ``list_filter`` entry (a field name or a ListFilter subclass)."""
    if isinstance(entry, type) and issubclass(entry, ListFilter):
        return entry(request, params, model, model_admin)
    if not isinstance(entry, str):
        raise ImproperlyConfigured(
            f"{type(model_admin).__qualname__}.list_filter: {entry!r} is neither a field name "
            "nor a SimpleListFilter subclass."
        )
    try:
        field = model._meta.get_field(entry)
    except models.FieldDoesNotExist as exc:
        raise ImproperlyConfigured(
            f"{type(model_admin).__qualname__}.list_filter names {entry!r}: {exc}"
        ) from exc
    cls: type[FieldListFilter]
    if isinstance(field, models.ForeignKey):
        cls = RelatedFieldListFilter
    elif getattr(field, "flatchoices", None):
        cls = ChoicesFieldListFilter
    elif isinstance(field, models.BooleanField):
        cls = BooleanFieldListFilter
    elif isinstance(field, models.DateField | models.DateTimeField):
        cls = DateFieldListFilter
    else:
        raise ImproperlyConfigured(
            f"{type(model_admin).__qualname__}.list_filter names {entry!r}, a "
            f"{type(field).__name__}: only booleans, fields with choices, foreign keys and "
            "dates filter by name; write a SimpleListFilter for others."
        )
    return cls(field, request, params, model, model_admin)
