"""One-call helpers: ``send_mail``, ``send_mass_mail``, ``mail_admins``, ``mail_managers``.

Each has an awaitable twin (``asend_mail``, ...). The twins build the same messages with the
same code and differ only in the last step: ``send_messages()`` or ``await
asend_messages()``, which runs the backend's blocking I/O in Heron's thread pool.
"""

from __future__ import annotations

import email.utils
from collections.abc import Iterable, Sequence
from typing import Any

from heron.conf import ImproperlyConfigured, settings

from .backends.base import BaseEmailBackend
from .connection import get_connection
from .message import EmailMessage, EmailMultiAlternatives

__all__ = [
    "amail_admins",
    "amail_managers",
    "asend_mail",
    "asend_mass_mail",
    "mail_admins",
    "mail_managers",
    "send_mail",
    "send_mass_mail",
]

MassMailTuple = tuple[str, str, str | None, Sequence[str]]


def _connection(
    connection: BaseEmailBackend | None,
    fail_silently: bool,
    auth_user: str | None,
    auth_password: str | None,
) -> BaseEmailBackend:
    if connection is not None:
        return connection
    return get_connection(fail_silently=fail_silently, username=auth_user, password=auth_password)


def _mail(
    subject: str,
    message: str,
    from_email: str | None,
    recipient_list: Sequence[str],
    connection: BaseEmailBackend,
    html_message: str | None,
) -> EmailMultiAlternatives:
    mail = EmailMultiAlternatives(
        subject, message, from_email, recipient_list, connection=connection
    )
    if html_message is not None:
        mail.attach_alternative(html_message, "text/html")
    return mail


def send_mail(
    subject: str,
    message: str,
    from_email: str | None,
    recipient_list: Sequence[str],
    fail_silently: bool = False,
    auth_user: str | None = None,
    auth_password: str | None = None,
    connection: BaseEmailBackend | None = None,
    html_message: str | None = None,
) -> int:
    """Send one message to ``recipient_list`` (all in its To header); return 1 or 0.

    ``from_email=None`` uses ``DEFAULT_FROM_EMAIL``; ``html_message`` adds an HTML
    alternative to the plain-text ``message``.
    """
    conn = _connection(connection, fail_silently, auth_user, auth_password)
    return _mail(subject, message, from_email, recipient_list, conn, html_message).send()


async def asend_mail(
    subject: str,
    message: str,
    from_email: str | None,
    recipient_list: Sequence[str],
    fail_silently: bool = False,
    auth_user: str | None = None,
    auth_password: str | None = None,
    connection: BaseEmailBackend | None = None,
    html_message: str | None = None,
) -> int:
    """Async twin of ``send_mail()``: the sending runs off the event loop."""
    conn = _connection(connection, fail_silently, auth_user, auth_password)
    return await _mail(subject, message, from_email, recipient_list, conn, html_message).asend()


def _mass(datatuple: Iterable[MassMailTuple], connection: BaseEmailBackend) -> list[EmailMessage]:
    return [
        EmailMessage(subject, body, sender, recipients, connection=connection)
        for subject, body, sender, recipients in datatuple
    ]


def send_mass_mail(
    datatuple: Iterable[MassMailTuple],
    fail_silently: bool = False,
    auth_user: str | None = None,
    auth_password: str | None = None,
    connection: BaseEmailBackend | None = None,
) -> int:
    """Send ``(subject, body, from_email, recipients)`` tuples over one connection.

    Return how many were sent. A bad header in any message stops the batch before the first
    is sent.
    """
    conn = _connection(connection, fail_silently, auth_user, auth_password)
    return conn.send_messages(_mass(datatuple, conn))


async def asend_mass_mail(
    datatuple: Iterable[MassMailTuple],
    fail_silently: bool = False,
    auth_user: str | None = None,
    auth_password: str | None = None,
    connection: BaseEmailBackend | None = None,
) -> int:
    """Async twin of ``send_mass_mail()``."""
    conn = _connection(connection, fail_silently, auth_user, auth_password)
    return await conn.asend_messages(_mass(datatuple, conn))


def _people(setting: str) -> list[str]:
    """Return the addresses in ``ADMINS`` or ``MANAGERS`` (strings or (name, email) pairs)."""
    value: Any = getattr(settings, setting)
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise ImproperlyConfigured(
            f"{setting} must be a list of addresses, e.g. {setting} = ['ops@example.com']."
        )
    people = []
    for item in value:
        if isinstance(item, str):
            people.append(item)
        elif isinstance(item, list | tuple) and len(item) == 2:
            people.append(email.utils.formataddr((item[0], item[1])))
        else:
            raise ImproperlyConfigured(
                f"{setting} entries are addresses ('ops@example.com') or (name, address) "
                f"pairs; got {item!r}."
            )
    return people


def _staff_mail(
    setting: str,
    subject: str,
    message: str,
    fail_silently: bool,
    connection: BaseEmailBackend | None,
    html_message: str | None,
) -> EmailMultiAlternatives | None:
    recipients = _people(setting)
    if not recipients:
        return None
    conn = connection or get_connection(fail_silently=fail_silently)
    return _mail(
        f"{settings.EMAIL_SUBJECT_PREFIX}{subject}",
        message,
        settings.SERVER_EMAIL,
        recipients,
        conn,
        html_message,
    )


def mail_admins(
    subject: str,
    message: str,
    fail_silently: bool = False,
    connection: BaseEmailBackend | None = None,
    html_message: str | None = None,
) -> int:
    """Send a message to ``ADMINS`` from ``SERVER_EMAIL``, subject prefixed by
    ``EMAIL_SUBJECT_PREFIX``; does nothing (returns 0) when ``ADMINS`` is empty."""
    mail = _staff_mail("ADMINS", subject, message, fail_silently, connection, html_message)
    return mail.send() if mail is not None else 0


async def amail_admins(
    subject: str,
    message: str,
    fail_silently: bool = False,
    connection: BaseEmailBackend | None = None,
    html_message: str | None = None,
) -> int:
    """Async twin of ``mail_admins()``."""
    mail = _staff_mail("ADMINS", subject, message, fail_silently, connection, html_message)
    return await mail.asend() if mail is not None else 0


def mail_managers(
    subject: str,
    message: str,
    fail_silently: bool = False,
    connection: BaseEmailBackend | None = None,
    html_message: str | None = None,
) -> int:
    """Like ``mail_admins()``, to ``MANAGERS``."""
    mail = _staff_mail("MANAGERS", subject, message, fail_silently, connection, html_message)
    return mail.send() if mail is not None else 0


async def amail_managers(
    subject: str,
    message: str,
    fail_silently: bool = False,
    connection: BaseEmailBackend | None = None,
    html_message: str | None = None,
) -> int:
    """Async twin of ``mail_managers()``."""
    mail = _staff_mail("MANAGERS", subject, message, fail_silently, connection, html_message)
    return await mail.asend() if mail is not None else 0
