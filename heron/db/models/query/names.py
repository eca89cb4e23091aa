"""Checks on the names a caller chooses (``annotate()`` and ``aggregate()`` aliases).

Field paths are checked by resolving them against the model; an alias is new, so it is
checked by shape: it must be a Python identifier (letters, digits and ``_``, not starting
with a digit). Quotes, spaces, ``;``, ``--``, parentheses and NUL are rejected with
``FieldError`` before any SQL is built, so no caller-supplied name reaches the SQL text
other than as a quoted identifier the ORM already checked.
"""

from __future__ import annotations

from ..exceptions import FieldError

__all__ = ["check_alias"]


def check_alias(name: object, where: str = "annotate") -> None:
    """Raise ``FieldError`` unless ``name`` is usable as a column alias."""
    if not isinstance(name, str) or not name.isidentifier():
        raise FieldError(
            f"{where}() alias {name!r} is not a valid name: use letters, digits and "
            "underscores, not starting with a digit."
        )
