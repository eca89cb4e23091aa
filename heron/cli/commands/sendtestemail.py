"""``heron sendtestemail``: send one message to check the email settings."""

from __future__ import annotations

import datetime

import click

from heron.cli.project import load_project


@click.command()
@click.argument("addresses", nargs=-1, metavar="[ADDRESS]...")
@click.option("--admins", is_flag=True, help="Send to the addresses in ADMINS too.")
@click.option("--managers", is_flag=True, help="Send to the addresses in MANAGERS too.")
def command(addresses: tuple[str, ...], admins: bool, managers: bool) -> None:
    """Send a test email to ADDRESS (and ADMINS / MANAGERS) with the project's settings."""
    if not (addresses or admins or managers):
        raise click.UsageError("Give at least one address, or --admins / --managers.")
    load_project()
    # Imported after setup, and only by this command, so `heron --help` stays cheap.
    from heron.conf import ImproperlyConfigured
    from heron.mail import EmailMessage, mail_admins, mail_managers
    from heron.mail.hostname import local_hostname

    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    subject = f"Test email from {local_hostname()} on {stamp}"
    body = "If you are reading this, Heron sent it and your email settings work."
    try:
        if addresses:
            EmailMessage(subject, body, to=list(addresses)).send()
            click.echo(f"Sent to {', '.join(addresses)}.")
        if admins:
            click.echo("Sent to ADMINS." if mail_admins(subject, body) else "ADMINS is empty.")
        if managers:
            sent = mail_managers(subject, body)
            click.echo("Sent to MANAGERS." if sent else "MANAGERS is empty.")
    except (OSError, ValueError, ImproperlyConfigured) as exc:
        raise click.ClickException(f"Could not send the test email: {exc}") from None
