"""Errors of the forms room.

``ValidationError`` is the model layer's (``heron.db.models.exceptions``): one class, so a
model's ``full_clean()`` errors and a form field's errors are interchangeable. The tree::

    Exception
     ├── ValidationError          (a value is invalid: messages with codes and params)
     └── ImportError
          └── MissingDependency   (an optional package, e.g. Pillow for ImageField, is absent)
"""

from __future__ import annotations

from heron.db.models.exceptions import NON_FIELD_ERRORS as NON_FIELD_ERRORS
from heron.db.models.exceptions import ValidationError as ValidationError

__all__ = ["NON_FIELD_ERRORS", "MissingDependency", "ValidationError"]


class MissingDependency(ImportError):
    """An optional package a form field needs is not installed; the message names the fix."""
