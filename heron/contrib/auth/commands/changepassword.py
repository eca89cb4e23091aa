"""``heron changepassword [USERNAME]``: set a user's password (asked twice, validated)."""

from __future__ import annotations

import getpass

import click

from heron.db.models import ObjectDoesNotExist, ValidationError

from ..password_validation import validate_password
from ..users import get_user_model

ATTEMPTS = 3


@click.command()
@click.argument("username", required=False)
def command(username: str | None) -> None:
    """Change a user's password (default: the user named like your login)."""
    model = get_user_model()
    if username is None:
        username = getpass.getuser()
    try:
        user = model.objects.get_by_natural_key(username)
    except ObjectDoesNotExist:
        raise click.ClickException(f"User {username!r} does not exist.") from None
    click.echo(f"Changing password for user {user.get_username()!r}")
    for _ in range(ATTEMPTS):
        password = click.prompt("Password", hide_input=True, default="", show_default=False)
        again = click.prompt("Password (again)", hide_input=True, default="", show_default=False)
        if password != again:
            click.echo("Error: the two passwords do not match.", err=True)
            continue
        try:
            validate_password(password, user)
        except ValidationError as exc:
            click.echo("Error: " + " ".join(exc.messages), err=True)
            continue
        user.set_password(password)
        user.save()
        click.echo(f"Password changed for user {user.get_username()!r}.")
        return
    raise click.ClickException(
        f"Too many attempts; the password of {user.get_username()!r} is unchanged."
    )
