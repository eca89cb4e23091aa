"""``ErrorList`` and ``ErrorDict``: a form's validation messages, ready to render.

An ``ErrorList`` keeps the ``ValidationError`` objects (so codes survive) but reads like a
list of message strings: ``form.errors["name"] == ["This field is required."]``. Rendered in
a template it is an accessible ``<ul class="errorlist" id="id_name_error">`` that the field's
widget points at with ``aria-describedby``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from markupsafe import Markup, escape

from .exceptions import ValidationError
from .renderers import render

__all__ = ["ErrorDict", "ErrorList"]


class ErrorList:
    """The messages of one field (or the form's non-field messages)."""

    template_name = "heron/forms/errors/list.html"

    def __init__(
        self,
        initlist: Iterable[ValidationError | str] | None = None,
        error_class: str | None = None,
        *,
        field_id: str | None = None,
    ) -> None:
        self.data: list[ValidationError] = []
        for item in initlist or ():
            self.data.extend(item if isinstance(item, ValidationError) else ValidationError(item))
        self.error_class = "errorlist" if error_class is None else f"errorlist {error_class}"
        self.field_id = field_id

    def extend(self, errors: Iterable[ValidationError | str]) -> None:
        for item in errors:
            self.data.extend(item if isinstance(item, ValidationError) else ValidationError(item))

    def append(self, error: ValidationError | str) -> None:
        self.extend([error])

    def as_data(self) -> list[ValidationError]:
        """Return the ``ValidationError`` objects (each with its ``code`` and ``params``)."""
        return list(self.data)

    def get_json_data(self, escape_html: bool = False) -> list[dict[str, Any]]:
        """Return ``[{"message": ..., "code": ...}, ...]``."""
        out = []
        for error in self.data:
            message = next(iter(error.messages))
            out.append(
                {
                    "message": str(escape(message)) if escape_html else message,
                    "code": error.code or "",
                }
            )
        return out

    def as_json(self, escape_html: bool = False) -> str:
        return json.dumps(self.get_json_data(escape_html))

    def as_ul(self) -> Markup:
        if not self.data:
            return Markup("")
        return render(
            self.template_name,
            {"errors": list(self), "error_class": self.error_class, "field_id": self.field_id},
        )

    def as_text(self) -> str:
        return "\n".join(f"* {message}" for message in self)

    def copy(self) -> ErrorList:
        new = ErrorList(self.data)
        new.error_class, new.field_id = self.error_class, self.field_id
        return new

    def __html__(self) -> str:
        return str(self.as_ul())

    def __str__(self) -> str:
        return str(self.as_ul())

    def __iter__(self) -> Iterator[str]:
        for error in self.data:
            yield from error.messages

    def __len__(self) -> int:
        return len(self.data)

    def __bool__(self) -> bool:
        return bool(self.data)

    def __getitem__(self, index: int) -> str:
        return list(self)[index]

    def __contains__(self, item: object) -> bool:
        return item in list(self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, ErrorList):
            return list(self) == list(other)
        if isinstance(other, list):
            return list(self) == other
        return NotImplemented

    def __repr__(self) -> str:
        return repr(list(self))


class ErrorDict(dict[str, ErrorList]):
    """``{field name: ErrorList}``; ``"__all__"`` holds the non-field errors."""

    def as_data(self) -> dict[str, list[ValidationError]]:
        return {name: errors.as_data() for name, errors in self.items()}

    def get_json_data(self, escape_html: bool = False) -> dict[str, list[dict[str, Any]]]:
        return {name: errors.get_json_data(escape_html) for name, errors in self.items()}

    def as_json(self, escape_html: bool = False) -> str:
        return json.dumps(self.get_json_data(escape_html))

    def as_ul(self) -> Markup:
        if not self:
            return Markup("")
        items = Markup("").join(
            Markup("<li>{}{}</li>").format(name, errors.as_ul()) for name, errors in self.items()
        )
        return Markup('<ul class="errorlist">{}</ul>').format(items)

    def as_text(self) -> str:
        lines = []
        for name, errors in self.items():
            lines.append(f"* {name}")
            lines.extend(f"  * {message}" for message in errors)
        return "\n".join(lines)

    def __html__(self) -> str:
        return str(self.as_ul())

    def __str__(self) -> str:
        return str(self.as_ul())
