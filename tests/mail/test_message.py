"""Building messages: headers, bodies, alternatives, attachments, and header injection."""

from __future__ import annotations

from email.message import EmailMessage as MIMEMessage
from email.message import MIMEPart
from pathlib import Path

import pytest

from heron.conf import settings
from heron.mail import BadHeaderError, EmailMessage, EmailMultiAlternatives

pytestmark = pytest.mark.usefixtures("mail_settings")


def parts(msg: MIMEMessage) -> list[str]:
    return [part.get_content_type() for part in msg.walk()]


def test_plain_message_headers() -> None:
    message = EmailMessage(
        "Hello",
        "Body text\n",
        "Ana <ana@example.com>",
        ["bo@example.com", "Cy <cy@example.com>"],
        cc=["cc@example.com"],
        bcc=["hidden@example.com"],
        reply_to=["replies@example.com"],
    ).message()
    assert message["Subject"] == "Hello"
    assert message["From"] == "Ana <ana@example.com>"
    assert message["To"] == "bo@example.com, Cy <cy@example.com>"
    assert message["Cc"] == "cc@example.com"
    assert message["Reply-To"] == "replies@example.com"
    assert message["Bcc"] is None
    assert message["Date"] and message["Message-ID"]
    assert message.get_content_type() == "text/plain"
    assert message.get_content() == "Body text\n"


def test_recipients_include_bcc() -> None:
    message = EmailMessage("s", "b", None, ["a@example.com"], ["c@example.com"], cc=["b@ex.com"])
    assert message.recipients() == ["a@example.com", "b@ex.com", "c@example.com"]


def test_from_defaults_to_default_from_email() -> None:
    settings.DEFAULT_FROM_EMAIL = "site@example.com"
    assert EmailMessage("s", "b", to=["a@example.com"]).message()["From"] == "site@example.com"


def test_non_ascii_subject_and_names_are_encoded() -> None:
    msg = EmailMessage("Grüße", "Hé", "Zoë <z@example.com>", ["a@example.com"]).message()
    raw = msg.as_bytes()
    assert b"Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=" in raw
    assert "Zoë".encode() not in raw.split(b"\n\n", 1)[0]
    assert msg["Subject"] == "Grüße"
    assert msg.get_content() == "Hé\n"


def test_extra_headers_replace_display_not_delivery() -> None:
    email = EmailMessage(
        "s",
        "b",
        "a@example.com",
        ["real@example.com"],
        headers={"To": "list@example.com", "X-Tag": "one", "Message-ID": "<fixed@example.com>"},
    )
    msg = email.message()
    assert msg["To"] == "list@example.com"
    assert msg["X-Tag"] == "one"
    assert msg["Message-ID"] == "<fixed@example.com>"
    assert msg.get_all("Message-ID") == ["<fixed@example.com>"]
    assert email.recipients() == ["real@example.com"]


def test_html_alternative() -> None:
    email = EmailMultiAlternatives("s", "plain", "a@example.com", ["b@example.com"])
    email.attach_alternative("<p>html</p>", "text/html")
    msg = email.message()
    assert parts(msg) == ["multipart/alternative", "text/plain", "text/html"]
    assert msg.get_body(("html",)).get_content() == "<p>html</p>\n"  # type: ignore[union-attr]
    assert msg.get_body(("plain",)).get_content() == "plain\n"  # type: ignore[union-attr]
    assert not email.body_contains("html")
    assert EmailMultiAlternatives(
        "s", "x y", alternatives=[("<b>x</b>", "text/html")]
    ).body_contains("x")


def test_attachments(tmp_path: Path) -> None:
    report = tmp_path / "report.csv"
    report.write_text("a,b\n1,2\n")
    email = EmailMultiAlternatives("s", "see attached", "a@example.com", ["b@example.com"])
    email.attach_alternative("<p>see attached</p>", "text/html")
    email.attach("logo.png", b"\x89PNG\r\n\x1a\nfake", "image/png")
    email.attach_file(report)
    email.attach("notes.txt", "café".encode())
    email.attach("blob.txt", b"\xff\xfe not utf-8")
    msg = email.message()
    assert parts(msg) == [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "image/png",
        "text/csv",
        "text/plain",
        "application/octet-stream",
    ]
    attachments = list(msg.iter_attachments())
    assert [a.get_filename() for a in attachments] == [
        "logo.png",
        "report.csv",
        "notes.txt",
        "blob.txt",
    ]
    assert attachments[0].get_content() == b"\x89PNG\r\n\x1a\nfake"
    assert attachments[1].get_content() == "a,b\n1,2\n"
    assert attachments[2].get_content() == "café\n"  # the stdlib ends text parts with a newline
    assert attachments[3].get_content() == b"\xff\xfe not utf-8"


def test_attach_mime_part_and_constructor_attachments() -> None:
    part = MIMEPart()
    part.set_content("calendar", subtype="calendar")
    email = EmailMessage(
        "s", "b", "a@example.com", ["b@example.com"], attachments=[("a.txt", "x", None), part]
    )
    assert parts(email.message()) == [
        "multipart/mixed",
        "text/plain",
        "text/plain",
        "text/calendar",
    ]
    with pytest.raises(ValueError, match="either a MIMEPart or filename"):
        email.attach(part, "content")
    with pytest.raises(ValueError, match="needs the content"):
        email.attach("a.txt")


def test_addresses_must_be_lists() -> None:
    with pytest.raises(TypeError) as info:
        EmailMessage("s", "b", to="a@example.com")  # type: ignore[arg-type]
    assert str(info.value) == (
        "'to' must be a list or tuple of addresses, not a string: write to=['a@example.com']."
    )


@pytest.mark.parametrize("address", ["a@example.com, evil@example.com", "nobody", ""])
def test_each_item_is_one_address(address: str) -> None:
    with pytest.raises(ValueError) as info:
        EmailMessage("s", "b", "a@example.com", [address])
    assert str(info.value) == (
        f"Invalid address {address!r} in to: give one address per item, "
        "like 'ana@example.com' or 'Ana <ana@example.com>'."
    )


INJECTIONS = [
    {"subject": "Hi\nBcc: victim@example.com"},
    {"subject": "Hi\r\nBcc: victim@example.com"},
    {"subject": "Hi\u2028Bcc: victim@example.com"},
    {"from_email": "a@example.com\nBcc: victim@example.com"},
    {"to": ["b@example.com\r\nBcc: victim@example.com"]},
    {"cc": ["b@example.com\nX: y"]},
    {"bcc": ["b@example.com\nX: y"]},
    {"reply_to": ["b@example.com\nX: y"]},
    {"headers": {"X-Tag": "ok\nBcc: victim@example.com"}},
]


@pytest.mark.parametrize("fields", INJECTIONS)
def test_line_breaks_in_headers_are_rejected(fields: dict[str, object]) -> None:
    values: dict[str, object] = {
        "subject": "Hi",
        "body": "b",
        "from_email": "a@example.com",
        "to": ["b@example.com"],
        **fields,
    }
    with pytest.raises(BadHeaderError, match="Header values can't contain line breaks"):
        EmailMessage(**values)  # type: ignore[arg-type]


def test_line_break_set_after_construction_is_rejected_when_built() -> None:
    email = EmailMessage("Hi", "b", "a@example.com", ["b@example.com"])
    email.subject = "Hi\nBcc: victim@example.com"
    with pytest.raises(BadHeaderError) as info:
        email.message()
    assert str(info.value) == (
        "Header values can't contain line breaks (got 'Hi\\nBcc: victim@example.com' in Subject)."
    )


def test_bad_header_names_and_filenames() -> None:
    with pytest.raises(BadHeaderError, match=r"^'X-A: b' is not a valid header name\.$"):
        EmailMessage("s", "b", headers={"X-A: b": "c"})
    email = EmailMessage("s", "b")
    with pytest.raises(BadHeaderError, match="line breaks"):
        email.attach("a\n.txt", "x")
