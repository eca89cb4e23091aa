"""Password rules: ``validate_password()`` runs the validators in ``AUTH_PASSWORD_VALIDATORS``.

Each entry is ``{"NAME": "dotted.path.Validator", "OPTIONS": {...}}``; OPTIONS become the
constructor's keyword arguments. A validator is any object with
``validate(password, user=None)`` (raising ``ValidationError``) and ``get_help_text()``;
it may also have ``password_changed(password, user=None)``.

Built in:

- ``MinimumLengthValidator(min_length=8)``
- ``UserAttributeSimilarityValidator(user_attributes=..., max_similarity=0.7)``: too close to
  the username, names or email address (or a part of one).
- ``CommonPasswordValidator(password_list_path=...)``: on a list of 30,000 common passwords
  (``common-passwords.txt.gz`` beside this module; one per line, ``#`` starts a comment).
- ``NumericPasswordValidator``: digits only.
"""

from __future__ import annotations

import functools
import gzip
import importlib
import re
from collections.abc import Iterable, Mapping, Sequence
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any, Protocol

from markupsafe import Markup, escape

from heron.conf import ImproperlyConfigured, settings
from heron.forms import ValidationError

__all__ = [
    "DEFAULT_PASSWORD_LIST_PATH",
    "CommonPasswordValidator",
    "MinimumLengthValidator",
    "NumericPasswordValidator",
    "PasswordValidator",
    "UserAttributeSimilarityValidator",
    "get_default_password_validators",
    "get_password_validators",
    "password_changed",
    "password_validators_help_text_html",
    "password_validators_help_texts",
    "validate_password",
]

DEFAULT_PASSWORD_LIST_PATH = Path(__file__).with_name("common-passwords.txt.gz")


class PasswordValidator(Protocol):
    """What ``validate_password`` needs from a validator."""

    def validate(self, password: str, user: Any = None) -> None: ...

    def get_help_text(self) -> str: ...


def get_password_validators(config: Iterable[Mapping[str, Any]]) -> list[PasswordValidator]:
    """Build validators from ``[{"NAME": path, "OPTIONS": {...}}, ...]``."""
    validators = []
    for entry in config:
        if not isinstance(entry, Mapping) or "NAME" not in entry:
            raise ImproperlyConfigured(
                "AUTH_PASSWORD_VALIDATORS entries are dicts like "
                "{'NAME': 'heron.contrib.auth.password_validation.MinimumLengthValidator', "
                f"'OPTIONS': {{'min_length': 12}}}}; got {entry!r}."
            )
        path = entry["NAME"]
        module_name, _, name = str(path).rpartition(".")
        try:
            klass = getattr(importlib.import_module(module_name), name)
        except (ImportError, AttributeError, ValueError):
            raise ImproperlyConfigured(
                f"The password validator {path!r} in AUTH_PASSWORD_VALIDATORS could not be "
                "imported. Check the dotted path."
            ) from None
        validators.append(klass(**entry.get("OPTIONS", {})))
    return validators


def get_default_password_validators() -> list[PasswordValidator]:
    """Return the validators configured in ``AUTH_PASSWORD_VALIDATORS``."""
    return get_password_validators(settings.AUTH_PASSWORD_VALIDATORS)


def validate_password(
    password: str,
    user: Any = None,
    password_validators: Sequence[PasswordValidator] | None = None,
) -> None:
    """Raise ``ValidationError`` carrying every failed rule's message, or return None.

    ``user`` (saved or not) lets the similarity validator compare against its attributes.
    """
    if password_validators is None:
        password_validators = get_default_password_validators()
    errors: list[ValidationError] = []
    for validator in password_validators:
        try:
            validator.validate(password, user)
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)


def password_changed(
    password: str,
    user: Any = None,
    password_validators: Sequence[PasswordValidator] | None = None,
) -> None:
    """Tell the validators that have a ``password_changed`` hook that the password changed.

    (None of the built-in ones do; a password-history validator would record it here.)
    """
    if password_validators is None:
        password_validators = get_default_password_validators()
    for validator in password_validators:
        hook = getattr(validator, "password_changed", None)
        if hook is not None:
            hook(password, user)


def password_validators_help_texts(
    password_validators: Sequence[PasswordValidator] | None = None,
) -> list[str]:
    """Return each validator's help text, for showing beside a password field."""
    if password_validators is None:
        password_validators = get_default_password_validators()
    return [validator.get_help_text() for validator in password_validators]


def password_validators_help_text_html(
    password_validators: Sequence[PasswordValidator] | None = None,
) -> Markup:
    """Return the help texts as an HTML ``<ul>`` (empty when there are no validators)."""
    items = [
        f"<li>{escape(text)}</li>" for text in password_validators_help_texts(password_validators)
    ]
    return Markup(f"<ul>{''.join(items)}</ul>" if items else "")


class MinimumLengthValidator:
    """Reject passwords shorter than ``min_length`` characters."""

    def __init__(self, min_length: int = 8) -> None:
        self.min_length = min_length

    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                "This password is too short: use at least %(min_length)d characters.",
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self) -> str:
        return f"Your password must have at least {self.min_length} characters."


_WORD_SPLIT = re.compile(r"\W+")


class UserAttributeSimilarityValidator:
    """Reject passwords too similar to the user's attributes (username, names, email).

    Each attribute value, and each word of it (``ana.lima@example.com`` gives ``ana``,
    ``lima``, ``example``, ``com``), is compared with the password; a similarity ratio at or
    above ``max_similarity`` (0 to 1, ``difflib`` ratio, case ignored) fails.
    """

    DEFAULT_USER_ATTRIBUTES = ("username", "first_name", "last_name", "email")

    def __init__(
        self, user_attributes: Sequence[str] = DEFAULT_USER_ATTRIBUTES, max_similarity: float = 0.7
    ) -> None:
        if max_similarity < 0.1:
            raise ValueError(
                "max_similarity must be at least 0.1; lower values would reject almost any "
                "password."
            )
        self.user_attributes = tuple(user_attributes)
        self.max_similarity = max_similarity

    def validate(self, password: str, user: Any = None) -> None:
        if user is None:
            return
        lowered = password.lower()
        for attribute in self.user_attributes:
            value = getattr(user, attribute, None)
            if not isinstance(value, str) or not value:
                continue
            candidates = {value.lower(), *_WORD_SPLIT.split(value.lower())} - {""}
            if any(self._similar(lowered, candidate) for candidate in candidates):
                raise ValidationError(
                    "This password is too similar to your %(verbose_name)s.",
                    code="password_too_similar",
                    params={"verbose_name": _verbose_name(user, attribute)},
                )

    def _similar(self, password: str, value: str) -> bool:
        matcher = SequenceMatcher(a=password, b=value)
        # The cheap upper bounds first: a long password and a short name can never be close,
        # which also keeps a megabyte-long password from costing a full comparison.
        return (
            matcher.real_quick_ratio() >= self.max_similarity
            and matcher.quick_ratio() >= self.max_similarity
            and matcher.ratio() >= self.max_similarity
        )

    def get_help_text(self) -> str:
        return "Your password can't be too similar to your other personal information."


def _verbose_name(user: Any, attribute: str) -> str:
    meta = getattr(user, "_meta", None)
    try:
        field = meta.get_field(attribute)  # type: ignore[union-attr]
        name = str(field.verbose_name)
    except Exception:  # no model metadata, or no such field: fall back to the name
        name = attribute.replace("_", " ")
    return name


@functools.lru_cache(maxsize=4)
def _load_password_list(path: str) -> frozenset[str]:
    try:
        with gzip.open(path, "rt", encoding="utf-8") as file:
            lines = file.read().splitlines()
    except gzip.BadGzipFile:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ImproperlyConfigured(
            f"CommonPasswordValidator could not read its password list {path!r}: {exc}."
        ) from exc
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


class CommonPasswordValidator:
    """Reject passwords on a list of common ones (case ignored).

    ``password_list_path`` names another list: plain text or gzip, one password per line.
    """

    def __init__(self, password_list_path: str | Path = DEFAULT_PASSWORD_LIST_PATH) -> None:
        self.password_list_path = str(password_list_path)

    @property
    def passwords(self) -> frozenset[str]:
        """The list, read once per process."""
        return _load_password_list(self.password_list_path)

    def validate(self, password: str, user: Any = None) -> None:
        if password.strip().lower() in self.passwords:
            raise ValidationError(
                "This password is too common: it is on the lists attackers try first.",
                code="password_too_common",
            )

    def get_help_text(self) -> str:
        return "Your password can't be a commonly used password."


class NumericPasswordValidator:
    """Reject passwords made only of digits."""

    def validate(self, password: str, user: Any = None) -> None:
        if password.isdigit():
            raise ValidationError(
                "This password is entirely numeric: add letters or symbols.",
                code="password_entirely_numeric",
            )

    def get_help_text(self) -> str:
        return "Your password can't be entirely numeric."
