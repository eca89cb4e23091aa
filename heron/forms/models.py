"""``ModelForm``: a form built from a model, that validates and saves an instance.

``class Meta`` names the ``model`` and which fields to edit (``fields``, a list or
``"__all__"``, and/or ``exclude``), with optional per-field ``widgets``, ``labels``,
``help_texts``, ``error_messages`` and ``field_classes``. Validation runs the form's fields,
then the model's own (``full_clean`` on the fields the form edits) and the unique checks;
``save()`` writes the instance, and its many-to-many values after it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from heron.db.models import AutoField
from heron.db.models.exceptions import FieldError

from .exceptions import NON_FIELD_ERRORS, ValidationError
from .fieldmap import formfield_for
from .fields.base import Field
from .fields.files import FileField
from .forms import BaseForm, DeclarativeFieldsMetaclass
from .unique import unique_errors

__all__ = [
    "ALL_FIELDS",
    "BaseModelForm",
    "ModelForm",
    "ModelFormMetaclass",
    "construct_instance",
    "fields_for_model",
    "model_to_dict",
    "modelform_factory",
]

ALL_FIELDS = "__all__"


def _editable_fields(model: type[Any]) -> list[Any]:
    opts = model._meta
    return [*opts.fields, *opts.many_to_many]


def _wanted(name: str, fields: Sequence[str] | None, exclude: Sequence[str] | None) -> bool:
    if fields is not None and name not in fields:
        return False
    return not (exclude and name in exclude)


def model_to_dict(
    instance: Any, fields: Sequence[str] | None = None, exclude: Sequence[str] | None = None
) -> dict[str, Any]:
    """Return the instance's editable values by field name (related rows as their keys)."""
    data: dict[str, Any] = {}
    for field in _editable_fields(type(instance)):
        if not field.editable or not _wanted(field.name, fields, exclude):
            continue
        if field.many_to_many:
            if instance.pk is None:
                data[field.name] = []
            else:
                data[field.name] = [obj.pk for obj in getattr(instance, field.name).all()]
        else:
            data[field.name] = instance.__dict__.get(field.attname)
    return data


def fields_for_model(
    model: type[Any],
    fields: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
    widgets: Mapping[str, Any] | None = None,
    labels: Mapping[str, str] | None = None,
    help_texts: Mapping[str, str] | None = None,
    error_messages: Mapping[str, Mapping[str, str]] | None = None,
    field_classes: Mapping[str, type[Field]] | None = None,
    formfield_callback: Callable[..., Field | None] | None = None,
) -> dict[str, Field | None]:
    """Return ``{name: form field}`` for the model's editable fields, in ``fields`` order."""
    found: dict[str, Field | None] = {}
    ignored: list[str] = []
    per_field: list[tuple[str, Mapping[str, Any] | None]] = [
        ("widget", widgets),
        ("label", labels),
        ("help_text", help_texts),
        ("error_messages", error_messages),
        ("form_class", field_classes),
    ]
    for model_field in _editable_fields(model):
        name = model_field.name
        if not model_field.editable:
            if fields is not None and name in fields and not (exclude and name in exclude):
                raise FieldError(
                    f"'{name}' cannot be specified for {model.__name__} model form as it is a "
                    "non-editable field."
                )
            continue
        if not _wanted(name, fields, exclude):
            continue
        overrides = {key: given[name] for key, given in per_field if given and name in given}
        if formfield_callback is not None:
            form_field = formfield_callback(model_field, **overrides)
        else:
            form_field = formfield_for(model_field, **overrides)
        if form_field is None:
            ignored.append(name)
        else:
            found[name] = form_field
    if fields is not None:
        return {
            name: found.get(name)
            for name in fields
            if name not in ignored and not (exclude and name in exclude)
        }
    return found


class ModelFormOptions:
    """What a ModelForm's ``Meta`` says."""

    def __init__(self, meta: type | None = None) -> None:
        self.model: type[Any] | None = getattr(meta, "model", None)
        fields = getattr(meta, "fields", None)
        if isinstance(fields, str) and fields != ALL_FIELDS:
            raise TypeError(
                f"{meta.__qualname__ if meta else 'Meta'}.fields must be a list or tuple of "
                f"field names, or '{ALL_FIELDS}'; got the string {fields!r}."
            )
        self.fields: Sequence[str] | str | None = fields
        exclude = getattr(meta, "exclude", None)
        if isinstance(exclude, str):
            raise TypeError("Meta.exclude must be a list or tuple of field names, not a string.")
        self.exclude: Sequence[str] | None = exclude
        self.widgets: Mapping[str, Any] | None = getattr(meta, "widgets", None)
        self.labels: Mapping[str, str] | None = getattr(meta, "labels", None)
        self.help_texts: Mapping[str, str] | None = getattr(meta, "help_texts", None)
        self.error_messages: Mapping[str, Mapping[str, str]] | None = getattr(
            meta, "error_messages", None
        )
        self.field_classes: Mapping[str, type[Field]] | None = getattr(meta, "field_classes", None)
        self.formfield_callback: Callable[..., Field | None] | None = getattr(
            meta, "formfield_callback", None
        )


class ModelFormMetaclass(DeclarativeFieldsMetaclass):
    """Build ``base_fields`` from ``Meta.model`` plus the fields declared on the class."""

    def __new__(
        mcs, name: str, bases: tuple[type, ...], attrs: dict[str, Any], **kwargs: Any
    ) -> ModelFormMetaclass:
        new_class = super().__new__(mcs, name, bases, attrs, **kwargs)
        if bases == (BaseModelForm,):
            return new_class  # type: ignore[return-value]
        opts = new_class._meta = ModelFormOptions(getattr(new_class, "Meta", None))  # type: ignore[attr-defined]
        if opts.model is None:
            return new_class  # type: ignore[return-value]
        if opts.fields is None and opts.exclude is None:
            raise TypeError(
                f"{name} needs Meta.fields (a list of names, or '{ALL_FIELDS}') or Meta.exclude: "
                "a ModelForm that silently edits every field could expose ones you did not mean to."
            )
        wanted = None if opts.fields == ALL_FIELDS else opts.fields
        model_fields = fields_for_model(
            opts.model,
            wanted,
            opts.exclude,
            opts.widgets,
            opts.labels,
            opts.help_texts,
            opts.error_messages,
            opts.field_classes,
            opts.formfield_callback,
        )
        declared = new_class.declared_fields  # type: ignore[attr-defined]
        missing = [
            key for key, value in model_fields.items() if value is None and key not in declared
        ]
        if missing:
            known = ", ".join(f.name for f in _editable_fields(opts.model))
            raise FieldError(
                f"Unknown field(s) ({', '.join(missing)}) specified for {opts.model.__name__}. "
                f"Its fields are: {known}."
            )
        combined: dict[str, Field] = {k: v for k, v in model_fields.items() if v is not None}
        combined.update(declared)
        new_class.base_fields = combined  # type: ignore[attr-defined]
        return new_class  # type: ignore[return-value]


class BaseModelForm(BaseForm):
    """The ModelForm machinery (``ModelForm`` adds the metaclass)."""

    _meta: ClassVar[ModelFormOptions]

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        files: Mapping[str, Any] | None = None,
        auto_id: str | bool = "id_%s",
        prefix: str | None = None,
        initial: Mapping[str, Any] | None = None,
        instance: Any = None,
        **kwargs: Any,
    ) -> None:
        opts = self._meta
        if opts.model is None:
            raise ValueError(f"{type(self).__name__} has no model class: set Meta.model.")
        if instance is None:
            self.instance = opts.model()
            object_data: dict[str, Any] = {}
        else:
            self.instance = instance
            object_data = model_to_dict(instance, self._fields_list(), opts.exclude)
        object_data.update(initial or {})
        self._validate_unique = False
        self._inline_fk_name: str | None = None
        super().__init__(data, files, auto_id, prefix, object_data, **kwargs)

    def _fields_list(self) -> Sequence[str] | None:
        fields = self._meta.fields
        return None if fields == ALL_FIELDS else fields

    def _get_validation_exclusions(self) -> set[str]:
        """Model fields the model's own validation should skip (not on the form, or failed)."""
        exclude: set[str] = set()
        for model_field in _editable_fields(type(self.instance)):
            name = model_field.name
            if name == self._inline_fk_name:
                # An inline formset sets this key itself; unset (parent not saved yet), the
                # formset's save() fills it in, so the model must not call it missing.
                if self.instance.__dict__.get(model_field.attname) is None:
                    exclude.add(name)
                continue
            if name not in self.fields or (self._errors and name in self._errors):
                exclude.add(name)
            else:
                form_field = self.fields[name]
                value = self.cleaned_data.get(name)
                if (
                    not form_field.required
                    and not model_field.blank
                    and value in form_field.empty_values
                ):
                    exclude.add(name)
        return exclude

    def clean(self) -> dict[str, Any] | None:
        self._validate_unique = True
        return self.cleaned_data

    def _update_errors(self, errors: ValidationError) -> None:
        messages = self._meta.error_messages or {}
        mapped: dict[str, list[ValidationError]] = {}
        items = (
            errors.error_dict
            if hasattr(errors, "error_dict")
            else {NON_FIELD_ERRORS: errors.error_list}
        )
        for name, error_list in items.items():
            custom = (
                messages.get(name, {})
                if name in self.fields
                else messages.get(NON_FIELD_ERRORS, {})
            )
            for error in error_list:
                if error.code is not None and error.code in custom:
                    error.message = custom[error.code]
            target = name if name in self.fields or name == NON_FIELD_ERRORS else NON_FIELD_ERRORS
            mapped.setdefault(target, []).extend(error_list)
        self.add_error(None, ValidationError(mapped))

    def _post_clean(self) -> None:
        exclude = self._get_validation_exclusions()
        try:
            self.instance = construct_instance(
                self, self.instance, self._fields_list(), self._meta.exclude
            )
        except ValidationError as exc:
            self._update_errors(exc)
        try:
            self.instance.full_clean(exclude=exclude)
        except ValidationError as exc:
            self._update_errors(exc)
        if self._validate_unique:
            self.validate_unique()

    def validate_unique(self) -> None:
        """Run the unique checks of the model's fields the form edits (one query each)."""
        exclude = self._get_validation_exclusions()
        errors = unique_errors(self.instance, exclude)
        if errors:
            self._update_errors(ValidationError(errors))

    def _save_m2m(self) -> None:
        cleaned = self.cleaned_data
        fields, exclude = self._fields_list(), self._meta.exclude
        for model_field in self.instance._meta.many_to_many:
            name = model_field.name
            if name not in cleaned or not _wanted(name, fields, exclude):
                continue
            getattr(self.instance, name).set(list(cleaned[name]))

    def save(self, commit: bool = True) -> Any:
        """Save the instance (``commit=False``: build it only; call ``save_m2m()`` after saving).

        Raises ValueError when the form did not validate.
        """
        if self.errors:
            verb = "created" if self.instance._state.adding else "changed"
            raise ValueError(
                f"The {self.instance._meta.object_name} could not be {verb} because the data "
                "didn't validate."
            )
        if commit:
            self.instance.save()
            self._save_m2m()
        else:
            self.save_m2m = self._save_m2m
        return self.instance


def construct_instance(
    form: BaseForm,
    instance: Any,
    fields: Sequence[str] | None = None,
    exclude: Sequence[str] | None = None,
) -> Any:
    """Copy the form's cleaned values onto ``instance`` (without saving it).

    A field left out of the submitted data keeps the model default instead of the form's
    empty value, so adding a field to a model does not blank it in existing forms.
    """
    cleaned = form.cleaned_data
    for model_field in type(instance)._meta.fields:
        name = model_field.name
        if (
            not model_field.editable
            or (model_field.primary_key and name not in form.fields)
            # The database numbers an auto key; a formset's hidden pk field holds the row.
            or isinstance(model_field, AutoField)
            or name not in cleaned
            or not _wanted(name, fields, exclude)
        ):
            continue
        form_field = form.fields.get(name)
        if (
            form_field is not None
            and model_field.has_default()
            and form_field.widget.value_omitted_from_data(
                form.data, form.files, form.add_prefix(name)
            )
            and cleaned.get(name) in form_field.empty_values
        ):
            continue
        value = cleaned[name]
        if isinstance(form_field, FileField) and value is False:
            value = None
        if model_field.is_relation:
            setattr(instance, name, value)
        else:
            instance.__dict__[model_field.attname] = value
    return instance


class ModelForm(BaseModelForm, metaclass=ModelFormMetaclass):
    """A form for a model; see the module docstring."""


def modelform_factory(
    model: type[Any],
    form: type[BaseModelForm] = ModelForm,
    fields: Sequence[str] | str | None = None,
    exclude: Sequence[str] | None = None,
    widgets: Mapping[str, Any] | None = None,
    labels: Mapping[str, str] | None = None,
    help_texts: Mapping[str, str] | None = None,
    error_messages: Mapping[str, Mapping[str, str]] | None = None,
    field_classes: Mapping[str, type[Field]] | None = None,
    formfield_callback: Callable[..., Field | None] | None = None,
) -> type[BaseModelForm]:
    """Return a ModelForm class for ``model`` (``fields`` or ``exclude`` is required)."""
    attrs: dict[str, Any] = {"model": model}
    for key, value in (
        ("fields", fields),
        ("exclude", exclude),
        ("widgets", widgets),
        ("labels", labels),
        ("help_texts", help_texts),
        ("error_messages", error_messages),
        ("field_classes", field_classes),
    ):
        if value is not None:
            attrs[key] = value
    if formfield_callback is not None:
        attrs["formfield_callback"] = staticmethod(formfield_callback)
    if fields is None and exclude is None:
        raise TypeError(
            "modelform_factory() needs fields=... (a list of names, or '__all__') or exclude=..."
        )
    bases = (form.Meta,) if hasattr(form, "Meta") else ()
    meta = type("Meta", bases, attrs)
    metaclass: Any = type(form)
    new_form: type[BaseModelForm] = metaclass(f"{model.__name__}Form", (form,), {"Meta": meta})
    return new_form
