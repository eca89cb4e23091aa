"""Send email through an SMTP server (smtplib), with STARTTLS or implicit TLS.

One backend instance holds at most one connection. ``send_messages()`` opens it when needed
and closes it afterwards, unless it was already open (``with get_connection() as c:``), so
a batch goes over one connection. A lock makes one instance safe to share between threads.
"""

from __future__ import annotations

import smtplib
import ssl
import threading
from collections.abc import Sequence
from email.message import EmailMessage as MIMEMessage
from typing import TYPE_CHECKING, Any

from heron.conf import ImproperlyConfigured, settings

from ..hostname import local_hostname
from .base import BaseEmailBackend

if TYPE_CHECKING:
    from ..message import EmailMessage

__all__ = ["EmailBackend"]


class EmailBackend(BaseEmailBackend):
    """Send through ``EMAIL_HOST``:``EMAIL_PORT``; every argument overrides its setting.

    ``use_tls`` upgrades a plain connection with STARTTLS (usually port 587), ``use_ssl``
    speaks TLS from the first byte (usually port 465). ``ssl_context`` replaces the default
    (system CAs, hostname checked), e.g. for a server with a private CA.
    ``timeout`` (seconds) bounds every socket operation. With ``fail_silently`` connection and
    SMTP errors make ``send_messages()`` return the number sent instead of raising.
    """

    def __init__(
        self,
        host: str | None = None,
        port: int | None = None,
        username: str | None = None,
        password: str | None = None,
        use_tls: bool | None = None,
        fail_silently: bool = False,
        use_ssl: bool | None = None,
        timeout: float | None = None,
        ssl_keyfile: str | None = None,
        ssl_certfile: str | None = None,
        ssl_context: ssl.SSLContext | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.host: str = host or settings.EMAIL_HOST
        self.port = int(port if port is not None else settings.EMAIL_PORT)
        self.username: str = settings.EMAIL_HOST_USER if username is None else username
        self.password: str = settings.EMAIL_HOST_PASSWORD if password is None else password
        self.use_tls = bool(settings.EMAIL_USE_TLS if use_tls is None else use_tls)
        self.use_ssl = bool(settings.EMAIL_USE_SSL if use_ssl is None else use_ssl)
        raw_timeout = settings.EMAIL_TIMEOUT if timeout is None else timeout
        self.timeout = float(raw_timeout) if raw_timeout not in (None, "") else None
        self.ssl_keyfile = settings.EMAIL_SSL_KEYFILE if ssl_keyfile is None else ssl_keyfile
        self.ssl_certfile = settings.EMAIL_SSL_CERTFILE if ssl_certfile is None else ssl_certfile
        if self.use_tls and self.use_ssl:
            raise ImproperlyConfigured(
                "EMAIL_USE_TLS and EMAIL_USE_SSL are both on; turn one off. Use "
                "EMAIL_USE_TLS = True for STARTTLS (usually EMAIL_PORT = 587) or "
                "EMAIL_USE_SSL = True for implicit TLS (usually EMAIL_PORT = 465)."
            )
        if self.ssl_keyfile and not self.ssl_certfile:
            raise ImproperlyConfigured(
                "EMAIL_SSL_KEYFILE is set without EMAIL_SSL_CERTFILE: set the client "
                "certificate too, or remove the key file."
            )
        self._ssl_context = ssl_context
        self.connection: smtplib.SMTP | None = None
        self._lock = threading.RLock()

    @property
    def ssl_context(self) -> ssl.SSLContext:
        """The TLS context for STARTTLS and implicit TLS (with the client certificate, if set)."""
        if self._ssl_context is None:
            context = ssl.create_default_context()
            if self.ssl_certfile:
                context.load_cert_chain(self.ssl_certfile, self.ssl_keyfile or None)
            self._ssl_context = context
        return self._ssl_context

    def open(self) -> bool:
        """Connect (and STARTTLS, and log in) unless connected; return True if this call did."""
        if self.connection is not None:
            return False
        try:
            # Without a timeout given, smtplib follows socket.getdefaulttimeout().
            options: dict[str, Any] = {"local_hostname": local_hostname()}
            if self.timeout is not None:
                options["timeout"] = self.timeout
            connection: smtplib.SMTP
            if self.use_ssl:
                connection = smtplib.SMTP_SSL(
                    self.host, self.port, context=self.ssl_context, **options
                )
            else:
                connection = smtplib.SMTP(self.host, self.port, **options)
            try:
                if self.use_tls:
                    connection.starttls(context=self.ssl_context)
                if self.username and self.password:
                    connection.login(self.username, self.password)
            except BaseException:
                connection.close()
                raise
        except (smtplib.SMTPException, OSError):
            if self.fail_silently:
                return False
            raise
        self.connection = connection
        return True

    def close(self) -> None:
        """Say QUIT and close the connection (errors are ignored: the message is already sent)."""
        if self.connection is None:
            return
        try:
            try:
                self.connection.quit()
            except (ssl.SSLError, smtplib.SMTPServerDisconnected, OSError):
                self.connection.close()
            except smtplib.SMTPException:
                if not self.fail_silently:
                    raise
        finally:
            self.connection = None

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        if not email_messages:
            return 0
        # Build everything first: a bad header stops the batch before anything is sent.
        built = [(message, message.message()) for message in email_messages]
        with self._lock:
            new = self.open()
            if self.connection is None:
                return 0  # could not connect, and fail_silently is on
            sent = 0
            try:
                for message, msg in built:
                    if self._send(message, msg):
                        sent += 1
            finally:
                if new:
                    self.close()
        return sent

    def _send(self, message: EmailMessage, msg: MIMEMessage) -> bool:
        recipients = message.recipients()
        if not recipients or self.connection is None:
            return False
        try:
            self.connection.send_message(msg, message.from_email, recipients)
        except (smtplib.SMTPException, OSError):
            if not self.fail_silently:
                raise
            return False
        return True
