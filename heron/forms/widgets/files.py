"""File widgets: ``FileInput`` and ``ClearableFileInput`` (with a "clear" checkbox).

The submitted file comes from ``request.FILES`` (an ``UploadedFile``); a file input never
shows a value, because browsers cannot pre-fill one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .base import CheckboxInput, Input, getlist

__all__ = ["FILE_INPUT_CONTRADICTION", "ClearableFileInput", "FileInput"]


class _Contradiction:
    def __repr__(self) -> str:
        return "FILE_INPUT_CONTRADICTION"


FILE_INPUT_CONTRADICTION: Any = _Contradiction()
"""What ``ClearableFileInput`` returns when a file is uploaded *and* "clear" is ticked."""


class FileInput(Input):
    """``<input type="file">``; ``allow_multiple_selected`` accepts several files."""

    input_type = "file"
    needs_multipart_form = True
    allow_multiple_selected = False

    def __init__(
        self, attrs: Mapping[str, Any] | None = None, *, allow_multiple_selected: bool = False
    ) -> None:
        super().__init__(attrs)
        if allow_multiple_selected:
            self.allow_multiple_selected = True
            self.attrs["multiple"] = True

    def format_value(self, value: Any) -> str | None:
        return None

    def value_from_datadict(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> Any:
        if self.allow_multiple_selected:
            return getlist(files, name)
        return files.get(name)

    def value_omitted_from_data(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> bool:
        return name not in files

    def use_required_attribute(self, initial: Any) -> bool:
        return super().use_required_attribute(initial) and not initial


class ClearableFileInput(FileInput):
    """A file input that also shows the current file and, when optional, a "Clear" box."""

    template_name = "heron/forms/widgets/clearable_file_input.html"
    initial_text = "Currently"
    input_text = "Change"
    clear_checkbox_label = "Clear"

    @staticmethod
    def clear_checkbox_name(name: str) -> str:
        return f"{name}-clear"

    @staticmethod
    def clear_checkbox_id(name: str) -> str:
        return f"{name}_id"

    @staticmethod
    def is_initial(value: Any) -> bool:
        return bool(value) and hasattr(value, "name") and not hasattr(value, "read")

    def get_context(
        self, name: str, value: Any, attrs: Mapping[str, Any] | None = None
    ) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        checkbox_name = self.clear_checkbox_name(name)
        context["widget"].update(
            {
                "initial": value if self.is_initial(value) else None,
                "initial_url": getattr(value, "url", None) if self.is_initial(value) else None,
                "checkbox_name": checkbox_name,
                "checkbox_id": self.clear_checkbox_id(checkbox_name),
                "is_initial": self.is_initial(value),
                "input_text": self.input_text,
                "initial_text": self.initial_text,
                "clear_checkbox_label": self.clear_checkbox_label,
            }
        )
        if self.is_initial(value):
            context["widget"]["attrs"].pop("required", None)
        return context

    def value_from_datadict(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> Any:
        upload = super().value_from_datadict(data, files, name)
        cleared = not self.is_required and CheckboxInput().value_from_datadict(
            data, files, self.clear_checkbox_name(name)
        )
        if cleared:
            return FILE_INPUT_CONTRADICTION if upload else False
        return upload

    def value_omitted_from_data(
        self, data: Mapping[str, Any], files: Mapping[str, Any], name: str
    ) -> bool:
        return (
            super().value_omitted_from_data(data, files, name)
            and self.clear_checkbox_name(name) not in data
        )
