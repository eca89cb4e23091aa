"""Checks on the names a caller chooses (``annotate()`` and ``aggregate()`` aliases).

``field_attnames`` checks the field names of ``only()`` / ``defer()``. Field paths are
checked by resolving them against the model; an alias is new, so it is
checked by shape: it must be a Python identifier (letters, digits and ``_``, not starting
with a digit). Quotes, spaces, ``;``, ``--``, parentheses and NUL are rejected with
``FieldError`` before any SQL is built, so no caller-supplied name reaches the SQL text
other than as a quoted identifier the ORM already checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..exceptions import FieldDoesNotExist, FieldError

if TYPE_CHECKING:
    from ..base import Model

__all__ = ["check_alias", "field_attnames"]


def check_alias(name: object, where: str = "annotate") -> None:
    """Raise ``FieldError`` unless ``name`` is usable as a column alias."""
    if not isinstance(name, str) or not name.isidentifier():
        raise FieldError(
            f"{where}() alias {name!r} is not a valid name: use letters, digits and "
            "underscores, not starting with a digit."
        )


def field_attnames(model: type[Model], names: Sequence[str], method: str) -> set[str]:
    """The attnames of the concrete fields ``names`` (``only()`` / ``defer()``)."""
    opts = model._meta
    result = set()
    for name in names:
        try:
            field = opts.pk if name == "pk" else opts.get_field(name)
        except FieldDoesNotExist:
            field = None
        if field is None or field not in opts.fields:
            raise FieldError(
                f"{method}(): {opts.object_name} has no field {name!r}. Choices are: "
                f"{', '.join(f.name for f in opts.fields)}."
            )
        result.add(field.attname)
    return result
