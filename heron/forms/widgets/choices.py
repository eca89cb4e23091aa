"""Widgets that offer choices: ``Select`` and friends, radio buttons and checkbox groups.

``choices`` is a list of ``(value, label)`` pairs, where a label may itself be a list of
pairs (a named group, rendered as ``<optgroup>`` or a nested group of inputs). The widget
compares submitted values as strings.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from .base import Widget, getlist

__all__ = [
    "CheckboxSelectMultiple",
    "ChoiceWidget",
    "NullBooleanSelect",
    "RadioSelect",
    "Select",
    "SelectMultiple",
]


class ChoiceWidget(Widget):
    """Base of the choice widgets: builds ``widget.optgroups`` for the template."""

    allow_multiple_selected: ClassVar[bool] = False
    option_inherits_attrs: ClassVar[bool] = False
    checked_attribute: ClassVar[dict[str, Any]] = {"checked": True}
    add_id_index: ClassVar[bool] = True
    option_type: ClassVar[str | None] = None

    def __init__(self, attrs: Mapping[str, Any] | None = None, choices: Iterable[Any] = ()) -> None:
        super().__init__(attrs)
        self.choices: Any = list(choices) if isinstance(choices, list | tuple) else choices

    def __deepcopy__(self, memo: dict[int, Any]) -> ChoiceWidget:
        new = copy.copy(self)
        new.attrs = self.attrs.copy()
        new.choices = copy.copy(self.choices)
        memo[id(self)] = new
        return new

    def format_value(self, value: Any) -> Any:
        """Return the selected values as a list of strings."""
        if value is None and self.allow_multiple_selected:
            return []
        if not isinstance(value, list | tuple):
            value = [value]
        return [str(v) if v is not None else "" for v in value]

    def optgroups(
        self, name: str, value: list[str], attrs: Mapping[str, Any] | None = None
    ) -> list[tuple[Any, list[dict[str, Any]], int]]:
        """Return ``[(group label or None, [option, ...], index), ...]``."""
        groups: list[tuple[Any, list[dict[str, Any]], int]] = []
        has_selected = False
        for index, (option_value, option_label) in enumerate(self.choices):
            if option_value is None:
                option_value = ""
            subgroup: list[dict[str, Any]] = []
            if isinstance(option_label, list | tuple):
                group_name: Any = option_value
                subindex: int | None = 0
                choices = option_label
            else:
                group_name, subindex, choices = None, None, [(option_value, option_label)]
            groups.append((group_name, subgroup, index))
            for sub_value, sub_label in choices:
                if sub_value is None:
                    sub_value = ""
                selected = (not has_selected or self.allow_multiple_selected) and str(
                    sub_value
                ) in value
                has_selected |= selected
                subgroup.append(
                    self.create_option(
                        name, sub_value, sub_label, selected, index, subindex=subindex, attrs=attrs
                    )
                )
                if subindex is not None:
                    subindex += 1
        return groups

    def create_option(
        self,
        name: str,
        value: Any,
        label: Any,
        selected: bool,
        index: int,
        subindex: int | None = None,
        attrs: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        index_text = str(index) if subindex is None else f"{index}_{subindex}"
        option_attrs = (
            dict(self.build_attrs(self.attrs, attrs)) if self.option_inherits_attrs else {}
        )
        if selected:
            option_attrs.update(self.checked_attribute)
        if "id" in option_attrs:
            option_attrs["id"] = self.id_for_label(option_attrs["id"], index_text)
        return {
            "name": name,
            "value": value,
            "label": label,
            "selected": selected,
            "index": index_text,
            "attrs": option_attrs,
            "type": self.option_type,
            "wrap_label": True,
        }

    def get_context(
        self, name: str, value: Any, attrs: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["optgroups"] = self.optgroups(
            name, context["widget"]["value"], context["widget"]["attrs"]
        )
        return context

    def subwidgets(
        self, name: str, value: Any, attrs: Mapping[str, Any] | None = None
    ) -> list[Any]:
        values = self.format_value(value)
        full = self.build_attrs(self.attrs, attrs)
        return [
            option for _, options, _ in self.optgroups(name, values, full) for option in options
        ]

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        if index is not None and self.add_id_index:
            return f"{id_}_{index}"
        return id_

    def value_from_datadict(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> Any:
        if self.allow_multiple_selected:
            return getlist(data, name)
        return data.get(name)


class Select(ChoiceWidget):
    """A drop-down ``<select>``."""

    template_name = "heron/forms/widgets/select.html"
    checked_attribute = {"selected": True}
    add_id_index = False

    def use_required_attribute(self, initial: Any) -> bool:
        # HTML requires the first option of a required single <select> to have an empty value.
        if not super().use_required_attribute(initial) or self.allow_multiple_selected:
            return False
        first = next(iter(self.choices), None)
        if first is None:
            return False
        value, label = first
        return (value is None or value == "") and not isinstance(label, list | tuple)


class NullBooleanSelect(Select):
    """A Yes / No / Unknown drop-down for a ``NullBooleanField``."""

    def __init__(self, attrs: Mapping[str, Any] | None = None) -> None:
        super().__init__(attrs, [("unknown", "Unknown"), ("true", "Yes"), ("false", "No")])

    def format_value(self, value: Any) -> Any:
        lookup = {True: "true", False: "false", "true": "true", "false": "false"}
        try:
            return [lookup.get(value, "unknown")]
        except TypeError:
            return ["unknown"]

    def value_from_datadict(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> Any:
        value = data.get(name)
        return {
            True: True,
            "True": True,
            "true": True,
            "on": True,
            "1": True,
            False: False,
            "False": False,
            "false": False,
            "off": False,
            "0": False,
        }.get(value if isinstance(value, str | bool) else None)


class SelectMultiple(Select):
    """A ``<select multiple>``."""

    allow_multiple_selected = True

    def get_context(
        self, name: str, value: Any, attrs: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["multiple"] = True
        return context

    def value_omitted_from_data(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> bool:
        return False  # nothing selected sends nothing


class RadioSelect(ChoiceWidget):
    """A group of radio buttons, each inside its ``<label>``; the group is a fieldset."""

    template_name = "heron/forms/widgets/multiple_input.html"
    option_type = "radio"
    option_inherits_attrs = True
    use_fieldset = True

    def id_for_label(self, id_: str, index: str | None = None) -> str:
        if index is None:
            return ""  # the group is labelled by its <legend>
        return super().id_for_label(id_, index)


class CheckboxSelectMultiple(RadioSelect):
    """A group of checkboxes for a multiple-choice field."""

    allow_multiple_selected = True
    option_type = "checkbox"

    def use_required_attribute(self, initial: Any) -> bool:
        return False  # "required" on each box would demand every box be ticked

    def value_omitted_from_data(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> bool:
        return False
