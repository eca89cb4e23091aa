"""Email messages: ``EmailMessage`` (one body) and ``EmailMultiAlternatives`` (HTML too).

Both are plain containers until ``message()`` builds the stdlib's modern
``email.message.EmailMessage`` (``email.policy.default``) that the backends send; the stdlib
chooses the transfer encodings, folds long headers and encodes non-ASCII names. Every header
value is checked for line breaks, at construction and again when the message is built, and
``BadHeaderError`` is raised before any backend opens a connection.
"""

from __future__ import annotations

import email.policy
import email.utils
import mimetypes
import re
from collections.abc import Iterable, Mapping, Sequence
from email.message import EmailMessage as MIMEMessage
from email.message import MIMEPart
from os import PathLike
from pathlib import Path
from typing import NamedTuple, cast

from heron.conf import settings

from .backends.base import BaseEmailBackend
from .connection import get_connection
from .exceptions import BadHeaderError
from .hostname import local_hostname

__all__ = ["Alternative", "Attachment", "EmailMessage", "EmailMultiAlternatives", "check_header"]

# Everything str.splitlines() treats as a line break, not only CR and LF.
_LINE_BREAK = re.compile(r"[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_HEADER_NAME = re.compile(r"[!-9;-~]+\Z")  # printable ASCII without ':' (RFC 5322 ftext)
_ADDRESS_FIELDS = ("to", "cc", "bcc", "reply_to")
# Extra headers that replace what the message would otherwise write.
_REPLACEABLE = ("from", "to", "cc", "reply-to", "date", "message-id")


class Attachment(NamedTuple):
    """One attachment: a file name (or None), its content and its MIME type."""

    filename: str | None
    content: str | bytes
    mimetype: str


class Alternative(NamedTuple):
    """Another rendering of the body, e.g. ``Alternative(html, "text/html")``."""

    content: str | bytes
    mimetype: str


def check_header(name: str, value: str) -> None:
    """Raise ``BadHeaderError`` if ``name`` is not a header name or ``value`` has a line break."""
    if not _HEADER_NAME.match(name):
        raise BadHeaderError(f"{name!r} is not a valid header name.")
    _check_value(name, value)


def _check_value(where: str, value: str) -> None:
    if _LINE_BREAK.search(value):
        raise BadHeaderError(f"Header values can't contain line breaks (got {value!r} in {where}).")


def _addresses(field: str, value: Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        raise TypeError(
            f"{field!r} must be a list or tuple of addresses, not a string: "
            f"write {field}=[{value!r}]."
        )
    return list(value)


def _check_address(field: str, address: str) -> None:
    _check_value(field, address)
    parsed = email.utils.getaddresses([address])
    if len(parsed) != 1 or "@" not in parsed[0][1]:
        raise ValueError(
            f"Invalid address {address!r} in {field}: give one address per item, "
            "like 'ana@example.com' or 'Ana <ana@example.com>'."
        )


class EmailMessage:
    """A plain-text email: subject, body, sender, recipients, attachments, extra headers.

    ``to``, ``cc``, ``bcc`` and ``reply_to`` are lists of addresses (``"a@example.com"`` or
    ``"Ana <a@example.com>"``); bcc addresses receive the message but appear in no header.
    ``from_email`` defaults to ``DEFAULT_FROM_EMAIL``. ``headers`` adds or replaces headers
    (a ``From``, ``To``, ``Cc`` or ``Reply-To`` given there changes only what is displayed;
    the message still goes to ``to + cc + bcc``).
    """

    content_subtype = "plain"
    encoding = "utf-8"

    def __init__(
        self,
        subject: str = "",
        body: str = "",
        from_email: str | None = None,
        to: Sequence[str] | None = None,
        bcc: Sequence[str] | None = None,
        connection: BaseEmailBackend | None = None,
        attachments: Iterable[Attachment | tuple[str | None, str | bytes, str | None] | MIMEPart]
        | None = None,
        headers: Mapping[str, str] | None = None,
        cc: Sequence[str] | None = None,
        reply_to: Sequence[str] | None = None,
    ) -> None:
        self.subject = subject
        self.body = body
        self.from_email: str = from_email or settings.DEFAULT_FROM_EMAIL
        self.to = _addresses("to", to)
        self.cc = _addresses("cc", cc)
        self.bcc = _addresses("bcc", bcc)
        self.reply_to = _addresses("reply_to", reply_to)
        self.connection = connection
        self.extra_headers: dict[str, str] = dict(headers or {})
        self.attachments: list[Attachment | MIMEPart] = []
        for item in attachments or ():
            if isinstance(item, MIMEPart):
                self.attach(item)
            else:
                self.attach(*item)
        self.check_headers()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.subject!r} to {self.recipients()!r}>"

    def recipients(self) -> list[str]:
        """Return every address the message is delivered to: to, cc and bcc."""
        return [address for address in (*self.to, *self.cc, *self.bcc) if address]

    def check_headers(self) -> None:
        """Raise ``BadHeaderError`` if any header or address contains a line break."""
        check_header("Subject", self.subject)
        _check_address("from_email", self.from_email)
        for field in _ADDRESS_FIELDS:
            for address in getattr(self, field):
                _check_address(field, address)
        for name, value in self.extra_headers.items():
            check_header(name, str(value))
        for attachment in self.attachments:
            if isinstance(attachment, Attachment) and attachment.filename:
                _check_value("an attachment filename", attachment.filename)

    def message(self) -> MIMEMessage:
        """Build the stdlib message that backends send (checking every header first)."""
        self.check_headers()
        msg = MIMEMessage(policy=email.policy.default)
        for name, value in self._headers():
            msg[name] = value
        msg.set_content(self.body, subtype=self.content_subtype, charset=self.encoding)
        self._add_alternatives(msg)
        for attachment in self.attachments:
            _add_attachment(msg, attachment)
        return msg

    def _headers(self) -> list[tuple[str, str]]:
        extra = {name.lower(): (name, str(value)) for name, value in self.extra_headers.items()}

        def pick(name: str, default: str) -> tuple[str, str]:
            return extra.get(name.lower(), (name, default))

        headers = [("Subject", self.subject), pick("From", self.from_email)]
        for name, values in (("To", self.to), ("Cc", self.cc), ("Reply-To", self.reply_to)):
            if values or name.lower() in extra:
                headers.append(pick(name, ", ".join(values)))
        headers.append(pick("Date", email.utils.formatdate(usegmt=True)))
        headers.append(pick("Message-ID", email.utils.make_msgid(domain=local_hostname())))
        headers.extend(item for key, item in extra.items() if key not in _REPLACEABLE)
        return headers

    def _add_alternatives(self, msg: MIMEMessage) -> None:
        """Add other renderings of the body (``EmailMultiAlternatives`` does)."""

    def attach(
        self,
        filename: str | MIMEPart | None = None,
        content: str | bytes | None = None,
        mimetype: str | None = None,
    ) -> None:
        """Attach ``content`` as ``filename``, or attach a ready-made ``MIMEPart``.

        The MIME type is guessed from the file name when not given. Text given as bytes is
        decoded as UTF-8; bytes that are not UTF-8 are sent as ``application/octet-stream``.
        """
        if isinstance(filename, MIMEPart):
            if content is not None or mimetype is not None:
                raise ValueError("Pass either a MIMEPart or filename/content/mimetype, not both.")
            self.attachments.append(filename)
            return
        if content is None:
            raise ValueError("attach() needs the content to attach (or a MIMEPart).")
        if filename:
            _check_value("an attachment filename", filename)
        guessed = mimetypes.guess_type(filename)[0] if filename else None
        mimetype = mimetype or guessed or "application/octet-stream"
        if mimetype.startswith("text/") and isinstance(content, bytes):
            try:
                content = content.decode("utf-8")
            except UnicodeDecodeError:
                mimetype = "application/octet-stream"
        self.attachments.append(Attachment(filename, content, mimetype))

    def attach_file(self, path: str | PathLike[str], mimetype: str | None = None) -> None:
        """Attach the file at ``path``, named by its base name."""
        file = Path(path)
        self.attach(file.name, file.read_bytes(), mimetype)

    def get_connection(self, fail_silently: bool = False) -> BaseEmailBackend:
        """Return the connection given to the constructor, or a new one of ``EMAIL_BACKEND``."""
        if self.connection is None:
            self.connection = get_connection(fail_silently=fail_silently)
        return self.connection

    def send(self, fail_silently: bool = False) -> int:
        """Send the message; return 1 if it was sent, 0 if not (or if it has no recipient)."""
        if not self.recipients():
            return 0
        return self.get_connection(fail_silently).send_messages([self])

    async def asend(self, fail_silently: bool = False) -> int:
        """Async twin of ``send()``: the backend's I/O runs in Heron's thread pool."""
        if not self.recipients():
            return 0
        return await self.get_connection(fail_silently).asend_messages([self])


class EmailMultiAlternatives(EmailMessage):
    """An email with other renderings of its body, usually HTML beside the plain text.

    ``msg.attach_alternative(html, "text/html")``; mail clients show the last alternative
    they can display, so the plain-text ``body`` comes first.
    """

    def __init__(
        self,
        subject: str = "",
        body: str = "",
        from_email: str | None = None,
        to: Sequence[str] | None = None,
        bcc: Sequence[str] | None = None,
        connection: BaseEmailBackend | None = None,
        attachments: Iterable[Attachment | tuple[str | None, str | bytes, str | None] | MIMEPart]
        | None = None,
        headers: Mapping[str, str] | None = None,
        alternatives: Iterable[Alternative | tuple[str | bytes, str]] | None = None,
        cc: Sequence[str] | None = None,
        reply_to: Sequence[str] | None = None,
    ) -> None:
        super().__init__(
            subject, body, from_email, to, bcc, connection, attachments, headers, cc, reply_to
        )
        self.alternatives: list[Alternative] = []
        for content, mimetype in alternatives or ():
            self.attach_alternative(content, mimetype)

    def attach_alternative(self, content: str | bytes, mimetype: str) -> None:
        """Add ``content`` (e.g. HTML) as another rendering of the body."""
        if "/" not in mimetype:
            raise ValueError(f"{mimetype!r} is not a MIME type like 'text/html'.")
        self.alternatives.append(Alternative(content, mimetype))

    def body_contains(self, text: str) -> bool:
        """Return True if ``text`` is in the body and in every text alternative (for tests)."""
        if text not in self.body:
            return False
        return all(
            text in content
            for content, mimetype in self.alternatives
            if mimetype.startswith("text/") and isinstance(content, str)
        )

    def _add_alternatives(self, msg: MIMEMessage) -> None:
        for content, mimetype in self.alternatives:
            maintype, subtype = mimetype.split("/", 1)
            if maintype == "text" and isinstance(content, str):
                msg.add_alternative(content, subtype=subtype, charset=self.encoding)
            else:
                data = content.encode(self.encoding) if isinstance(content, str) else content
                msg.add_alternative(data, maintype, subtype)


def _add_attachment(msg: MIMEMessage, attachment: Attachment | MIMEPart) -> None:
    if isinstance(attachment, MIMEPart):
        if msg.get_content_type() != "multipart/mixed":
            msg.make_mixed()
        msg.attach(cast(MIMEMessage, attachment))  # typeshed narrows attach() to EmailMessage
        return
    filename, content, mimetype = attachment
    maintype, subtype = mimetype.split("/", 1)
    if maintype == "text" and isinstance(content, str):
        msg.add_attachment(content, subtype=subtype, filename=filename)
    else:
        data = content.encode("utf-8") if isinstance(content, str) else content
        msg.add_attachment(data, maintype, subtype, filename=filename)
