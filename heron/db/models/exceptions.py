"""Errors raised by the model layer (the whole tree is drawn in ``heron.core.exceptions``).

HeronError
 ├── ObjectDoesNotExist            (each model's DoesNotExist subclasses it)
 ├── MultipleObjectsReturned       (each model's MultipleObjectsReturned subclasses it)
 ├── FieldError                    (a field name or option that does not fit the model)
 │    └── FieldDoesNotExist        (``_meta.get_field`` with an unknown name)
 ├── ValidationError               (``full_clean()``: messages per field; heron.core's)
 └── RelationLoaderMissing         (also a RuntimeError: a lazy load with no loader hook)
"""

from __future__ import annotations

from heron.core.exceptions import NON_FIELD_ERRORS as NON_FIELD_ERRORS
from heron.core.exceptions import HeronError
from heron.core.exceptions import ValidationError as ValidationError

__all__ = [
    "NON_FIELD_ERRORS",
    "FieldDoesNotExist",
    "FieldError",
    "MultipleObjectsReturned",
    "ObjectDoesNotExist",
    "RelationLoaderMissing",
    "ValidationError",
]


class ObjectDoesNotExist(HeronError):
    """The query found no row; ``except Model.DoesNotExist`` catches a subclass of it."""


class MultipleObjectsReturned(HeronError):
    """The query expected one row and found more."""


class FieldError(HeronError):
    """A field name, lookup or option does not fit the model."""


class FieldDoesNotExist(FieldError):
    """The model has no field of that name."""


class RelationLoaderMissing(HeronError, RuntimeError):
    """A relation or deferred field needs a query, but no loader hook is installed."""
