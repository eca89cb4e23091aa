"""What the model views share: the QuerySet of a model, and template names from models."""

from __future__ import annotations

from typing import Any

from heron.conf import ImproperlyConfigured
from heron.shortcuts import _queryset_of

__all__ = ["default_queryset", "model_template_name", "model_values"]


def default_queryset(view: Any) -> Any:
    """``view.queryset.all()``, else all rows of ``view.model``; raise if neither is set."""
    queryset = getattr(view, "queryset", None)
    if queryset is not None:
        return queryset.all()
    model = getattr(view, "model", None)
    if model is not None:
        return _queryset_of(model, "get_queryset")
    name = type(view).__qualname__
    raise ImproperlyConfigured(
        f"{name} is missing a QuerySet. Define {name}.model, {name}.queryset, or override "
        f"{name}.get_queryset()."
    )


def model_template_name(model: Any, suffix: str) -> str:
    """``<app_label>/<model_name><suffix>.html``, e.g. ``polls/question_detail.html``."""
    meta = model._meta
    return f"{meta.app_label}/{meta.model_name}{suffix}.html"


def model_values(obj: Any) -> dict[str, Any]:
    """The field values of a model instance by attribute name (``id``, ``question_id``...),
    plus ``pk``: what ``success_url = "/polls/{id}/"`` may name."""
    values = {field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields}
    values["pk"] = obj.pk
    return values
