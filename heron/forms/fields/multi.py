"""``MultiValueField``: one value entered through several fields (and a ``MultiWidget``).

The widget hands over a list; each part is cleaned by its own field, then ``compress()``
joins the cleaned parts into the single value.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from ..exceptions import ValidationError
from .base import Field

__all__ = ["MultiValueField"]


class MultiValueField(Field):
    """Clean a list of values with ``fields`` (one each) and ``compress()`` the results."""

    default_error_messages = {
        "invalid": "Enter a list of values.",
        "incomplete": "Enter a complete value.",
    }

    def __init__(
        self, fields: Sequence[Field], *, require_all_fields: bool = True, **kwargs: Any
    ) -> None:
        self.require_all_fields = require_all_fields
        super().__init__(**kwargs)
        for field in fields:
            field.error_messages.setdefault("incomplete", self.error_messages["incomplete"])
            if self.disabled:
                field.disabled = True
            if self.require_all_fields:
                field.required = False
        self.fields = list(fields)

    def __deepcopy__(self, memo: dict[int, Any]) -> MultiValueField:
        new = super().__deepcopy__(memo)
        assert isinstance(new, MultiValueField)
        new.fields = [copy.deepcopy(f, memo) for f in self.fields]
        return new

    def validate(self, value: Any) -> None:
        return None

    def compress(self, data_list: list[Any]) -> Any:
        """Join the cleaned parts into one value (the default returns the list)."""
        return data_list

    def clean(self, value: Any) -> Any:
        clean_data: list[Any] = []
        errors: list[ValidationError] = []
        if self.disabled and not isinstance(value, list):
            value = self.widget.decompress(value)
        if not value or isinstance(value, list | tuple):
            if not value or not [v for v in value if v not in self.empty_values]:
                if self.required:
                    raise self.error("required")
                return self.compress([])
        else:
            raise self.error("invalid")
        for index, field in enumerate(self.fields):
            part = value[index] if index < len(value) else None
            if part in self.empty_values:
                if self.require_all_fields:
                    if self.required:
                        raise self.error("required")
                elif field.required:
                    if field.error_messages["incomplete"] not in [e.message for e in errors]:
                        errors.append(field.error("incomplete"))
                    continue
            try:
                clean_data.append(field.clean(part))
            except ValidationError as exc:
                errors.extend(e for e in exc.error_list if e not in errors)
        if errors:
            raise ValidationError(errors)
        out = self.compress(clean_data)
        self.validate(out)
        self.run_validators(out)
        return out

    def has_changed(self, initial: Any, data: Any) -> bool:
        if self.disabled:
            return False
        if initial is None:
            initial = ["" for _ in data]
        elif not isinstance(initial, list):
            initial = self.widget.decompress(initial)
        for field, first, second in zip(self.fields, initial, data, strict=False):
            try:
                first = field.to_python(first)
            except ValidationError:
                return True
            if field.has_changed(first, second):
                return True
        return False
