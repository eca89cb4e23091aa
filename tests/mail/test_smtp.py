"""The SMTP backend against a real SMTP server (aiosmtpd, in a thread on this machine)."""

from __future__ import annotations

import asyncio
import smtplib
import ssl
from collections.abc import Callable
from email import message_from_bytes, policy

import pytest

from heron.conf import ImproperlyConfigured, settings
from heron.mail import (
    BadHeaderError,
    EmailMessage,
    EmailMultiAlternatives,
    get_connection,
    send_mail,
    send_mass_mail,
)
from heron.mail.backends.smtp import EmailBackend

from .conftest import CERT, PASSWORD, USER, SMTPSink, client_context

pytestmark = pytest.mark.usefixtures("mail_settings")
SMTP = "heron.mail.backends.smtp.EmailBackend"


def smtp_message(sink: SMTPSink, subject: str = "Hello", **connection: object) -> EmailMessage:
    backend = EmailBackend(host=sink.host, port=sink.port, timeout=5, **connection)  # type: ignore[arg-type]
    return EmailMessage(
        subject,
        "Body\n",
        "Ana <ana@example.com>",
        ["bo@example.com"],
        bcc=["hidden@example.com"],
        cc=["cy@example.com"],
        connection=backend,
    )


def test_sends_over_smtp(smtp_server: Callable[..., SMTPSink], send: Callable[..., int]) -> None:
    sink = smtp_server()
    assert send(smtp_message(sink)) == 1
    (received,) = sink.messages
    assert received.sender == "ana@example.com"
    assert received.recipients == ["bo@example.com", "cy@example.com", "hidden@example.com"]
    parsed = message_from_bytes(received.data, policy=policy.default)
    assert parsed["Subject"] == "Hello"
    assert parsed["To"] == "bo@example.com"
    assert parsed["Bcc"] is None
    assert b"hidden@example.com" not in received.data


def test_html_and_attachment_arrive_intact(smtp_server: Callable[..., SMTPSink]) -> None:
    sink = smtp_server()
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_BACKEND = sink.host, sink.port, SMTP
    email = EmailMultiAlternatives("Grüße", "plain ✓", "a@example.com", ["b@example.com"])
    email.attach_alternative("<p>html ✓</p>", "text/html")
    email.attach("data.bin", bytes(range(256)), "application/octet-stream")
    assert email.send() == 1
    parsed = message_from_bytes(sink.messages[0].data, policy=policy.default)
    assert parsed["Subject"] == "Grüße"
    plain, html = parsed.get_body(("plain",)), parsed.get_body(("html",))
    assert plain is not None and plain.get_content().splitlines() == ["plain ✓"]
    assert html is not None and html.get_content().splitlines() == ["<p>html ✓</p>"]
    (attachment,) = parsed.iter_attachments()
    assert attachment.get_content() == bytes(range(256))


def test_send_mass_mail_reuses_one_connection(smtp_server: Callable[..., SMTPSink]) -> None:
    sink = smtp_server()
    connection = get_connection(SMTP, host=sink.host, port=sink.port)
    data = [(f"n{i}", "b", "a@example.com", [f"r{i}@example.com"]) for i in range(3)]
    assert send_mass_mail(data, connection=connection) == 3
    assert [m.recipients for m in sink.messages] == [[f"r{i}@example.com"] for i in range(3)]
    assert len({m.peer for m in sink.messages}) == 1
    assert connection.connection is None  # type: ignore[attr-defined]  # closed afterwards


def test_open_connection_is_kept_across_batches(smtp_server: Callable[..., SMTPSink]) -> None:
    sink = smtp_server()
    with get_connection(SMTP, host=sink.host, port=sink.port) as connection:
        send_mail("one", "b", None, ["a@example.com"], connection=connection)
        send_mail("two", "b", None, ["a@example.com"], connection=connection)
        assert connection.connection is not None  # type: ignore[attr-defined]
    assert len({m.peer for m in sink.messages}) == 1
    assert connection.connection is None  # type: ignore[attr-defined]


def test_starttls_and_login(smtp_server: Callable[..., SMTPSink], send: Callable[..., int]) -> None:
    sink = smtp_server(starttls=True)
    options = dict(use_tls=True, ssl_context=client_context(), username=USER, password=PASSWORD)
    assert send(smtp_message(sink, **options)) == 1
    assert sink.recorder.logins == [USER]
    assert len(sink.messages) == 1


def test_starttls_server_refuses_plain_mail(smtp_server: Callable[..., SMTPSink]) -> None:
    sink = smtp_server(starttls=True)
    with pytest.raises(smtplib.SMTPSenderRefused) as info:
        smtp_message(sink).send()
    assert b"Must issue a STARTTLS command first" in info.value.smtp_error
    assert sink.messages == []


def test_starttls_verifies_the_certificate(smtp_server: Callable[..., SMTPSink]) -> None:
    sink = smtp_server(starttls=True)
    with pytest.raises(ssl.SSLCertVerificationError):
        smtp_message(sink, use_tls=True).send()  # the default context trusts system CAs only
    assert sink.messages == []


def test_wrong_password(smtp_server: Callable[..., SMTPSink], send: Callable[..., int]) -> None:
    sink = smtp_server(starttls=True)
    options = dict(use_tls=True, ssl_context=client_context(), username=USER, password="nope")
    with pytest.raises(smtplib.SMTPAuthenticationError):
        send(smtp_message(sink, **options))
    assert send(smtp_message(sink, fail_silently=True, **options)) == 0
    assert sink.messages == []


def test_implicit_tls(smtp_server: Callable[..., SMTPSink], send: Callable[..., int]) -> None:
    sink = smtp_server(implicit_tls=True)
    options = dict(use_ssl=True, ssl_context=client_context(), username=USER, password=PASSWORD)
    assert send(smtp_message(sink, **options)) == 1
    assert sink.recorder.logins == [USER]


def test_client_certificate_is_loaded_from_settings() -> None:
    settings.EMAIL_SSL_CERTFILE = CERT
    settings.EMAIL_USE_TLS = True
    context = EmailBackend().ssl_context
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname


def test_tls_and_ssl_together_is_a_configuration_error() -> None:
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = True
    with pytest.raises(ImproperlyConfigured) as info:
        get_connection(SMTP)
    assert str(info.value) == (
        "EMAIL_USE_TLS and EMAIL_USE_SSL are both on; turn one off. Use EMAIL_USE_TLS = True "
        "for STARTTLS (usually EMAIL_PORT = 587) or EMAIL_USE_SSL = True for implicit TLS "
        "(usually EMAIL_PORT = 465)."
    )


def test_key_without_certificate_is_a_configuration_error() -> None:
    settings.EMAIL_SSL_KEYFILE = CERT
    with pytest.raises(ImproperlyConfigured, match="EMAIL_SSL_KEYFILE is set without"):
        EmailBackend()


def test_timeout_on_a_server_that_never_answers(
    silent_server: tuple[str, int], send: Callable[..., int]
) -> None:
    host, port = silent_server
    email = EmailMessage("s", "b", "a@example.com", ["b@example.com"])
    email.connection = EmailBackend(host=host, port=port, timeout=0.2)
    with pytest.raises(
        smtplib.SMTPServerDisconnected, match=r"^Connection unexpectedly closed: timed out$"
    ):
        send(email)
    email.connection = EmailBackend(host=host, port=port, timeout=0.2, fail_silently=True)
    assert send(email, fail_silently=True) == 0


def test_timeout_setting_is_used() -> None:
    settings.EMAIL_TIMEOUT = 7
    assert EmailBackend().timeout == 7.0
    assert EmailBackend(timeout=1.5).timeout == 1.5


def test_connection_refused(send: Callable[..., int]) -> None:
    from .conftest import free_port

    email = EmailMessage("s", "b", "a@example.com", ["b@example.com"])
    email.connection = EmailBackend(host="127.0.0.1", port=free_port(), timeout=5)
    with pytest.raises(ConnectionRefusedError):
        send(email)
    email.connection = EmailBackend(
        host="127.0.0.1", port=free_port(), timeout=5, fail_silently=True
    )
    assert send(email) == 0


@pytest.mark.parametrize(
    "fields",
    [
        {"subject": "Hi\r\nBcc: victim@example.com"},
        {"to": ["b@example.com\nBcc: victim@example.com"]},
        {"headers": {"Reply-To": "x@example.com\r\nBcc: victim@example.com"}},
    ],
)
def test_header_injection_sends_nothing(
    smtp_server: Callable[..., SMTPSink], fields: dict[str, object]
) -> None:
    sink = smtp_server()
    email = smtp_message(sink)
    for name, value in fields.items():
        setattr(email, "extra_headers" if name == "headers" else name, value)
    with pytest.raises(BadHeaderError):
        email.send(fail_silently=True)
    with pytest.raises(BadHeaderError):
        asyncio.run(email.asend())
    assert sink.messages == []
    assert email.connection.connection is None  # type: ignore[union-attr]  # never opened


def test_bad_message_in_a_batch_stops_it_before_anything_is_sent(
    smtp_server: Callable[..., SMTPSink],
) -> None:
    sink = smtp_server()
    good, bad = smtp_message(sink, "good"), smtp_message(sink, "bad")
    bad.subject = "bad\nBcc: victim@example.com"
    with pytest.raises(BadHeaderError):
        get_connection(SMTP, host=sink.host, port=sink.port).send_messages([good, bad])
    assert sink.messages == []
