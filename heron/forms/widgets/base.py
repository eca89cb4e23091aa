"""``Widget`` and the single-value widgets: text-like inputs, dates, checkbox, textarea.

A widget turns a value into HTML (``render``) and pulls the submitted value back out of the
request's data (``value_from_datadict``). Rendering goes through a template named by
``template_name``, given the context ``{"widget": {...}}`` built by ``get_context``; the
attributes in ``widget.attrs`` are written by ``heron/forms/widgets/attrs.html`` (``True``
becomes a bare attribute, ``False`` and ``None`` are left out).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from markupsafe import Markup

from ..renderers import render

__all__ = [
    "CheckboxInput",
    "DateInput",
    "DateTimeInput",
    "EmailInput",
    "HiddenInput",
    "Input",
    "MultipleHiddenInput",
    "NumberInput",
    "PasswordInput",
    "TextInput",
    "Textarea",
    "TimeInput",
    "URLInput",
    "Widget",
    "getlist",
]


def getlist(data: Mapping[str, Any], name: str) -> list[Any]:
    """Return every value submitted for ``name`` (a QueryDict's list, or a plain dict's)."""
    getter = getattr(data, "getlist", None)
    if getter is not None:
        return list(getter(name))
    value = data.get(name)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


class Widget:
    """Base of all widgets; ``attrs`` are extra HTML attributes for the element."""

    template_name: ClassVar[str] = ""
    input_type: ClassVar[str | None] = None
    needs_multipart_form: ClassVar[bool] = False
    supports_microseconds: ClassVar[bool] = True
    use_fieldset: ClassVar[bool] = False
    is_localized = False
    is_required = False

    def __init__(self, attrs: Mapping[str, Any] | None = None) -> None:
        self.attrs: dict[str, Any] = dict(attrs) if attrs else {}

    def __deepcopy__(self, memo: dict[int, Any]) -> Widget:
        new = copy.copy(self)
        new.attrs = self.attrs.copy()
        memo[id(self)] = new
        return new

    @property
    def is_hidden(self) -> bool:
        return self.input_type == "hidden"

    def format_value(self, value: Any) -> str | None:
        """Return the value as the text the element shows (None: no value attribute)."""
        if value is None or value == "":
            return None
        return str(value)

    def build_attrs(
        self, base_attrs: Mapping[str, Any], extra_attrs: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        return {**base_attrs, **(extra_attrs or {})}

    def get_context(
        self, name: str, value: Any, attrs: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        return {
            "widget": {
                "name": name,
                "is_hidden": self.is_hidden,
                "required": self.is_required,
                "value": self.format_value(value),
                "attrs": self.build_attrs(self.attrs, attrs),
                "template_name": self.template_name,
                "type": self.input_type,
            }
        }

    def render(self, name: str, value: Any, attrs: Mapping[str, Any] | None = None) -> Markup:
        """Return the widget's HTML for ``value``."""
        context = self.get_context(name, value, attrs)
        return render(self.template_name, context)

    def value_from_datadict(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> Any:
        """Return the value submitted for this widget, or None when it was not sent."""
        return data.get(name)

    def value_omitted_from_data(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> bool:
        return name not in data

    def id_for_label(self, id_: str) -> str:
        """Return the id a ``<label for>`` should point at ("" for none)."""
        return id_

    def use_required_attribute(self, initial: Any) -> bool:
        return not self.is_hidden

    def subwidgets(
        self, name: str, value: Any, attrs: Mapping[str, Any] | None = None
    ) -> list[Any]:
        return [self.get_context(name, value, attrs)["widget"]]

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"


class Input(Widget):
    """An ``<input>`` of type ``input_type``."""

    template_name = "heron/forms/widgets/input.html"
    input_type: ClassVar[str | None] = "text"

    def __init__(self, attrs: Mapping[str, Any] | None = None) -> None:
        if attrs is not None:
            attrs = dict(attrs)
            self.input_type = attrs.pop("type", self.input_type)  # type: ignore[misc]
        super().__init__(attrs)


class TextInput(Input):
    input_type = "text"


class NumberInput(Input):
    input_type = "number"


class EmailInput(Input):
    input_type = "email"


class URLInput(Input):
    input_type = "url"


class PasswordInput(Input):
    """A password box; the value is not sent back to the browser unless ``render_value``."""

    input_type = "password"

    def __init__(self, attrs: Mapping[str, Any] | None = None, render_value: bool = False) -> None:
        super().__init__(attrs)
        self.render_value = render_value

    def get_context(
        self, name: str, value: Any, attrs: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        if not self.render_value:
            value = None
        return super().get_context(name, value, attrs)


class HiddenInput(Input):
    input_type = "hidden"


class MultipleHiddenInput(HiddenInput):
    """One hidden input per value (for a multiple-choice field kept out of sight)."""

    template_name = "heron/forms/widgets/multiple_hidden.html"

    def get_context(
        self, name: str, value: Any, attrs: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        base = context["widget"]["attrs"]
        subwidgets = []
        for index, item in enumerate(value or []):
            sub_attrs = dict(base)
            if "id" in base:
                sub_attrs["id"] = f"{base['id']}_{index}"
            sub = Input.get_context(self, name, item, sub_attrs)["widget"]
            sub["attrs"] = sub_attrs
            subwidgets.append(sub)
        context["widget"]["subwidgets"] = subwidgets
        return context

    def value_from_datadict(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> Any:
        return getlist(data, name)

    def format_value(self, value: Any) -> Any:
        return [] if value is None else value


class Textarea(Widget):
    template_name = "heron/forms/widgets/textarea.html"

    def __init__(self, attrs: Mapping[str, Any] | None = None) -> None:
        super().__init__({"cols": "40", "rows": "10", **(attrs or {})})


class _DateTimeBase(Input):
    format_key = ""

    def __init__(self, attrs: Mapping[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs)
        self.format = format

    def _format(self, value: Any) -> str:
        raise TypeError  # pragma: no cover - subclasses override it

    def format_value(self, value: Any) -> str | None:
        if value is None or value == "":
            return None
        if self.format and hasattr(value, "strftime"):
            return str(value.strftime(self.format))
        if isinstance(value, dt.date | dt.time):
            return self._format(value)
        return str(value)


class DateInput(_DateTimeBase):
    """``<input type="date">``: the value is written ``YYYY-MM-DD``."""

    input_type = "date"

    def _format(self, value: Any) -> str:
        if isinstance(value, dt.datetime):
            value = value.date()
        return str(value.isoformat())


class DateTimeInput(_DateTimeBase):
    """``<input type="datetime-local">``: the value is written ``YYYY-MM-DDTHH:MM[:SS]``."""

    input_type = "datetime-local"
    supports_microseconds = False

    def _format(self, value: Any) -> str:
        if not isinstance(value, dt.datetime):
            return str(value.isoformat())
        spec = "minutes" if value.second == 0 and value.microsecond == 0 else "seconds"
        return value.replace(tzinfo=None).isoformat(timespec=spec)


class TimeInput(_DateTimeBase):
    """``<input type="time">``: the value is written ``HH:MM[:SS]``."""

    input_type = "time"
    supports_microseconds = False

    def _format(self, value: Any) -> str:
        if not isinstance(value, dt.time):
            return str(value)
        spec = "minutes" if value.second == 0 and value.microsecond == 0 else "seconds"
        return value.replace(tzinfo=None).isoformat(timespec=spec)


def _checked(value: Any) -> bool:
    return not (value is False or value is None or value == "")


class CheckboxInput(Input):
    """A checkbox; ``check_test(value)`` decides whether it is ticked."""

    input_type = "checkbox"

    def __init__(
        self,
        attrs: Mapping[str, Any] | None = None,
        check_test: Callable[[Any], bool] | None = None,
    ) -> None:
        super().__init__(attrs)
        self.check_test = _checked if check_test is None else check_test

    def format_value(self, value: Any) -> str | None:
        if value is True or value is False or value is None or value == "":
            return None
        return str(value)

    def get_context(
        self, name: str, value: Any, attrs: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        if self.check_test(value):
            attrs = {**(attrs or {}), "checked": True}
        return super().get_context(name, value, attrs)

    def value_from_datadict(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> Any:
        if name not in data:
            return False  # an unticked box sends nothing
        value = data.get(name)
        if isinstance(value, str):
            lowered = value.lower()
            if lowered in ("true", "on", "1"):
                return True
            if lowered in ("false", "off", "0", ""):
                return False
        return bool(value)

    def value_omitted_from_data(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> bool:
        return False
