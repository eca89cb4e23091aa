"""Sending email: messages, one-call helpers and pluggable backends.

Module map:

- ``message``: ``EmailMessage``, ``EmailMultiAlternatives`` (built on the stdlib's
  ``email.message.EmailMessage``), the header checks that raise ``BadHeaderError``.
- ``send``: ``send_mail``, ``send_mass_mail``, ``mail_admins``, ``mail_managers`` and their
  awaitable twins (``asend_mail``, ...).
- ``connection``: ``get_connection()``, an instance of ``EMAIL_BACKEND``.
- ``backends/``: ``smtp`` (default), ``console``, ``filebased``, ``locmem`` (tests; fills
  ``outbox``), ``dummy``.
- ``exceptions``: ``BadHeaderError``.
"""

from .backends.locmem import outbox as outbox
from .connection import get_connection as get_connection
from .exceptions import BadHeaderError as BadHeaderError
from .message import EmailMessage as EmailMessage
from .message import EmailMultiAlternatives as EmailMultiAlternatives
from .send import amail_admins as amail_admins
from .send import amail_managers as amail_managers
from .send import asend_mail as asend_mail
from .send import asend_mass_mail as asend_mass_mail
from .send import mail_admins as mail_admins
from .send import mail_managers as mail_managers
from .send import send_mail as send_mail
from .send import send_mass_mail as send_mass_mail

__all__ = [
    "BadHeaderError",
    "EmailMessage",
    "EmailMultiAlternatives",
    "amail_admins",
    "amail_managers",
    "asend_mail",
    "asend_mass_mail",
    "get_connection",
    "mail_admins",
    "mail_managers",
    "outbox",
    "send_mail",
    "send_mass_mail",
]
