"""Errors of the forms room.

``ValidationError`` is the ground floor's (``heron.core.exceptions``): one class, so a
model's ``full_clean()`` errors and a form field's errors are interchangeable, and a plain form
never imports the ORM to get it. The tree::

    HeronError
     ├── ValidationError          (a value is invalid: messages with codes and params)
     └── MissingDependency        (also an ImportError: an optional package, e.g. Pillow for
                                   ImageField, is absent)
"""

from __future__ import annotations

from heron.core.exceptions import NON_FIELD_ERRORS as NON_FIELD_ERRORS
from heron.core.exceptions import HeronError
from heron.core.exceptions import ValidationError as ValidationError

__all__ = ["NON_FIELD_ERRORS", "MissingDependency", "ValidationError"]


class MissingDependency(HeronError, ImportError):
    """An optional package a form field needs is not installed; the message names the fix."""
