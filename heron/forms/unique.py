"""Unique checks for a model instance, run by ``ModelForm`` before saving.

A check is a tuple of field names that must be unique together: each ``unique=True`` field,
each ``Meta.unique_together`` entry and each ``UniqueConstraint``. A check runs when none of
its fields is excluded (not on the form, or already invalid) and none of its values is None
(NULLs never collide); it is one ``exists()`` query that leaves out the instance's own row.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from heron.db.models.constraints import UniqueConstraint
from heron.db.models.query import QuerySet

from .exceptions import NON_FIELD_ERRORS, ValidationError

__all__ = ["unique_checks", "unique_errors"]


def unique_checks(model: type[Any], exclude: Iterable[str] = ()) -> list[tuple[str, ...]]:
    """Return the field-name tuples that must be unique, skipping any touching ``exclude``."""
    skip = set(exclude)
    opts = model._meta
    checks: list[tuple[str, ...]] = [(field.name,) for field in opts.fields if field.unique]
    checks.extend(tuple(together) for together in opts.unique_together)
    checks.extend(
        tuple(constraint.fields)
        for constraint in opts.constraints
        if isinstance(constraint, UniqueConstraint)
    )
    seen: list[tuple[str, ...]] = []
    for check in checks:
        if check not in seen and not skip & set(check):
            seen.append(check)
    return seen


def _label(model: type[Any], name: str) -> str:
    text = str(model._meta.get_field(name).verbose_name)
    return text[:1].upper() + text[1:]


def unique_errors(instance: Any, exclude: Iterable[str] = ()) -> dict[str, list[ValidationError]]:
    """Query each applicable unique check; return the errors by field (or ``__all__``)."""
    model = type(instance)
    opts = model._meta
    errors: dict[str, list[ValidationError]] = {}
    for check in unique_checks(model, exclude):
        if check == (opts.pk.name,) and not instance._state.adding:
            continue  # an existing row's own key (a form that edits keys is rare; see docs)
        lookup: dict[str, Any] = {}
        for name in check:
            field = opts.get_field(name)
            value = instance.__dict__.get(field.attname)
            if value is None or (value == "" and field.null):
                lookup = {}
                break
            lookup[field.attname] = value
        if not lookup:
            continue
        qs = QuerySet(model).filter(**lookup)
        if not instance._state.adding and instance.pk is not None:
            qs = qs.exclude(pk=instance.pk)
        if not qs.exists():
            continue
        model_name = opts.verbose_name[:1].upper() + opts.verbose_name[1:]
        if len(check) == 1:
            errors.setdefault(check[0], []).append(
                ValidationError(
                    "%(model_name)s with this %(field_label)s already exists.",
                    code="unique",
                    params={"model_name": model_name, "field_label": _label(model, check[0])},
                )
            )
        else:
            labels = [_label(model, name) for name in check]
            errors.setdefault(NON_FIELD_ERRORS, []).append(
                ValidationError(
                    "%(model_name)s with this %(field_labels)s already exists.",
                    code="unique_together",
                    params={"model_name": model_name, "field_labels": " and ".join(labels)},
                )
            )
    return errors
