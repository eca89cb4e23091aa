"""``heron createsuperuser``: make a staff superuser, asking for each field, or
``--noinput`` with ``--username`` / ``--email`` and the password in
``HERON_SUPERUSER_PASSWORD`` (other required fields in ``HERON_SUPERUSER_<FIELD>``)."""

from __future__ import annotations

import getpass
import os
from typing import Any

import click

from heron.db.models import ValidationError

from ..password_validation import validate_password
from ..users import get_user_model

ENV_PREFIX = "HERON_SUPERUSER_"


def _clean(model: Any, name: str, raw: str) -> Any:
    """Run the model field's validation on ``raw``; raise ValidationError."""
    field = model._meta.get_field(name)
    value = field.to_python(raw)
    field.run_validators(value)
    if name == model.USERNAME_FIELD:
        value = model.normalize_username(value)
        if model.objects.filter(**{name: value}).exists():
            raise ValidationError(f"That {field.verbose_name} is already taken.")
    return value


def _ask_field(model: Any, name: str, default: str | None) -> Any:
    field = model._meta.get_field(name)
    label = str(field.verbose_name).capitalize()
    while True:
        raw = click.prompt(label, default=default or "", show_default=bool(default))
        if not raw and not getattr(field, "blank", False):
            click.echo(f"Error: {label} cannot be blank.", err=True)
            continue
        try:
            return _clean(model, name, raw)
        except ValidationError as exc:
            click.echo(f"Error: {'; '.join(exc.messages)}", err=True)


def _ask_password(user: Any) -> str:
    while True:
        password = click.prompt("Password", hide_input=True, default="", show_default=False)
        again = click.prompt("Password (again)", hide_input=True, default="", show_default=False)
        if password != again:
            click.echo("Error: the two passwords do not match.", err=True)
            continue
        if not password.strip():
            click.echo("Error: a blank password is not allowed.", err=True)
            continue
        try:
            validate_password(password, user)
        except ValidationError as exc:
            click.echo("This password is weak: " + " ".join(exc.messages), err=True)
            if not click.confirm("Bypass password validation and create the user anyway?"):
                continue
        return password


@click.command()
@click.option("--username", help="The new superuser's username (its USERNAME_FIELD).")
@click.option("--email", help="The new superuser's email address.")
@click.option(
    "--noinput",
    "--no-input",
    "noinput",
    is_flag=True,
    help="Ask nothing: the password comes from HERON_SUPERUSER_PASSWORD.",
)
def command(username: str | None, email: str | None, noinput: bool) -> None:
    """Create a superuser (staff, every permission)."""
    model = get_user_model()
    username_field = model.USERNAME_FIELD
    email_field = model.get_email_field_name()
    given: dict[str, Any] = {}
    try:
        if noinput:
            given = _from_environment(model, username, email)
        else:
            given = _interactive(model, username, email)
    except ValidationError as exc:
        raise click.ClickException("; ".join(exc.messages)) from None
    password = given.pop("password", None)
    name = given.pop(username_field)
    email_value = given.pop(email_field, None) if email_field != username_field else None
    model.objects.create_superuser(name, email_value, password, **given)
    click.echo("Superuser created successfully.")


def _required(model: Any) -> list[str]:
    names = [model.USERNAME_FIELD, *model.REQUIRED_FIELDS]
    return list(dict.fromkeys(names))


def _from_environment(model: Any, username: str | None, email: str | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    email_field = model.get_email_field_name()
    for name in _required(model):
        raw = os.environ.get(f"{ENV_PREFIX}{name.upper()}")
        if name == model.USERNAME_FIELD and username is not None:
            raw = username
        if name == email_field and email is not None:
            raw = email
        if raw is None:
            flag = f"--{name}" if name in ("username", "email") else f"{ENV_PREFIX}{name.upper()}"
            raise click.ClickException(f"You must use {flag} with --noinput.")
        values[name] = _clean(model, name, raw)
    if email is not None and email_field not in values:
        values[email_field] = email
    password = os.environ.get(f"{ENV_PREFIX}PASSWORD")
    if password is not None:
        values["password"] = password
    return values


def _interactive(model: Any, username: str | None, email: str | None) -> dict[str, Any]:
    values: dict[str, Any] = {}
    email_field = model.get_email_field_name()
    for name in _required(model):
        if name == model.USERNAME_FIELD and username is not None:
            values[name] = _clean(model, name, username)
        elif name == email_field and email is not None:
            values[name] = _clean(model, name, email)
        else:
            default = _default_username() if name == model.USERNAME_FIELD else None
            values[name] = _ask_field(model, name, default)
    user = model(**values)
    values["password"] = _ask_password(user)
    return values


def _default_username() -> str | None:
    try:
        return getpass.getuser().lower() or None
    except (KeyError, OSError):  # no user database entry (containers)
        return None
