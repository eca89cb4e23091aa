"""Number fields: ``IntegerField``, ``FloatField``, ``DecimalField`` (``<input type="number">``).

``min_value``, ``max_value`` and ``step_size`` become validators and the HTML ``min``,
``max`` and ``step`` attributes.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, DecimalException
from typing import Any

from heron.core.validators import (
    DecimalValidator,
    MaxValueValidator,
    MinValueValidator,
    StepValueValidator,
)

from ..widgets.base import NumberInput, Widget
from .base import Field

__all__ = ["DecimalField", "FloatField", "IntegerField"]

_TRAILING_ZEROS = re.compile(r"\.0*\s*$")


class IntegerField(Field):
    """A whole number; "3.0" is accepted as 3."""

    widget = NumberInput
    default_error_messages = {"invalid": "Enter a whole number."}

    def __init__(
        self,
        *,
        max_value: Any = None,
        min_value: Any = None,
        step_size: Any = None,
        **kwargs: Any,
    ) -> None:
        self.max_value, self.min_value, self.step_size = max_value, min_value, step_size
        super().__init__(**kwargs)
        if max_value is not None:
            self.validators.append(MaxValueValidator(max_value))
        if min_value is not None:
            self.validators.append(MinValueValidator(min_value))
        if step_size is not None:
            self.validators.append(StepValueValidator(step_size, offset=min_value))

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip()
        if value in self.empty_values:
            return None
        if isinstance(value, bool):
            raise self.error("invalid", value=value)
        return self._parse(value)

    def _parse(self, value: Any) -> Any:
        """The number in ``value`` (not empty, not a bool), or the ``invalid`` error."""
        if isinstance(value, int):
            return value
        text = _TRAILING_ZEROS.sub("", str(value).strip())
        if len(text) > 4300:
            raise self.error("invalid", value=value)
        try:
            return int(text)
        except ValueError:
            raise self.error("invalid", value=value) from None

    def widget_attrs(self, widget: Widget) -> dict[str, Any]:
        attrs: dict[str, Any] = {}
        if isinstance(widget, NumberInput):
            if self.min_value is not None:
                attrs["min"] = str(self.min_value)
            if self.max_value is not None:
                attrs["max"] = str(self.max_value)
            if self.step_size is not None:
                attrs["step"] = str(self.step_size)
        return attrs


class FloatField(IntegerField):
    """A floating-point number (infinity and NaN are refused)."""

    default_error_messages = {"invalid": "Enter a number."}

    def _parse(self, value: Any) -> Any:
        try:
            number = float(str(value).strip()) if not isinstance(value, float) else value
        except ValueError:
            raise self.error("invalid", value=value) from None
        if not math.isfinite(number):
            raise self.error("invalid", value=value)
        return number

    def widget_attrs(self, widget: Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, NumberInput) and "step" not in attrs:
            attrs["step"] = "any"
        return attrs


class DecimalField(IntegerField):
    """A ``Decimal`` with at most ``max_digits`` digits, ``decimal_places`` of them decimals."""

    default_error_messages = {"invalid": "Enter a number."}

    def __init__(
        self,
        *,
        max_digits: int | None = None,
        decimal_places: int | None = None,
        **kwargs: Any,
    ) -> None:
        self.max_digits, self.decimal_places = max_digits, decimal_places
        super().__init__(**kwargs)
        self.validators.append(DecimalValidator(max_digits, decimal_places))

    def _parse(self, value: Any) -> Any:
        text = str(value).strip()
        if len(text) > 200:
            raise self.error("invalid", value=value)
        try:
            number = Decimal(text)
        except DecimalException:
            raise self.error("invalid", value=value) from None
        if not number.is_finite():
            raise self.error("invalid", value=value)
        return number

    def widget_attrs(self, widget: Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, NumberInput) and "step" not in attrs:
            if self.decimal_places is not None:
                attrs["step"] = str(Decimal(1).scaleb(-self.decimal_places)).lower()
            else:
                attrs["step"] = "any"
        return attrs
