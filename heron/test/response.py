"""What the test clients return: the response as the browser would see it, plus captures."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import orjson

from .cookies import parse_set_cookie

if TYPE_CHECKING:
    from heron.http import HttpRequest

__all__ = ["ClientResponse", "ResponseHeaders"]


class ResponseHeaders(Mapping[str, str]):
    """Case-insensitive, read-only view of response headers (repeated ones joined by ``, ``)."""

    def __init__(self, raw: list[tuple[bytes, bytes]]) -> None:
        self.raw = raw
        merged: dict[str, tuple[str, str]] = {}
        for name_b, value_b in raw:
            name, value = name_b.decode("latin-1"), value_b.decode("latin-1")
            key = name.lower()
            if key in merged:
                merged[key] = (merged[key][0], merged[key][1] + ", " + value)
            else:
                merged[key] = (name, value)
        self._items = merged

    def __getitem__(self, key: str) -> str:
        return self._items[key.lower()][1]

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def getlist(self, key: str) -> list[str]:
        lowered = key.lower().encode("latin-1")
        return [v.decode("latin-1") for n, v in self.raw if n.lower() == lowered]

    def __repr__(self) -> str:
        return f"ResponseHeaders({dict(self.items())!r})"


class ClientResponse:
    """A finished response: ``status_code``, ``headers``, ``content``, ``text``, ``json()``.

    ``templates`` and ``context`` hold what the framework rendered while answering;
    ``redirect_chain`` lists ``(url, status)`` hops when the request used ``follow=True``.
    """

    def __init__(
        self,
        status_code: int,
        raw_headers: list[tuple[bytes, bytes]],
        content: bytes,
        request: dict[str, Any],
    ) -> None:
        self.status_code = status_code
        self.headers = ResponseHeaders(raw_headers)
        self.content = content
        self.request = request
        self.templates: list[str] = []
        self.contexts: list[dict[str, Any]] = []
        self.redirect_chain: list[tuple[str, int]] = []
        self.wsgi_request: HttpRequest | None = None
        self.exc_info: BaseException | None = None

    @property
    def text(self) -> str:
        charset = "utf-8"
        ctype = self.headers.get("content-type", "")
        if "charset=" in ctype:
            charset = ctype.split("charset=", 1)[1].split(";")[0].strip()
        return self.content.decode(charset, errors="replace")

    @property
    def context(self) -> dict[str, Any] | None:
        """The context of the first template rendered (the page's own template)."""
        return self.contexts[0] if self.contexts else None

    @property
    def url(self) -> str | None:
        """The redirect target (``Location``), if any."""
        return self.headers.get("location")

    @property
    def cookies(self) -> dict[str, str]:
        """Cookies set by this response (name -> value)."""
        jar: dict[str, str] = {}
        for header in self.headers.getlist("set-cookie"):
            name, value, _ = parse_set_cookie(header)
            jar[name] = value
        return jar

    def json(self) -> Any:
        return orjson.loads(self.content)

    def __getitem__(self, header: str) -> str:
        return self.headers[header]

    def has_header(self, header: str) -> bool:
        return header in self.headers

    def __repr__(self) -> str:
        ctype = self.headers.get("content-type", "")
        return f"<ClientResponse {self.status_code} {ctype!r}>"
