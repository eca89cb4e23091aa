"""The console, file, in-memory and dummy backends, get_connection and the one-call helpers."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from heron import mail
from heron.conf import ImproperlyConfigured, settings
from heron.mail import (
    BadHeaderError,
    EmailMessage,
    get_connection,
    mail_admins,
    mail_managers,
    send_mail,
    send_mass_mail,
)
from heron.mail.backends import console, dummy, filebased, locmem

pytestmark = pytest.mark.usefixtures("mail_settings")


def message(subject: str = "Hello", to: str = "bo@example.com") -> EmailMessage:
    return EmailMessage(subject, "Body", "ana@example.com", [to])


def test_tests_use_the_locmem_backend_and_an_empty_outbox(send: Callable[..., int]) -> None:
    assert settings.EMAIL_BACKEND == "heron.mail.backends.locmem.EmailBackend"
    assert mail.outbox == []
    assert send(message()) == 1
    assert [m.subject for m in mail.outbox] == ["Hello"]


def test_mailoutbox_fixture_is_the_outbox(mailoutbox: list[EmailMessage]) -> None:
    send_mail("Fixture", "b", None, ["a@example.com"])
    assert mailoutbox is mail.outbox
    assert [m.subject for m in mailoutbox] == ["Fixture"]


def test_a_message_without_recipients_is_not_sent(send: Callable[..., int]) -> None:
    assert send(EmailMessage("s", "b")) == 0
    assert mail.outbox == []


def test_get_connection_by_path_and_setting() -> None:
    assert isinstance(get_connection(), locmem.EmailBackend)
    backend = get_connection("heron.mail.backends.dummy.EmailBackend", fail_silently=True)
    assert isinstance(backend, dummy.EmailBackend) and backend.fail_silently
    settings.EMAIL_BACKEND = "heron.mail.backends.nope.EmailBackend"
    with pytest.raises(ModuleNotFoundError):
        get_connection()
    settings.EMAIL_BACKEND = "heron.mail.backends.dummy.Nope"
    with pytest.raises(ImportError) as info:
        get_connection()
    assert str(info.value) == (
        "Module 'heron.mail.backends.dummy' has no attribute 'Nope' (in EMAIL_BACKEND)."
    )


def test_dummy_backend_sends_nothing(send: Callable[..., int]) -> None:
    assert send(message(), fail_silently=False) == 1  # through locmem
    connection = get_connection("heron.mail.backends.dummy.EmailBackend")
    assert connection.send_messages([message(), message()]) == 2
    assert len(mail.outbox) == 1


def test_locmem_checks_every_message_before_keeping_any() -> None:
    bad = message()
    bad.subject = "x\nBcc: victim@example.com"
    with pytest.raises(BadHeaderError):
        get_connection().send_messages([message(), bad])
    assert mail.outbox == []


def test_console_backend_writes_the_message() -> None:
    stream = io.StringIO()
    connection = console.EmailBackend(stream=stream)
    assert connection.send_messages([message("First"), message("Second")]) == 2
    text = stream.getvalue()
    assert "Subject: First\n" in text and "Subject: Second\n" in text
    assert "From: ana@example.com\nTo: bo@example.com\n" in text
    assert text.count("-" * 79 + "\n") == 2
    assert "\r" not in text


def test_console_backend_async() -> None:
    stream = io.StringIO()
    connection = get_connection("heron.mail.backends.console.EmailBackend", stream=stream)
    assert asyncio.run(connection.asend_messages([message("Async")])) == 1
    assert "Subject: Async\n" in stream.getvalue()


def test_file_backend_one_file_per_connection(tmp_path: Path) -> None:
    settings.EMAIL_FILE_PATH = str(tmp_path / "sent")
    connection = get_connection("heron.mail.backends.filebased.EmailBackend")
    connection.send_messages([message("One")])
    with connection:
        connection.send_messages([message("Two")])
        connection.send_messages([message("Three")])
    files = sorted((tmp_path / "sent").iterdir())
    assert len(files) == 2
    contents = [f.read_text() for f in files]
    assert sorted(c.count("Subject: ") for c in contents) == [1, 2]
    assert any("Subject: Two" in c and "Subject: Three" in c for c in contents)


def test_file_backend_async_context_manager(tmp_path: Path) -> None:
    async def run() -> int:
        async with filebased.EmailBackend(file_path=tmp_path) as connection:
            return await connection.asend_messages([message("A"), message("B")])

    assert asyncio.run(run()) == 2
    (written,) = tmp_path.iterdir()
    assert "Subject: A" in written.read_text() and "Subject: B" in written.read_text()


def test_file_backend_configuration_errors(tmp_path: Path) -> None:
    with pytest.raises(ImproperlyConfigured) as info:
        filebased.EmailBackend()
    assert str(info.value) == (
        "The file email backend needs a directory: set EMAIL_FILE_PATH "
        "(e.g. EMAIL_FILE_PATH = BASE_DIR / 'sent-mail') or pass file_path=."
    )
    a_file = tmp_path / "file"
    a_file.write_text("")
    with pytest.raises(ImproperlyConfigured, match="is a file, not a directory"):
        filebased.EmailBackend(file_path=a_file)


def test_send_mail_with_html(send: Callable[..., int]) -> None:
    assert send_mail("S", "text", None, ["a@example.com", "b@example.com"], html_message="<b>x</b>")
    (sent,) = mail.outbox
    assert sent.to == ["a@example.com", "b@example.com"]
    assert sent.from_email == "webmaster@localhost"
    html = sent.message().get_body(("html",))
    assert html is not None and html.get_content() == "<b>x</b>\n"


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_send_mail_and_asend_mail(mode: str) -> None:
    if mode == "sync":
        sent = send_mail("S", "text", "a@example.com", ["b@example.com"])
    else:
        sent = asyncio.run(mail.asend_mail("S", "text", "a@example.com", ["b@example.com"]))
    assert sent == 1
    assert [(m.subject, m.body, m.to) for m in mail.outbox] == [("S", "text", ["b@example.com"])]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_send_mass_mail(mode: str) -> None:
    data = [
        ("One", "b1", "a@example.com", ["x@example.com"]),
        ("Two", "b2", None, ["y@example.com", "z@example.com"]),
    ]
    sent = send_mass_mail(data) if mode == "sync" else asyncio.run(mail.asend_mass_mail(data))
    assert sent == 2
    assert [(m.subject, m.from_email, m.to) for m in mail.outbox] == [
        ("One", "a@example.com", ["x@example.com"]),
        ("Two", "webmaster@localhost", ["y@example.com", "z@example.com"]),
    ]


def test_send_mass_mail_with_one_bad_header_sends_nothing() -> None:
    data = [
        ("One", "b1", "a@example.com", ["x@example.com"]),
        ("Two\nBcc: victim@example.com", "b2", None, ["y@example.com"]),
    ]
    with pytest.raises(BadHeaderError):
        send_mass_mail(data)
    assert mail.outbox == []


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_mail_admins_and_managers(mode: str) -> None:
    settings.ADMINS = [("Ops Team", "ops@example.com"), "cto@example.com"]
    settings.MANAGERS = ["boss@example.com"]
    settings.SERVER_EMAIL = "server@example.com"
    settings.EMAIL_SUBJECT_PREFIX = "[site] "
    if mode == "sync":
        counts = [
            mail_admins("Down", "oops"),
            mail_managers("Report", "numbers", html_message="<i>"),
        ]
    else:
        counts = [
            asyncio.run(mail.amail_admins("Down", "oops")),
            asyncio.run(mail.amail_managers("Report", "numbers", html_message="<i>")),
        ]
    assert counts == [1, 1]
    admins, managers = mail.outbox
    assert (admins.subject, admins.from_email) == ("[site] Down", "server@example.com")
    assert admins.to == ["Ops Team <ops@example.com>", "cto@example.com"]
    assert (managers.subject, managers.to) == ("[site] Report", ["boss@example.com"])


def test_mail_admins_without_admins_sends_nothing() -> None:
    assert mail_admins("Down", "oops") == 0
    assert mail.outbox == []


def test_admins_setting_errors() -> None:
    settings.ADMINS = "ops@example.com"
    with pytest.raises(ImproperlyConfigured) as info:
        mail_admins("s", "b")
    assert str(info.value) == (
        "ADMINS must be a list of addresses, e.g. ADMINS = ['ops@example.com']."
    )
    settings.ADMINS = [("a", "b", "c")]
    with pytest.raises(
        ImproperlyConfigured, match=r"\(name, address\) pairs; got \('a', 'b', 'c'\)"
    ):
        mail_admins("s", "b")
