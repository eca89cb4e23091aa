"""Read the Cookie request header and write Set-Cookie response headers.

Reading is lenient (a malformed pair is skipped, never an error: browsers send what other
sites' scripts wrote). Writing is strict: an invalid name, an unsafe attribute or an
impossible combination (``SameSite=None`` without ``Secure``, a ``__Host-`` cookie with a
domain) raises ``ValueError`` naming the fix, because browsers silently drop such cookies.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

__all__ = ["build_set_cookie", "parse_cookie"]

_NAME_RE = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+\Z")
# RFC 6265 cookie-octet: printable ASCII except space, '"', ',', ';' and '\'.
_SAFE_VALUE_RE = re.compile(r"[!#-+\--:<-\[\]-~]*\Z")
_ESCAPE_RE = re.compile(r"\\([0-3][0-7][0-7]|.)", re.DOTALL)
_SAMESITE = {"lax": "Lax", "strict": "Strict", "none": "None"}
EPOCH_EXPIRES = "Thu, 01 Jan 1970 00:00:00 GMT"


def parse_cookie(header: str) -> dict[str, str]:
    """Parse a Cookie header into ``{name: value}``.

    Pairs without ``=`` or with an empty name are skipped; quoted values are unquoted; raw
    UTF-8 (which browsers send) is decoded. When a name repeats, the first value wins: the
    browser sends the cookie with the most specific path first (RFC 6265, section 5.4).
    """
    cookies: dict[str, str] = {}
    if not header:
        return cookies
    for pair in header.split(";"):
        name, eq, value = pair.partition("=")
        name = name.strip()
        if not eq or not name or name in cookies:
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = _unquote(value[1:-1])
        elif not value.isascii():
            value = _latin1_to_utf8(value)
        cookies[name] = value
    return cookies


def _latin1_to_utf8(text: str) -> str:
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _unquote(text: str) -> str:
    if "\\" not in text:
        return _latin1_to_utf8(text) if not text.isascii() else text
    out = bytearray()
    pos = 0
    for match in _ESCAPE_RE.finditer(text):
        out += text[pos : match.start()].encode("latin-1", errors="replace")
        escaped = match.group(1)
        if len(escaped) == 3:
            out.append(int(escaped, 8))
        else:
            out += escaped.encode("latin-1", errors="replace")
        pos = match.end()
    out += text[pos:].encode("latin-1", errors="replace")
    return out.decode("utf-8", errors="replace")


def _quote(value: str) -> str:
    if _SAFE_VALUE_RE.match(value):
        return value
    # Browsers end the value at the first ';' even inside quotes, so ';' and ',' are
    # escaped like '"' and '\\' (as octal, the way Python's http.cookies does).
    parts = ['"']
    for char in value:
        if char in '";,\\':
            parts.append(f"\\{ord(char):03o}")
        elif " " <= char <= "~":
            parts.append(char)
        else:
            parts.extend(f"\\{byte:03o}" for byte in char.encode("utf-8"))
    parts.append('"')
    return "".join(parts)


def _check_attribute(label: str, value: str) -> str:
    if any(char in value for char in ";\r\n\x00") or not value.isascii():
        raise ValueError(f"Cookie {label} {value!r} must be ASCII without ';' or newlines.")
    return value


def _format_expires(expires: datetime | str) -> str:
    if isinstance(expires, str):
        return _check_attribute("expires", expires)
    if expires.tzinfo is None:
        expires = expires.replace(tzinfo=UTC)
    return format_datetime(expires.astimezone(UTC), usegmt=True)


def build_set_cookie(
    key: str,
    value: str = "",
    *,
    max_age: int | timedelta | None = None,
    expires: datetime | str | None = None,
    path: str | None = "/",
    domain: str | None = None,
    secure: bool = False,
    httponly: bool = False,
    samesite: str | None = "Lax",
) -> str:
    """Return the value of a Set-Cookie header.

    Values outside the RFC 6265 safe set are double-quoted, with ``"``, ``\\``, ``;``, ``,``
    and non-ASCII characters as octal escapes (``\\073``), which ``parse_cookie`` reverses.
    A naive ``expires`` datetime is taken as UTC.
    """
    if not isinstance(key, str) or not _NAME_RE.match(key):
        raise ValueError(
            f"Invalid cookie name {key!r}: use letters, digits and !#$%&'*+-.^_`|~ only."
        )
    parts = [f"{key}={_quote(value)}"]
    if expires is not None:
        parts.append(f"Expires={_format_expires(expires)}")
    if max_age is not None:
        seconds = int(max_age.total_seconds()) if isinstance(max_age, timedelta) else int(max_age)
        parts.append(f"Max-Age={max(seconds, 0)}")
    if domain:
        parts.append(f"Domain={_check_attribute('domain', domain)}")
    if path:
        parts.append(f"Path={_check_attribute('path', path)}")
    if secure:
        parts.append("Secure")
    if httponly:
        parts.append("HttpOnly")
    if samesite is not None:
        normalized = _SAMESITE.get(str(samesite).lower())
        if normalized is None:
            raise ValueError(f"samesite must be 'Lax', 'Strict', 'None' or None, not {samesite!r}.")
        if normalized == "None" and not secure:
            raise ValueError(
                f"Cookie {key!r} has samesite='None' but not secure=True; browsers reject "
                "SameSite=None cookies that are not Secure."
            )
        parts.append(f"SameSite={normalized}")
    if key.startswith("__Secure-") and not secure:
        raise ValueError(f"Cookie {key!r} starts with '__Secure-', so it needs secure=True.")
    if key.startswith("__Host-") and (not secure or domain or path != "/"):
        raise ValueError(
            f"Cookie {key!r} starts with '__Host-', so it needs secure=True, path='/' and "
            "no domain."
        )
    return "; ".join(parts)
