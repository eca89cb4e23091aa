"""Yes/no and choice fields: ``BooleanField``, ``NullBooleanField``, ``ChoiceField`` and
its typed and multiple variants.

``choices`` are ``(value, label)`` pairs, named groups ``("Group", [(value, label), ...])``,
a ``Choices`` enum, or a callable returning pairs (called each time the form is built, so the
options can come from the database). Submitted values are compared as strings.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from heron.utils.choices import normalize_choices

from ..exceptions import ValidationError
from ..widgets.base import CheckboxInput, MultipleHiddenInput
from ..widgets.choices import NullBooleanSelect, Select, SelectMultiple
from .base import Field

__all__ = [
    "BooleanField",
    "CallableChoices",
    "ChoiceField",
    "MultipleChoiceField",
    "NullBooleanField",
    "TypedChoiceField",
    "TypedMultipleChoiceField",
]


class BooleanField(Field):
    """A checkbox; ``required=True`` (the default) means it must be ticked."""

    widget: Any = CheckboxInput

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value.lower() in ("false", "0", "off", ""):
            return False
        return bool(value)

    def validate(self, value: Any) -> None:
        if not value and self.required:
            raise self.error("required")

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        return bool(self.to_python(initial) != self.to_python(data))


class NullBooleanField(BooleanField):
    """True, False or None (unknown); shown as a Yes / No / Unknown drop-down."""

    widget = NullBooleanSelect

    def to_python(self, value: Any) -> Any:
        if value in (True, "True", "true", "1", "on"):
            return True
        if value in (False, "False", "false", "0", "off"):
            return False
        return None

    def validate(self, value: Any) -> None:
        return None


class CallableChoices:
    """Choices computed by a function each time they are iterated."""

    def __init__(self, func: Callable[[], Iterable[Any]]) -> None:
        self.func = func

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        yield from normalize_choices(list(self.func())) or []


def _choices(value: Any) -> Any:
    if callable(value) and not (isinstance(value, type) and hasattr(value, "choices")):
        return CallableChoices(value)
    if isinstance(value, CallableChoices) or hasattr(value, "queryset"):
        return value
    return normalize_choices(value) or []


class ChoiceField(Field):
    """One value among ``choices``; the cleaned value is the submitted string."""

    widget = Select
    default_error_messages = {
        "invalid_choice": "Select a valid choice. %(value)s is not one of the available choices.",
    }

    def __init__(self, *, choices: Any = (), **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.choices = choices

    @property
    def choices(self) -> Any:
        return self._choices

    @choices.setter
    def choices(self, value: Any) -> None:
        self._choices = _choices(value)
        self.widget.choices = self._choices

    def __deepcopy__(self, memo: dict[int, Any]) -> ChoiceField:
        new = super().__deepcopy__(memo)
        assert isinstance(new, ChoiceField)
        new._choices = copy.copy(self._choices)
        return new

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return ""
        return str(value)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if value and not self.valid_value(value):
            raise self.error("invalid_choice", value=value)

    def valid_value(self, value: Any) -> bool:
        """Return whether ``value`` is one of the choices (inside groups too)."""
        text = str(value)
        for key, label in self.choices:
            if isinstance(label, list | tuple):
                if any(value == k or text == str(k) for k, _ in label):
                    return True
            elif value == key or text == str(key):
                return True
        return False


class TypedChoiceField(ChoiceField):
    """A ``ChoiceField`` whose cleaned value is ``coerce(value)``; empty gives ``empty_value``."""

    def __init__(
        self,
        *,
        coerce: Callable[[Any], Any] = lambda value: value,
        empty_value: Any = "",
        **kwargs: Any,
    ) -> None:
        self.coerce = coerce
        self.empty_value = empty_value
        super().__init__(**kwargs)

    def _coerce(self, value: Any) -> Any:
        if value == self.empty_value or value in self.empty_values:
            return self.empty_value
        try:
            return self.coerce(value)
        except (ValueError, TypeError, ValidationError):
            raise self.error("invalid_choice", value=value) from None

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        return self._coerce(value)


class MultipleChoiceField(ChoiceField):
    """Several values among ``choices``; the cleaned value is a list of strings."""

    hidden_widget = MultipleHiddenInput
    widget = SelectMultiple
    default_error_messages = {
        "invalid_choice": "Select a valid choice. %(value)s is not one of the available choices.",
        "invalid_list": "Enter a list of values.",
    }

    def to_python(self, value: Any) -> Any:
        if not value:
            return []
        if not isinstance(value, list | tuple):
            raise self.error("invalid_list")
        return [str(item) for item in value]

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise self.error("required")
        for item in value:
            if not self.valid_value(item):
                raise self.error("invalid_choice", value=item)

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        initial_set = {str(v) for v in (initial or [])}
        data_set = {str(v) for v in (data or [])}
        return initial_set != data_set


class TypedMultipleChoiceField(MultipleChoiceField):
    """A ``MultipleChoiceField`` whose items are passed through ``coerce``."""

    def __init__(
        self,
        *,
        coerce: Callable[[Any], Any] = lambda value: value,
        empty_value: Any = None,
        **kwargs: Any,
    ) -> None:
        self.coerce = coerce
        self.empty_value = [] if empty_value is None else empty_value
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if value in self.empty_values:
            return self.empty_value
        out = []
        for item in value:
            try:
                out.append(self.coerce(item))
            except (ValueError, TypeError, ValidationError):
                raise self.error("invalid_choice", value=item) from None
        return out
