"""Fixtures for the email tests: settings with the in-memory backend, a real SMTP server.

The SMTP server is aiosmtpd running in a thread on a free port; it records every message it
accepts. ``test-only-localhost.pem`` is a self-signed certificate and key for ``localhost``
and ``127.0.0.1``, made for these tests and trusted by nothing else.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP as SMTPServer
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

from heron.mail import EmailMessage
from heron.test.environment import setup_test_environment

CERT = str(Path(__file__).with_name("test-only-localhost.pem"))
USER, PASSWORD = "mailer", "s3cret-pass"


@pytest.fixture
def mail_settings(configured: None) -> None:
    """Minimal settings, prepared as the pytest plugin prepares a project's."""
    setup_test_environment()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes
    peer: Any


@dataclass
class Recorder:
    """An aiosmtpd handler that keeps what it is sent."""

    messages: list[Received] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)

    async def handle_DATA(self, server: SMTPServer, session: Session, envelope: Envelope) -> str:
        assert envelope.mail_from is not None and isinstance(envelope.content, bytes)
        self.messages.append(
            Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content, session.peer)
        )
        return "250 OK"

    def authenticate(
        self, server: SMTPServer, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        ok = isinstance(data, LoginPassword) and (data.login, data.password) == (
            USER.encode(),
            PASSWORD.encode(),
        )
        if ok:
            self.logins.append(USER)
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd replies 535


@dataclass
class SMTPSink:
    host: str
    port: int
    recorder: Recorder

    @property
    def messages(self) -> list[Received]:
        return self.recorder.messages


def server_context() -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(CERT)
    return context


def client_context() -> ssl.SSLContext:
    return ssl.create_default_context(cafile=CERT)


@pytest.fixture
def smtp_server() -> Iterator[Callable[..., SMTPSink]]:
    """Start an SMTP server: ``smtp_server()`` plain, ``smtp_server(starttls=True)``, ...."""
    controllers: list[Controller] = []

    def start(*, starttls: bool = False, implicit_tls: bool = False) -> SMTPSink:
        recorder = Recorder()
        port = free_port()
        options: dict[str, Any] = {"authenticator": recorder.authenticate}
        if starttls:
            options.update(tls_context=server_context(), require_starttls=True)
        if implicit_tls:
            options.update(ssl_context=server_context(), auth_require_tls=False)
        controller = Controller(
            recorder, hostname="127.0.0.1", port=port, server_hostname="localhost", **options
        )
        controller.start()
        controllers.append(controller)
        return SMTPSink("127.0.0.1", port, recorder)

    try:
        yield start
    finally:
        for controller in controllers:
            controller.stop()


@pytest.fixture
def silent_server() -> Iterator[tuple[str, int]]:
    """A listening socket that accepts connections and never says a word."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(8)
        yield "127.0.0.1", sock.getsockname()[1]


@pytest.fixture(params=["sync", "async"])
def send(request: pytest.FixtureRequest) -> Callable[..., int]:
    """Send a message with ``message.send()`` or ``await message.asend()``."""

    def sync(message: EmailMessage, **kwargs: Any) -> int:
        return message.send(**kwargs)

    def run_async(message: EmailMessage, **kwargs: Any) -> int:
        return asyncio.run(message.asend(**kwargs))

    return sync if request.param == "sync" else run_async
