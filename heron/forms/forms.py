"""``Form``: declared fields, bound to submitted data, cleaned and rendered.

Declare fields as class attributes; subclasses inherit them (set one to None in a subclass
to drop it). ``Form(data, files)`` is bound; ``Form()`` (or ``Form(initial=...)``) is not.
``form.is_valid()`` cleans every field (``field.clean``, then the form's
``clean_<name>()``), then ``clean()`` for checks across fields; ``cleaned_data`` holds what
passed and ``errors`` what did not.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, ClassVar

from .boundfield import BoundField
from .errors import ErrorDict, ErrorList
from .exceptions import NON_FIELD_ERRORS, ValidationError
from .fields.base import Field
from .fields.files import FileField
from .renderers import RenderableMixin

__all__ = ["BaseForm", "DeclarativeFieldsMetaclass", "Form"]


class DeclarativeFieldsMetaclass(type):
    """Collect the ``Field`` class attributes (and inherited ones) into ``base_fields``."""

    def __new__(
        mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any], **kwargs: Any
    ) -> DeclarativeFieldsMetaclass:
        own = [(key, value) for key, value in attrs.items() if isinstance(value, Field)]
        own.sort(key=lambda item: item[1].creation_counter)
        for key, _ in own:
            attrs.pop(key)
        attrs["declared_fields"] = dict(own)
        cls = super().__new__(mcs, name, bases, attrs, **kwargs)
        declared: dict[str, Field] = {}
        for base in reversed(cls.__mro__):
            if hasattr(base, "declared_fields"):
                declared.update(base.declared_fields)
            for key, value in vars(base).items():
                if value is None and key in declared:
                    declared.pop(key)
        cls.base_fields = declared  # type: ignore[attr-defined]
        cls.declared_fields = declared  # type: ignore[attr-defined]
        return cls


class BaseForm(RenderableMixin):
    """The form machinery, without the metaclass (``Form`` adds declared fields)."""

    base_fields: ClassVar[dict[str, Field]] = {}
    declared_fields: ClassVar[dict[str, Field]] = {}
    default_renderer = None
    field_order: Sequence[str] | None = None
    prefix: str | None = None
    use_required_attribute = True
    required_css_class: str | None = None
    error_css_class: str | None = None

    template_name = "heron/forms/div.html"
    template_name_div = "heron/forms/div.html"
    template_name_p = "heron/forms/p.html"
    template_name_table = "heron/forms/table.html"
    template_name_ul = "heron/forms/ul.html"
    template_name_label = "heron/forms/label.html"

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        files: Mapping[str, Any] | None = None,
        auto_id: str | bool = "id_%s",
        prefix: str | None = None,
        initial: Mapping[str, Any] | None = None,
        error_class: type[ErrorList] = ErrorList,
        label_suffix: str | None = None,
        empty_permitted: bool = False,
        field_order: Sequence[str] | None = None,
        use_required_attribute: bool | None = None,
    ) -> None:
        self.is_bound = data is not None or files is not None
        self.data: Mapping[str, Any] = {} if data is None else data
        self.files: Mapping[str, Any] = {} if files is None else files
        self.auto_id = auto_id
        if prefix is not None:
            self.prefix = prefix
        self.initial: dict[str, Any] = dict(initial or {})
        self.error_class = error_class
        self.label_suffix = ":" if label_suffix is None else label_suffix
        self.empty_permitted = empty_permitted
        self._errors: ErrorDict | None = None
        self.fields: dict[str, Field] = copy.deepcopy(self.base_fields)
        self._bound_fields_cache: dict[str, BoundField] = {}
        self.order_fields(self.field_order if field_order is None else field_order)
        if use_required_attribute is not None:
            self.use_required_attribute = use_required_attribute
        if self.empty_permitted and self.use_required_attribute:
            raise ValueError(
                "The empty_permitted and use_required_attribute arguments may not both be "
                "True: an optional form cannot mark its fields required in HTML."
            )

    def order_fields(self, field_order: Sequence[str] | None) -> None:
        """Put the fields named in ``field_order`` first, in that order (others keep theirs)."""
        if field_order is None:
            return
        ordered: dict[str, Field] = {}
        for name in field_order:
            if name in self.fields:
                ordered[name] = self.fields.pop(name)
        ordered.update(self.fields)
        self.fields = ordered

    # -- access -----------------------------------------------------------------------------------

    def __iter__(self) -> Iterator[BoundField]:
        for name in self.fields:
            yield self[name]

    def __getitem__(self, name: str) -> BoundField:
        try:
            return self._bound_fields_cache[name]
        except KeyError:
            pass
        try:
            field = self.fields[name]
        except KeyError:
            raise KeyError(
                f"Key {name!r} not found in {type(self).__name__}. Choices are: "
                f"{', '.join(sorted(self.fields))}."
            ) from None
        bound = self._bound_fields_cache[name] = field.get_bound_field(self, name)
        return bound

    def add_prefix(self, field_name: str) -> str:
        """Return ``field_name`` as it appears in the submitted data (``prefix-name``)."""
        return f"{self.prefix}-{field_name}" if self.prefix else field_name

    def add_initial_prefix(self, field_name: str) -> str:
        return f"initial-{self.add_prefix(field_name)}"

    def get_initial_for_field(self, field: Field, field_name: str) -> Any:
        """Return the form's ``initial`` value, else the field's (calling it if callable)."""
        value = self.initial.get(field_name, field.initial)
        if callable(value):
            value = value()
        if isinstance(value, dt.datetime | dt.time) and not field.widget.supports_microseconds:
            value = value.replace(microsecond=0)
        return value

    # -- validation -------------------------------------------------------------------------------

    @property
    def errors(self) -> ErrorDict:
        """The errors by field name (``"__all__"`` for non-field ones); cleans on first use."""
        if self._errors is None:
            self.full_clean()
        assert self._errors is not None
        return self._errors

    def is_valid(self) -> bool:
        """Return True when the form is bound and has no errors."""
        return self.is_bound and not self.errors

    def non_field_errors(self) -> ErrorList:
        """The errors not tied to one field (raised by ``clean()``)."""
        return self.errors.get(NON_FIELD_ERRORS, self.error_class(error_class="nonfield"))

    def has_error(self, field: str, code: str | None = None) -> bool:
        errors = self.errors.get(field)
        if not errors:
            return False
        return code is None or any(error.code == code for error in errors.as_data())

    def add_error(
        self, field: str | None, error: ValidationError | str | list[Any] | dict[str, Any]
    ) -> None:
        """Record ``error`` on ``field`` (None: a non-field error) and drop it from cleaned_data.

        ``error`` may be a dict of field name to errors, with ``field`` None.
        """
        if not isinstance(error, ValidationError):
            error = ValidationError(error)
        if hasattr(error, "error_dict"):
            if field is not None:
                raise TypeError(
                    "add_error() takes field=None when the error is a dict of field names to "
                    "errors."
                )
            errors = error.error_dict
        else:
            errors = {field or NON_FIELD_ERRORS: error.error_list}
        for name, error_list in errors.items():
            if self._errors is None:
                self._errors = ErrorDict()
            if name not in self._errors:
                if name != NON_FIELD_ERRORS and name not in self.fields:
                    raise ValueError(f"{type(self).__name__} has no field named {name!r}.")
                if name == NON_FIELD_ERRORS:
                    self._errors[name] = self.error_class(error_class="nonfield")
                else:
                    self._errors[name] = self.error_class(field_id=self[name].auto_id or None)
            self._errors[name].extend(error_list)
            if hasattr(self, "cleaned_data"):
                self.cleaned_data.pop(name, None)

    def full_clean(self) -> None:
        """Clean every field and the form; fill ``errors`` and ``cleaned_data``."""
        self._errors = ErrorDict()
        if not self.is_bound:
            return
        self.cleaned_data: dict[str, Any] = {}
        if self.empty_permitted and not self.has_changed():
            return
        self._clean_fields()
        self._clean_form()
        self._post_clean()

    def _clean_fields(self) -> None:
        for name, field in self.fields.items():
            bound = self[name]
            value = bound.initial if field.disabled else bound.data
            try:
                if isinstance(field, FileField):
                    value = field.clean(value, bound.initial)
                else:
                    value = field.clean(value)
                self.cleaned_data[name] = value
                hook = getattr(self, f"clean_{name}", None)
                if hook is not None:
                    self.cleaned_data[name] = hook()
            except ValidationError as exc:
                self.add_error(name, exc)

    def _clean_form(self) -> None:
        try:
            cleaned = self.clean()
        except ValidationError as exc:
            self.add_error(None, exc)
        else:
            if cleaned is not None:
                self.cleaned_data = cleaned

    def _post_clean(self) -> None:
        """Hook run after ``clean()`` (``ModelForm`` validates the model instance here)."""

    def clean(self) -> dict[str, Any] | None:
        """Check the form as a whole; raise ValidationError for a non-field error.

        Returning a dict replaces ``cleaned_data``; returning None keeps it.
        """
        return self.cleaned_data

    # -- changes -----------------------------------------------------------------------------------

    @property
    def changed_data(self) -> list[str]:
        """The names of the fields whose submitted value differs from the initial one."""
        return [name for name in self.fields if self[name]._has_changed()]

    def has_changed(self) -> bool:
        return bool(self.changed_data)

    # -- rendering ---------------------------------------------------------------------------------

    def is_multipart(self) -> bool:
        """Return whether the ``<form>`` needs ``enctype="multipart/form-data"``."""
        return any(field.widget.needs_multipart_form for field in self.fields.values())

    def hidden_fields(self) -> list[BoundField]:
        return [field for field in self if field.is_hidden]

    def visible_fields(self) -> list[BoundField]:
        return [field for field in self if not field.is_hidden]

    def get_context(self) -> dict[str, Any]:
        """Return what the form templates receive: fields with their errors, hidden fields."""
        fields: list[tuple[BoundField, ErrorList]] = []
        hidden: list[BoundField] = []
        top_errors = self.non_field_errors().copy()
        for bound in self:
            errors = bound.errors
            if bound.is_hidden:
                top_errors.extend(
                    ValidationError(f"(Hidden field {bound.name}) {message}") for message in errors
                )
                hidden.append(bound)
            else:
                fields.append((bound, errors))
        return {"form": self, "fields": fields, "hidden_fields": hidden, "errors": top_errors}

    def __repr__(self) -> str:
        is_valid = "Unknown" if self._errors is None else str(self.is_bound and not self._errors)
        return (
            f"<{type(self).__name__} bound={self.is_bound}, valid={is_valid}, "
            f"fields=({';'.join(self.fields)})>"
        )


class Form(BaseForm, metaclass=DeclarativeFieldsMetaclass):
    """A form with declared fields; see the module docstring."""
