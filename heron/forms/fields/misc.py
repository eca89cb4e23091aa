"""``UUIDField`` and ``JSONField``."""

from __future__ import annotations

import json
import uuid
from typing import Any

from ..widgets.base import Textarea
from .base import Field
from .text import CharField

__all__ = ["InvalidJSONInput", "JSONField", "UUIDField"]


class UUIDField(CharField):
    """A UUID, with or without hyphens; the cleaned value is a ``uuid.UUID``."""

    default_error_messages = {"invalid": "Enter a valid UUID."}

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, uuid.UUID):
            return str(value)
        return value

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        if isinstance(value, uuid.UUID):
            return value
        try:
            return uuid.UUID(str(value))
        except ValueError:
            raise self.error("invalid", value=value) from None


class InvalidJSONInput(str):
    """Submitted text that is not JSON, kept as typed so the form can show it again."""

    __slots__ = ()


class JSONField(CharField):
    """Any JSON document, typed in a textarea; the cleaned value is the decoded object."""

    widget = Textarea
    default_error_messages = {"invalid": "Enter a valid JSON."}
    empty_values = (None, "")  # [] and {} are documents, not blanks

    def __init__(
        self,
        *,
        encoder: type[json.JSONEncoder] | None = None,
        decoder: type[json.JSONDecoder] | None = None,
        **kwargs: Any,
    ) -> None:
        self.encoder = encoder
        self.decoder = decoder
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if self.disabled:
            return value
        if value in self.empty_values:
            return None
        if isinstance(value, list | dict | int | float | bool) and not isinstance(value, str):
            return value
        try:
            return json.loads(value, cls=self.decoder)
        except (json.JSONDecodeError, TypeError, ValueError):
            raise self.error("invalid", value=value) from None

    def bound_data(self, data: Any, initial: Any) -> Any:
        if self.disabled:
            return initial
        if data is None:
            return None
        try:
            return json.loads(data, cls=self.decoder)
        except (json.JSONDecodeError, TypeError, ValueError):
            return InvalidJSONInput(data)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, InvalidJSONInput):
            return value
        return json.dumps(value, ensure_ascii=False, cls=self.encoder)

    def has_changed(self, initial: Any, data: Any) -> bool:
        if Field.has_changed(self, initial, data):
            return bool(
                json.dumps(initial, sort_keys=True, cls=self.encoder)
                != json.dumps(self.to_python(data), sort_keys=True, cls=self.encoder)
            )
        return False
