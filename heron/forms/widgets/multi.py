"""Widgets made of several widgets: ``MultiWidget`` and ``SplitDateTimeWidget``.

A multi-widget renders each part under ``<name>_0``, ``<name>_1``... (or ``<name><suffix>``
when ``widgets`` is a dict of suffixes) and hands the field a list of the parts' values;
``decompress(value)`` splits a single value into those parts for display.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from .._tz import to_current
from .base import DateInput, TimeInput, Widget

__all__ = ["MultiWidget", "SplitDateTimeWidget"]


class MultiWidget(Widget):
    """Several widgets shown as one field; the group is a fieldset."""

    template_name = "heron/forms/widgets/multiwidget.html"
    use_fieldset = True

    def __init__(
        self,
        widgets: Sequence[Widget | type[Widget]] | Mapping[str, Widget | type[Widget]],
        attrs: Mapping[str, Any] | None = None,
    ) -> None:
        if isinstance(widgets, Mapping):
            self.widgets_names = [f"_{key}" if key else "" for key in widgets]
            items = list(widgets.values())
        else:
            self.widgets_names = [f"_{index}" for index in range(len(widgets))]
            items = list(widgets)
        self.widgets = [w() if isinstance(w, type) else w for w in items]
        super().__init__(attrs)

    def __deepcopy__(self, memo: dict[int, Any]) -> MultiWidget:
        new = copy.copy(self)
        new.attrs = self.attrs.copy()
        new.widgets = copy.deepcopy(self.widgets, memo)
        memo[id(self)] = new
        return new

    @property
    def is_hidden(self) -> bool:
        return all(w.is_hidden for w in self.widgets)

    @property
    def needs_multipart_form(self) -> bool:  # type: ignore[override]
        return any(w.needs_multipart_form for w in self.widgets)

    def decompress(self, value: Any) -> list[Any]:
        """Split one value into a list of the parts' values; subclasses override it.

        The default shows nothing in each part, so only a list of parts (such as redisplayed
        input) fills the widgets.
        """
        return [None] * len(self.widgets)

    def get_context(
        self, name: str, value: Any, attrs: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if not isinstance(value, list | tuple):
            value = self.decompress(value)
        final_attrs = context["widget"]["attrs"]
        input_type = final_attrs.pop("type", None)
        id_ = final_attrs.get("id")
        subwidgets = []
        for index, (suffix, widget) in enumerate(
            zip(self.widgets_names, self.widgets, strict=True)
        ):
            if input_type is not None:
                widget.input_type = input_type  # type: ignore[misc]
            widget.is_required = self.is_required
            part = value[index] if index < len(value) else None
            sub_attrs = dict(final_attrs)
            if id_:
                sub_attrs["id"] = f"{id_}{suffix}"
            subwidgets.append(widget.get_context(name + suffix, part, sub_attrs)["widget"])
        context["widget"]["subwidgets"] = subwidgets
        return context

    def id_for_label(self, id_: str) -> str:
        return ""  # the group is labelled by its <legend>

    def value_from_datadict(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> Any:
        return [
            widget.value_from_datadict(data, files, name + suffix)
            for suffix, widget in zip(self.widgets_names, self.widgets, strict=True)
        ]

    def value_omitted_from_data(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> bool:
        return all(
            widget.value_omitted_from_data(data, files, name + suffix)
            for suffix, widget in zip(self.widgets_names, self.widgets, strict=True)
        )


class SplitDateTimeWidget(MultiWidget):
    """A date input and a time input for one datetime (``<name>_0`` and ``<name>_1``)."""

    supports_microseconds = False

    def __init__(
        self,
        attrs: Mapping[str, Any] | None = None,
        date_format: str | None = None,
        time_format: str | None = None,
        date_attrs: Mapping[str, Any] | None = None,
        time_attrs: Mapping[str, Any] | None = None,
    ) -> None:
        widgets = [
            DateInput(attrs=date_attrs or attrs, format=date_format),
            TimeInput(attrs=time_attrs or attrs, format=time_format),
        ]
        super().__init__(widgets)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.datetime):
            value = to_current(value)
            return [value.date(), value.time()]
        return [None, None]
