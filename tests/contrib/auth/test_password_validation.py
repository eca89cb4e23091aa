"""Password validators through validate_password() and the help-text functions."""

from __future__ import annotations

import gzip
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from heron.conf import ImproperlyConfigured, settings
from heron.contrib.auth.password_validation import (
    DEFAULT_PASSWORD_LIST_PATH,
    CommonPasswordValidator,
    MinimumLengthValidator,
    NumericPasswordValidator,
    UserAttributeSimilarityValidator,
    get_default_password_validators,
    get_password_validators,
    password_changed,
    password_validators_help_text_html,
    password_validators_help_texts,
    validate_password,
)
from heron.forms import ValidationError

pytestmark = pytest.mark.usefixtures("configured")

USER = SimpleNamespace(
    username="ana_lima", first_name="Ana", last_name="Lima", email="ana.lima@example.com"
)


def errors(password: str, user: Any = None, validators: Any = None) -> list[tuple[str, str]]:
    try:
        validate_password(password, user, validators)
    except ValidationError as error:
        return [(e.code or "", m) for e, m in zip(error.error_list, error.messages, strict=True)]
    return []


def test_default_validators() -> None:
    names = [type(v).__name__ for v in get_default_password_validators()]
    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]
    assert errors("x7!Kq9#mZ2vL", USER) == []


def test_every_failed_rule_is_reported() -> None:
    assert errors("1234567") == [
        ("password_too_short", "This password is too short: use at least 8 characters."),
        (
            "password_too_common",
            "This password is too common: it is on the lists attackers try first.",
        ),
        (
            "password_entirely_numeric",
            "This password is entirely numeric: add letters or symbols.",
        ),
    ]


def test_minimum_length() -> None:
    validators = [MinimumLengthValidator(min_length=12)]
    assert errors("elevenchars", validators=validators) == [
        ("password_too_short", "This password is too short: use at least 12 characters.")
    ]
    assert errors("twelve chars", validators=validators) == []
    assert validators[0].get_help_text() == "Your password must have at least 12 characters."


@pytest.mark.parametrize(
    ("password", "attribute"),
    [
        ("ana_lima", "username"),
        ("Ana_Lima1", "username"),
        ("ana.lima@example.com", "email"),
        ("examplex", "email"),  # close to one word of the address
        ("LIMAS", "last name"),
    ],
)
def test_similar_to_user_attributes(password: str, attribute: str) -> None:
    assert errors(password, USER, [UserAttributeSimilarityValidator()]) == [
        ("password_too_similar", f"This password is too similar to your {attribute}.")
    ]


def test_not_similar_enough() -> None:
    validator = UserAttributeSimilarityValidator()
    assert errors("correct horse battery staple", USER, [validator]) == []
    assert errors("ana_lima", None, [validator]) == []  # no user, nothing to compare
    assert errors("x" * 100_000 + "ana", USER, [validator]) == []  # long: cut short by bounds
    strict = UserAttributeSimilarityValidator(user_attributes=["first_name"], max_similarity=0.3)
    assert errors("banana", USER, [strict]) == [
        ("password_too_similar", "This password is too similar to your first name.")
    ]


def test_similarity_uses_the_model_fields_verbose_name() -> None:
    field = SimpleNamespace(verbose_name="e-mail address")
    meta = SimpleNamespace(get_field=lambda name: field)
    user = SimpleNamespace(email="bo.silva@example.com", _meta=meta)
    assert errors("bo.silva@example.com", user, [UserAttributeSimilarityValidator()]) == [
        ("password_too_similar", "This password is too similar to your e-mail address.")
    ]


def test_similarity_bound() -> None:
    with pytest.raises(ValueError, match=r"^max_similarity must be at least 0\.1"):
        UserAttributeSimilarityValidator(max_similarity=0.05)


def test_bundled_common_passwords() -> None:
    validator = CommonPasswordValidator()
    assert len(validator.passwords) == 30_000
    assert {"password", "123456", "qwerty", "letmein"} <= validator.passwords
    for password in ("password", "PassWord", " letmein ", "Dragon"):
        assert errors(password, validators=[validator]) == [
            (
                "password_too_common",
                "This password is too common: it is on the lists attackers try first.",
            )
        ]
    assert errors("purple-giraffe-orbit", validators=[validator]) == []
    with gzip.open(DEFAULT_PASSWORD_LIST_PATH, "rt") as file:
        assert file.readline().startswith("# The 30,000 most common passwords")


def test_own_password_lists(tmp_path: Path) -> None:
    plain = tmp_path / "words.txt"
    plain.write_text("# ours\nHeron\nwading bird\n")
    packed = tmp_path / "words.txt.gz"
    packed.write_bytes(gzip.compress(b"egret\n"))
    assert CommonPasswordValidator(plain).passwords == frozenset({"heron", "wading bird"})
    assert errors("HERON", validators=[CommonPasswordValidator(str(plain))])
    assert errors("egret", validators=[CommonPasswordValidator(packed)])
    with pytest.raises(ImproperlyConfigured, match="could not read its password list"):
        CommonPasswordValidator(tmp_path / "missing.txt").validate("x")


def test_numeric() -> None:
    validator = NumericPasswordValidator()
    assert errors("8675309123", validators=[validator])
    assert errors("8675309x", validators=[validator]) == []
    assert validator.get_help_text() == "Your password can't be entirely numeric."


def test_help_texts() -> None:
    assert password_validators_help_texts() == [
        "Your password can't be too similar to your other personal information.",
        "Your password must have at least 8 characters.",
        "Your password can't be a commonly used password.",
        "Your password can't be entirely numeric.",
    ]
    assert password_validators_help_text_html([NumericPasswordValidator()]) == (
        "<ul><li>Your password can&#39;t be entirely numeric.</li></ul>"
    )
    assert password_validators_help_text_html([]) == ""


def test_settings_options_and_errors() -> None:
    settings.AUTH_PASSWORD_VALIDATORS = [
        {
            "NAME": "heron.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 20},
        }
    ]
    assert errors("short but not twenty") == []
    assert errors("short") == [
        ("password_too_short", "This password is too short: use at least 20 characters.")
    ]
    settings.AUTH_PASSWORD_VALIDATORS = []
    assert errors("1") == []
    with pytest.raises(ImproperlyConfigured) as info:
        get_password_validators([{"NAME": "heron.contrib.auth.password_validation.Nope"}])
    assert str(info.value) == (
        "The password validator 'heron.contrib.auth.password_validation.Nope' in "
        "AUTH_PASSWORD_VALIDATORS could not be imported. Check the dotted path."
    )
    with pytest.raises(ImproperlyConfigured, match="entries are dicts like"):
        get_password_validators(["MinimumLengthValidator"])  # type: ignore[list-item]


class HistoryValidator:
    """A validator with the optional password_changed hook."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, Any]] = []

    def validate(self, password: str, user: Any = None) -> None:
        if any(password == old for old, _ in self.seen):
            raise ValidationError("You used this password before.", code="password_reused")

    def get_help_text(self) -> str:
        return "Your password can't be one you used before."

    def password_changed(self, password: str, user: Any = None) -> None:
        self.seen.append((password, user))


def test_password_changed_calls_the_hooks() -> None:
    history = HistoryValidator()
    validators = [history, NumericPasswordValidator()]
    password_changed("first-password", USER, validators)
    assert history.seen == [("first-password", USER)]
    assert errors("first-password", USER, validators) == [
        ("password_reused", "You used this password before.")
    ]
    password_changed("anything")  # the default validators have no hook: nothing happens
