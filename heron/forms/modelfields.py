"""Fields whose choices are model rows: ``ModelChoiceField``, ``ModelMultipleChoiceField``.

The options are the rows of ``queryset`` (queried each time the widget is drawn), shown
with ``label_from_instance(obj)`` (``str(obj)``) and keyed by the primary key, or by
``to_field_name``. A submitted key is looked up in ``queryset``, so a value outside it (a
forged one) is an invalid choice, never another row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .exceptions import ValidationError
from .fields.base import Field
from .fields.choices import ChoiceField
from .widgets.base import MultipleHiddenInput
from .widgets.choices import SelectMultiple

__all__ = ["ModelChoiceField", "ModelChoiceIterator", "ModelMultipleChoiceField"]


_BIGINT = 2**63


def _checked_key(field: Any, value: Any) -> Any:
    """Convert a submitted key with the model field; refuse what no database could match.

    Text with NUL characters and integers beyond 64 bits would make some databases raise
    instead of finding nothing, so they are refused here as invalid choices.
    """
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("NUL character in a key")
    key = field.to_python(value)
    if isinstance(key, int) and not -_BIGINT <= key < _BIGINT:
        raise ValueError("key out of range")
    return key


class ModelChoiceIterator:
    """The choices of a model field: the empty label (if any), then one pair per row."""

    def __init__(self, field: ModelChoiceField) -> None:
        self.field = field
        self.queryset = field.queryset

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield (self.field.prepare_value(obj), self.field.label_from_instance(obj))

    def __len__(self) -> int:
        count: int = self.queryset.count()
        return count + (1 if self.field.empty_label is not None else 0)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or bool(self.queryset.exists())


class ModelChoiceField(ChoiceField):
    """One row of ``queryset``; the cleaned value is the model instance."""

    default_error_messages = {
        "invalid_choice": "Select a valid choice. That choice is not one of the available choices.",
    }

    def __init__(
        self,
        queryset: Any,
        *,
        empty_label: str | None = "---------",
        to_field_name: str | None = None,
        blank: bool = False,
        **kwargs: Any,
    ) -> None:
        self.to_field_name = to_field_name
        self._queryset: Any = None
        super().__init__(**kwargs)
        required = kwargs.get("required", True)
        initial = kwargs.get("initial")
        widget = self.widget
        radio = getattr(widget, "option_type", None) == "radio"
        if required and (initial is not None or (radio and not blank)):
            self.empty_label: str | None = None
        else:
            self.empty_label = empty_label
        self.queryset = queryset

    @property
    def queryset(self) -> Any:
        return self._queryset

    @queryset.setter
    def queryset(self, value: Any) -> None:
        self._queryset = None if value is None else value.all()
        self.widget.choices = self.choices

    @property
    def choices(self) -> Any:
        return ModelChoiceIterator(self)

    @choices.setter
    def choices(self, value: Any) -> None:
        # The choices always come from the queryset; ChoiceField.__init__ sets () here.
        return None

    def __deepcopy__(self, memo: dict[int, Any]) -> ModelChoiceField:
        # Field's copy, not ChoiceField's: the choices come from the queryset, not _choices.
        new = Field.__deepcopy__(self, memo)
        assert isinstance(new, ModelChoiceField)
        if self._queryset is not None:
            new._queryset = self._queryset.all()
        new.widget.choices = new.choices
        return new

    def _key_name(self) -> str:
        return self.to_field_name or "pk"

    def _key_field(self) -> Any:
        opts = self.queryset.model._meta
        return opts.get_field(self.to_field_name) if self.to_field_name else opts.pk

    def label_from_instance(self, obj: Any) -> str:
        """Return the option text for ``obj`` (override to change it)."""
        return str(obj)

    def prepare_value(self, value: Any) -> Any:
        if hasattr(value, "_meta"):
            if self.to_field_name:
                return value.__dict__.get(self._key_field().attname)
            return value.pk
        return value

    def _to_key(self, value: Any) -> Any:
        """Convert submitted text to the key field's type; a bad value is an invalid choice."""
        if hasattr(value, "_meta"):
            value = self.prepare_value(value)
        try:
            return _checked_key(self._key_field(), value)
        except (ValidationError, ValueError, TypeError):
            raise self.error("invalid_choice", value=value) from None

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        key = self._to_key(value)
        model = self.queryset.model
        try:
            return self.queryset.get(**{self._key_name(): key})
        except (model.DoesNotExist, ValueError, TypeError):
            raise self.error("invalid_choice", value=value) from None

    def validate(self, value: Any) -> None:
        if value in self.empty_values and self.required:
            raise self.error("required")

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        initial_value = self.prepare_value(initial) if initial is not None else ""
        data_value = data if data is not None else ""
        return str(initial_value) != str(data_value)


class ModelMultipleChoiceField(ModelChoiceField):
    """Several rows of ``queryset``; the cleaned value is a QuerySet of them."""

    widget = SelectMultiple
    hidden_widget = MultipleHiddenInput
    default_error_messages = {
        "invalid_list": "Enter a list of values.",
        "invalid_choice": "Select a valid choice. %(value)s is not one of the available choices.",
        "invalid_pk_value": "“%(pk)s” is not a valid value.",
    }

    def __init__(self, queryset: Any, **kwargs: Any) -> None:
        super().__init__(queryset, empty_label=None, **kwargs)

    def to_python(self, value: Any) -> Any:
        if not value:
            return []
        return list(self._check_values(value))

    def clean(self, value: Any) -> Any:
        value = self.prepare_value(value)
        if self.required and not value:
            raise self.error("required")
        if not self.required and not value:
            return self.queryset.none()
        if not isinstance(value, list | tuple):
            raise self.error("invalid_list")
        qs = self._check_values(value)
        self.run_validators(value)
        return qs

    def _check_values(self, value: Any) -> Any:
        key = self._key_name()
        field = self._key_field()
        keys = []
        for item in dict.fromkeys(str(v) for v in value):
            try:
                keys.append(_checked_key(field, item))
            except (ValidationError, ValueError, TypeError):
                raise self.error("invalid_pk_value", pk=item) from None
        qs = self.queryset.filter(**{f"{key}__in": keys})
        found = {str(self.prepare_value(obj)) for obj in qs}
        for item in value:
            if str(item) not in found:
                raise self.error("invalid_choice", value=item)
        return qs

    def prepare_value(self, value: Any) -> Any:
        if (
            hasattr(value, "__iter__")
            and not isinstance(value, str | bytes)
            and not hasattr(value, "_meta")
        ):
            return [super(ModelMultipleChoiceField, self).prepare_value(v) for v in value]
        return super().prepare_value(value)

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        initial = [] if initial is None else initial
        data = [] if data is None else data
        if len(initial) != len(data):
            return True
        return {str(v) for v in self.prepare_value(initial)} != {str(v) for v in data}
