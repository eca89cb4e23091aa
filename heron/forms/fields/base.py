"""``Field``: what every form field does: convert, validate, and describe its widget.

Cleaning runs ``to_python(value)`` (text from the request into a Python value), then
``validate(value)`` (required and other checks of the field itself), then
``run_validators(value)`` (the ``validators`` list; the same callables model fields use).
Each step raises ``ValidationError``; a message whose ``code`` is a key of the field's
``error_messages`` is replaced by that message, so every message is customisable.
"""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from ..boundfield import BoundField
from ..exceptions import ValidationError
from ..widgets.base import HiddenInput, TextInput, Widget

if TYPE_CHECKING:
    from ..forms import BaseForm

__all__ = ["Field", "Validator"]

Validator = Callable[[Any], None]
_counter = itertools.count()


class Field:
    """Base of all form fields; see the module docstring for the cleaning steps."""

    # On the class: the default widget (a class or an instance); on an instance: its Widget.
    widget: Any = TextInput
    hidden_widget: Any = HiddenInput
    default_validators: ClassVar[Sequence[Validator]] = ()
    default_error_messages: ClassVar[dict[str, str]] = {
        "required": "This field is required.",
    }
    empty_values: ClassVar[tuple[Any, ...]] = (None, "", [], (), {})

    def __init__(
        self,
        *,
        required: bool = True,
        widget: Widget | type[Widget] | None = None,
        label: str | None = None,
        initial: Any = None,
        help_text: str = "",
        error_messages: Mapping[str, str] | None = None,
        validators: Sequence[Validator] = (),
        disabled: bool = False,
        label_suffix: str | None = None,
        show_hidden_initial: bool = False,
        localize: bool = False,
    ) -> None:
        self.required = required
        self.label = label
        self.initial = initial
        self.help_text = help_text
        self.disabled = disabled
        self.label_suffix = label_suffix
        self.show_hidden_initial = show_hidden_initial
        self.localize = localize
        chosen = widget if widget is not None else self.widget
        built: Widget = chosen() if isinstance(chosen, type) else copy.deepcopy(chosen)
        built.is_required = required
        built.attrs.update(self.widget_attrs(built))
        self.widget = built
        self.creation_counter = next(_counter)
        messages: dict[str, str] = {}
        for klass in reversed(type(self).__mro__):
            messages.update(getattr(klass, "default_error_messages", {}))
        messages.update(error_messages or {})
        self.error_messages = messages
        self.validators: list[Validator] = [*self.default_validators, *validators]

    # -- cleaning -------------------------------------------------------------------------------

    def prepare_value(self, value: Any) -> Any:
        """Return ``value`` as the widget should show it."""
        return value

    def to_python(self, value: Any) -> Any:
        return value

    def validate(self, value: Any) -> None:
        if value in self.empty_values and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value: Any) -> None:
        if value in self.empty_values:
            return
        errors: list[ValidationError] = []
        for validator in self.validators:
            try:
                validator(value)
            except ValidationError as exc:
                for error in exc.error_list:
                    if error.code in self.error_messages:
                        error.message = self.error_messages[error.code]
                    errors.append(error)
        if errors:
            raise ValidationError(errors)

    def clean(self, value: Any) -> Any:
        """Convert and validate ``value``; return the cleaned value or raise ValidationError."""
        value = self.to_python(value)
        self.validate(value)
        self.run_validators(value)
        return value

    def error(self, code: str, **params: Any) -> ValidationError:
        """Build the ``ValidationError`` for ``code`` (its message from ``error_messages``)."""
        return ValidationError(self.error_messages[code], code=code, params=params or None)

    # -- bound values ---------------------------------------------------------------------------

    def bound_data(self, data: Any, initial: Any) -> Any:
        """Return the value to show for a bound form (the initial one when disabled)."""
        return initial if self.disabled else data

    def has_changed(self, initial: Any, data: Any) -> bool:
        """Return whether ``data`` (submitted) differs from ``initial``."""
        if self.disabled:
            return False
        try:
            data = self.to_python(data)
            if hasattr(self, "_coerce"):
                return bool(self._coerce(data) != self._coerce(initial))
        except ValidationError:
            return True
        initial_value = "" if initial is None else initial
        data_value = "" if data is None else data
        return bool(initial_value != data_value)

    def widget_attrs(self, widget: Widget) -> dict[str, Any]:
        """Return HTML attributes this field adds to its widget (``maxlength``, ``min``...)."""
        return {}

    def get_bound_field(self, form: BaseForm, name: str) -> BoundField:
        return BoundField(form, self, name)

    def __deepcopy__(self, memo: dict[int, Any]) -> Field:
        new = copy.copy(self)
        memo[id(self)] = new
        new.widget = copy.deepcopy(self.widget, memo)
        new.error_messages = self.error_messages.copy()
        new.validators = list(self.validators)
        return new

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"
