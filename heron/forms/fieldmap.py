"""Which form field a model field becomes in a ``ModelForm``: a table keyed by model field class.

``formfield_for(model_field, **overrides)`` walks the model field's class hierarchy and uses
the first entry of ``FIELD_MAP``; projects with their own model fields register them with
``register_formfield(MyModelField, builder)``. A builder takes the model field and the
common keyword arguments (``required``, ``label``, ``help_text``, ``initial``) and returns a
form field, or None for fields a form never edits.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from heron.core.validators import validate_ipv46_address
from heron.db.models import fields as model_fields
from heron.db.models.query import QuerySet

from . import fields as form_fields
from .fields.base import Field
from .modelfields import ModelChoiceField, ModelMultipleChoiceField
from .widgets.base import Textarea

__all__ = ["FIELD_MAP", "Builder", "formfield_for", "register_formfield"]

Builder = Callable[[Any, dict[str, Any]], Field | None]


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def _simple(form_class: type[Field], **extra: Any) -> Builder:
    def build(model_field: Any, kwargs: dict[str, Any]) -> Field | None:
        return form_class(**{**extra, **kwargs})

    return build


def _char(model_field: Any, kwargs: dict[str, Any]) -> Field | None:
    kwargs.setdefault("max_length", model_field.max_length)
    if model_field.null:
        kwargs.setdefault("empty_value", None)
    form_class = kwargs.pop("form_class", form_fields.CharField)
    return form_class(**kwargs)  # type: ignore[no-any-return]


def _text(model_field: Any, kwargs: dict[str, Any]) -> Field | None:
    if model_field.null:
        kwargs.setdefault("empty_value", None)
    kwargs.setdefault("widget", Textarea)
    return form_fields.CharField(**kwargs)


def _typed(form_class: type[Field]) -> Builder:
    def build(model_field: Any, kwargs: dict[str, Any]) -> Field | None:
        return _char(model_field, {"form_class": form_class, **kwargs})

    return build


def _positive(model_field: Any, kwargs: dict[str, Any]) -> Field | None:
    kwargs.setdefault("min_value", 0)
    return form_fields.IntegerField(**kwargs)


def _decimal(model_field: Any, kwargs: dict[str, Any]) -> Field | None:
    kwargs.setdefault("max_digits", model_field.max_digits)
    kwargs.setdefault("decimal_places", model_field.decimal_places)
    return form_fields.DecimalField(**kwargs)


def _boolean(model_field: Any, kwargs: dict[str, Any]) -> Field | None:
    if model_field.null:
        return form_fields.NullBooleanField(**kwargs)
    kwargs["required"] = False  # an unticked checkbox is a valid False
    return form_fields.BooleanField(**kwargs)


def _ip(model_field: Any, kwargs: dict[str, Any]) -> Field | None:
    if model_field.null:
        kwargs.setdefault("empty_value", None)
    kwargs.setdefault("validators", [validate_ipv46_address])
    kwargs.setdefault("max_length", 39)
    return form_fields.CharField(**kwargs)


def _foreign_key(model_field: Any, kwargs: dict[str, Any]) -> Field | None:
    remote = model_field.related_model
    kwargs.setdefault("queryset", QuerySet(remote))
    kwargs.setdefault("to_field_name", model_field.to_field)
    kwargs.setdefault("blank", model_field.blank)
    return ModelChoiceField(**kwargs)


def _many_to_many(model_field: Any, kwargs: dict[str, Any]) -> Field | None:
    if not model_field.through._meta.auto_created:
        return None  # rows of a custom join model carry more than the pair: edit them inline
    remote = model_field.related_model
    kwargs.setdefault("queryset", QuerySet(remote))
    initial = kwargs.get("initial")
    if callable(initial):
        kwargs["initial"] = lambda: [obj.pk for obj in initial()]
    return ModelMultipleChoiceField(**kwargs)


def _never(model_field: Any, kwargs: dict[str, Any]) -> Field | None:
    return None


FIELD_MAP: dict[type[Any], Builder] = {
    model_fields.AutoField: _never,
    model_fields.BinaryField: _never,
    model_fields.CharField: _char,
    model_fields.TextField: _text,
    model_fields.EmailField: _typed(form_fields.EmailField),
    model_fields.URLField: _typed(form_fields.URLField),
    model_fields.SlugField: _typed(form_fields.SlugField),
    model_fields.GenericIPAddressField: _ip,
    model_fields.IntegerField: _simple(form_fields.IntegerField),
    model_fields.PositiveIntegerField: _positive,
    model_fields.FloatField: _simple(form_fields.FloatField),
    model_fields.DecimalField: _decimal,
    model_fields.BooleanField: _boolean,
    model_fields.DateField: _simple(form_fields.DateField),
    model_fields.DateTimeField: _simple(form_fields.DateTimeField),
    model_fields.TimeField: _simple(form_fields.TimeField),
    model_fields.DurationField: _simple(form_fields.DurationField),
    model_fields.UUIDField: _simple(form_fields.UUIDField),
    model_fields.JSONField: _simple(form_fields.JSONField),
    model_fields.ForeignKey: _foreign_key,
    model_fields.ManyToManyField: _many_to_many,
}
"""Model field class -> builder of its form field (subclasses use their nearest base's)."""


def register_formfield(model_field_class: type[Any], builder: Builder) -> None:
    """Make ``ModelForm`` build ``builder(model_field, kwargs)`` for ``model_field_class``."""
    FIELD_MAP[model_field_class] = builder


def _choices_field(model_field: Any, kwargs: dict[str, Any]) -> Field:
    include_blank = model_field.blank or not (model_field.has_default() or "initial" in kwargs)
    choices = list(model_field.choices)
    if include_blank:
        choices = [("", "---------"), *choices]
    kwargs.setdefault("coerce", model_field.to_python)
    kwargs.setdefault("empty_value", None if model_field.null else "")
    for key in ("max_length", "min_value", "max_digits", "decimal_places"):
        kwargs.pop(key, None)
    return form_fields.TypedChoiceField(choices=choices, **kwargs)


def formfield_for(model_field: Any, **overrides: Any) -> Field | None:
    """Return the form field for ``model_field`` (None when a form should not edit it)."""
    if not model_field.editable:
        return None
    kwargs: dict[str, Any] = {
        "required": not model_field.blank,
        "label": _capfirst(model_field.verbose_name),
        "help_text": model_field.help_text,
    }
    if model_field.has_default():
        kwargs["initial"] = model_field.default
    form_class = overrides.pop("form_class", None)
    kwargs.update(overrides)
    if form_class is not None:
        if model_field.is_relation:
            kwargs.setdefault("queryset", QuerySet(model_field.related_model))
        return form_class(**kwargs)  # type: ignore[no-any-return]
    if model_field.choices is not None and not model_field.is_relation:
        return _choices_field(model_field, kwargs)
    for klass in type(model_field).__mro__:
        builder = FIELD_MAP.get(klass)
        if builder is not None:
            return builder(model_field, kwargs)
    return None
