"""createsuperuser and changepassword through click's runner."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from heron.contrib.auth.commands import changepassword, createsuperuser
from heron.contrib.auth.models import User


def run(command: Any, args: list[str], input: str = "", env: dict[str, str] | None = None) -> Any:
    return CliRunner().invoke(command, args, input=input, env=env or {})


def test_createsuperuser_noinput(db: str) -> None:
    result = run(
        createsuperuser.command,
        ["--noinput", "--username", "root", "--email", "root@example.com"],
        env={"HERON_SUPERUSER_PASSWORD": "a long passphrase"},
    )
    assert result.exit_code == 0, result.output
    assert result.output == "Superuser created successfully.\n"
    root = User.objects.get(username="root")
    assert root.is_superuser and root.is_staff and root.email == "root@example.com"
    assert root.check_password("a long passphrase")


def test_createsuperuser_noinput_without_password_makes_it_unusable(db: str) -> None:
    result = run(
        createsuperuser.command,
        ["--noinput"],
        env={"HERON_SUPERUSER_USERNAME": "ops", "HERON_SUPERUSER_EMAIL": "ops@example.com"},
    )
    assert result.exit_code == 0, result.output
    assert not User.objects.get(username="ops").has_usable_password()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--noinput", "--email", "x@example.com"], "You must use --username with --noinput."),
        (["--noinput", "--username", "root"], "You must use --email with --noinput."),
        (
            ["--noinput", "--username", "bad name!", "--email", "x@example.com"],
            "Enter a valid username: letters, digits and @ . + - _ only.",
        ),
        (
            ["--noinput", "--username", "taken", "--email", "x@example.com"],
            "That username is already taken.",
        ),
    ],
)
def test_createsuperuser_noinput_errors(db: str, args: list[str], message: str) -> None:
    User.objects.create_user("taken")
    result = run(createsuperuser.command, args)
    assert result.exit_code == 1
    assert result.output == f"Error: {message}\n"


def test_createsuperuser_interactive(db: str) -> None:
    User.objects.create_user("taken")
    answers = "\n".join(
        [
            "taken",  # refused: exists
            "admin",
            "admin@example.com",
            "a long passphrase",
            "a different one",  # mismatch: asked again
            "short",
            "short",  # too short: bypass? no
            "n",
            "a long passphrase",
            "a long passphrase",
            "",
        ]
    )
    result = run(createsuperuser.command, [], input=answers)
    assert result.exit_code == 0, result.output
    assert "Error: That username is already taken." in result.output
    assert "Error: the two passwords do not match." in result.output
    assert "This password is weak: This password is too short" in result.output
    assert result.output.endswith("Superuser created successfully.\n")
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.check_password("a long passphrase")


def test_changepassword(db: str) -> None:
    User.objects.create_user("ada", password="old password 1")
    result = run(
        changepassword.command,
        ["ada"],
        input="new passphrase 2\nnope\nnew passphrase 2\nnew passphrase 2\n",
    )
    assert result.exit_code == 0, result.output
    assert "Error: the two passwords do not match." in result.output
    assert result.output.endswith("Password changed for user 'ada'.\n")
    assert User.objects.get(username="ada").check_password("new passphrase 2")


def test_changepassword_errors(db: str) -> None:
    result = run(changepassword.command, ["ghost"])
    assert (result.exit_code, result.output) == (1, "Error: User 'ghost' does not exist.\n")
    User.objects.create_user("ada", password="old password 1")
    result = run(changepassword.command, ["ada"], input="a\nb\nc\nd\ne\nf\n")
    assert result.exit_code == 1
    assert result.output.endswith("Error: Too many attempts; the password of 'ada' is unchanged.\n")
