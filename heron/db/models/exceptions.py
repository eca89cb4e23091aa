"""Errors raised by the model layer.

``ValidationError`` lives here for now; the forms room will import it from here (or the two
will move to a shared module together). The tree::

    Exception
     ├── ObjectDoesNotExist            (each model's DoesNotExist subclasses it)
     ├── MultipleObjectsReturned       (each model's MultipleObjectsReturned subclasses it)
     ├── FieldError                    (a field name or option that does not fit the model)
     │    └── FieldDoesNotExist        (``_meta.get_field`` with an unknown name)
     ├── ValidationError               (``full_clean()``: messages per field)
     └── RuntimeError
          └── RelationLoaderMissing    (a lazy load before the QuerySet layer installed its hook)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

__all__ = [
    "NON_FIELD_ERRORS",
    "FieldDoesNotExist",
    "FieldError",
    "MultipleObjectsReturned",
    "ObjectDoesNotExist",
    "RelationLoaderMissing",
    "ValidationError",
]

NON_FIELD_ERRORS = "__all__"
"""The key of ``ValidationError.message_dict`` for errors that belong to no single field."""


class ObjectDoesNotExist(Exception):
    """The query found no row; ``except Model.DoesNotExist`` catches a subclass of it."""


class MultipleObjectsReturned(Exception):
    """The query expected one row and found more."""


class FieldError(Exception):
    """A field name, lookup or option does not fit the model."""


class FieldDoesNotExist(FieldError):
    """The model has no field of that name."""


class RelationLoaderMissing(RuntimeError):
    """A relation or deferred field needs a query, but no loader hook is installed."""


class ValidationError(Exception):
    """One or more messages explaining why a value is invalid.

    Build it from a message (with an optional ``code`` and ``%``-style ``params``), a list of
    messages or errors, or a dict mapping field names to either. ``message_dict`` and
    ``messages`` give plain strings; ``error_dict`` / ``error_list`` keep the error objects so
    codes survive (forms use them to pick custom messages).
    """

    message: str
    code: str | None
    params: Mapping[str, Any] | None
    error_list: list[ValidationError]
    error_dict: dict[str, list[ValidationError]]

    def __init__(
        self,
        message: str | ValidationError | list[Any] | Mapping[str, Any],
        code: str | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(message, code, params)
        if isinstance(message, ValidationError):
            if hasattr(message, "error_dict"):
                self.error_dict = message.error_dict
            elif hasattr(message, "message"):
                self.message, self.code, self.params = message.message, message.code, message.params
                self.error_list = [self]
            else:
                self.error_list = message.error_list
        elif isinstance(message, Mapping):
            self.error_dict = {}
            for field, messages in message.items():
                if not isinstance(messages, ValidationError):
                    messages = ValidationError(messages)
                self.error_dict[field] = list(messages)
        elif isinstance(message, list):
            self.error_list = []
            for item in message:
                error = item if isinstance(item, ValidationError) else ValidationError(item)
                if hasattr(error, "error_dict"):
                    for errors in error.error_dict.values():
                        self.error_list.extend(errors)
                else:
                    self.error_list.extend(error.error_list)
        else:
            self.message, self.code, self.params = str(message), code, params
            self.error_list = [self]

    @property
    def message_dict(self) -> dict[str, list[str]]:
        """Return ``{field: [message, ...]}``; only for errors built from a dict."""
        return {field: [e._text() for e in errors] for field, errors in self.error_dict.items()}

    @property
    def messages(self) -> list[str]:
        """Return every message as a flat list of strings."""
        if hasattr(self, "error_dict"):
            return [text for texts in self.message_dict.values() for text in texts]
        return [e._text() for e in self.error_list]

    def _text(self) -> str:
        if self.params:
            return self.message % self.params
        return self.message

    def __iter__(self) -> Iterator[ValidationError]:
        if hasattr(self, "error_dict"):
            for errors in self.error_dict.values():
                yield from errors
        else:
            yield from self.error_list

    def __str__(self) -> str:
        if hasattr(self, "error_dict"):
            return repr(self.message_dict)
        return repr(self.messages)

    def __repr__(self) -> str:
        return f"ValidationError({self})"
