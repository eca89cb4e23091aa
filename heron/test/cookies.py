"""A small cookie jar for the test clients."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

__all__ = ["CookieJar", "parse_set_cookie"]


def parse_set_cookie(header: str) -> tuple[str, str, bool]:
    """Return ``(name, value, expired)`` for one Set-Cookie header value."""
    first, *attributes = header.split(";")
    name, _, value = first.partition("=")
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1]
    expired = False
    for attribute in attributes:
        key, _, arg = attribute.strip().partition("=")
        key = key.lower()
        if key == "max-age":
            try:
                expired = int(arg) <= 0
            except ValueError:
                pass
        elif key == "expires":
            try:
                when = parsedate_to_datetime(arg)
            except (TypeError, ValueError):
                continue
            if when.tzinfo is None:
                when = when.replace(tzinfo=UTC)
            expired = expired or when <= datetime.now(UTC)
    return name.strip(), value, expired


class CookieJar(dict[str, str]):
    """Name -> value, updated from responses, sent with each request."""

    def update_from(self, set_cookie_headers: list[str]) -> None:
        for header in set_cookie_headers:
            name, value, expired = parse_set_cookie(header)
            if expired:
                self.pop(name, None)
            else:
                self[name] = value
