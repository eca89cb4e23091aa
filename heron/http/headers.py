"""Request and response headers.

``Headers`` is the read-only view of the request headers an ASGI server hands over (raw byte
pairs). ``ResponseHeaders`` is what views and middleware edit; it encodes each header once,
when it is set, so sending a response only copies byte pairs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from typing import TypeAlias

from .exceptions import BadHeaderError

__all__ = ["BadHeaderError", "Headers", "RawHeaders", "ResponseHeaders", "parse_header_value"]

RawHeaders: TypeAlias = Iterable[tuple[bytes, bytes] | list[bytes]]
# Headers checked and encoded ahead of time: lower-case name -> (name, value, raw pair).
PreparedHeaders: TypeAlias = dict[str, tuple[str, str, tuple[bytes, bytes]]]

# RFC 9110 token characters, the only ones allowed in a header name.
_TOKEN_RE = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+\Z")


class Headers(Mapping[str, str]):
    """Read-only, case-insensitive request headers built from ASGI ``(name, value)`` byte pairs.

    Bytes are decoded as latin-1, as HTTP/1.1 prescribes. A header sent several times is
    joined with ", " (``Cookie`` with "; "); ``getlist()`` returns the separate values.
    """

    __slots__ = ("_raw", "_store")

    def __init__(self, raw: RawHeaders = ()) -> None:
        if not isinstance(raw, list | tuple):
            raw = list(raw)
        self._raw = raw
        store = {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in raw}
        if len(store) != len(raw):
            # Some header was repeated: join the values.
            store = {}
            for name, value in raw:
                key = name.decode("latin-1").lower()
                text = value.decode("latin-1")
                if key in store:
                    store[key] = store[key] + ("; " if key == "cookie" else ", ") + text
                else:
                    store[key] = text
        self._store = store

    @classmethod
    def from_mapping(cls, headers: Mapping[str, str]) -> Headers:
        """Build from ``{name: value}`` strings (handy in tests)."""
        return cls([(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()])

    def __getitem__(self, name: str) -> str:
        return self._store[name.lower()]

    def get(self, name: str, default: str | None = None) -> str | None:  # type: ignore[override]
        return self._store.get(name.lower(), default)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._store

    def __iter__(self) -> Iterator[str]:
        return iter(self._store)

    def __len__(self) -> int:
        return len(self._store)

    def getlist(self, name: str) -> list[str]:
        """Return every value sent for ``name``, in order, without joining them."""
        wanted = name.lower().encode("latin-1")
        return [bytes(v).decode("latin-1") for n, v in self._raw if bytes(n).lower() == wanted]

    @property
    def raw(self) -> list[tuple[bytes, bytes]]:
        """Return the headers as the server sent them."""
        return [(bytes(n), bytes(v)) for n, v in self._raw]

    def __repr__(self) -> str:
        return f"Headers({self._store!r})"


def _encode_header(name: str, value: object) -> tuple[str, str, tuple[bytes, bytes]]:
    if not isinstance(name, str) or not _TOKEN_RE.match(name):
        raise BadHeaderError(f"Invalid header name {name!r}: use letters, digits and -.")
    if isinstance(value, bytes):
        text = value.decode("latin-1")
    elif isinstance(value, str):
        text = value
    else:
        text = str(value)
    if "\n" in text or "\r" in text or "\x00" in text:
        raise BadHeaderError(
            f"Header values can't contain newlines or NUL characters (got {text!r} for {name!r})."
        )
    try:
        raw_value = text.encode("latin-1")
    except UnicodeEncodeError:
        raise BadHeaderError(
            f"Header {name!r} has characters outside latin-1: {text!r}. Percent-encode them "
            "(urllib.parse.quote) or use an RFC 5987 parameter such as filename*=."
        ) from None
    return name, text, (name.lower().encode("latin-1"), raw_value)


# Most response headers are the same few name/value pairs on every request (content types,
# security headers): remember their checked encoding instead of redoing it each time.
_ENCODED: dict[tuple[str, str], tuple[str, tuple[str, str, tuple[bytes, bytes]]]] = {}
_ENCODED_MAX = 512


def _encode_cached(name: str, value: object) -> tuple[str, tuple[str, str, tuple[bytes, bytes]]]:
    if type(value) is str and type(name) is str:
        hit = _ENCODED.get((name, value))
        if hit is not None:
            return hit
        entry = _encode_header(name, value)
        keyed = (entry[2][0].decode("latin-1"), entry)
        if len(_ENCODED) < _ENCODED_MAX:
            _ENCODED[(name, value)] = keyed
        return keyed
    entry = _encode_header(name, value)
    return entry[2][0].decode("latin-1"), entry


class ResponseHeaders(MutableMapping[str, str]):
    """Mutable, case-insensitive response headers that remember the case they were set with.

    Setting a value containing CR, LF or NUL, or characters outside latin-1, raises
    ``BadHeaderError`` at once, so header injection never reaches the wire. Non-string values
    are converted with ``str()``. ``Set-Cookie`` does not belong here: use
    ``response.set_cookie()``.
    """

    __slots__ = ("_store",)

    def __init__(
        self, headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None
    ) -> None:
        self._store: dict[str, tuple[str, str, tuple[bytes, bytes]]] = {}
        if headers:
            pairs = headers.items() if isinstance(headers, Mapping) else headers
            for name, value in pairs:
                self[name] = value

    def __getitem__(self, name: str) -> str:
        return self._store[name.lower()][1]

    def __setitem__(self, name: str, value: str) -> None:
        key, entry = _encode_cached(name, value)
        self._store[key] = entry

    def __delitem__(self, name: str) -> None:
        del self._store[name.lower()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._store

    def __iter__(self) -> Iterator[str]:
        return (entry[0] for entry in self._store.values())

    def __len__(self) -> int:
        return len(self._store)

    def get(self, name: str, default: str | None = None) -> str | None:  # type: ignore[override]
        entry = self._store.get(name.lower())
        return default if entry is None else entry[1]

    def raw(self) -> list[tuple[bytes, bytes]]:
        """Return the ASGI ``(name, value)`` byte pairs, names lower-cased."""
        return [entry[2] for entry in self._store.values()]

    @staticmethod
    def prepare(pairs: Iterable[tuple[str, str]]) -> PreparedHeaders:
        """Check and encode constant ``(name, value)`` pairs once, for ``add_missing``."""
        return dict(_encode_cached(name, value) for name, value in pairs)

    def add_missing(self, prepared: PreparedHeaders) -> None:
        """Set each prepared header that is not already present (middleware defaults)."""
        # One C-level merge instead of a Python loop: this runs on every response.
        merged = prepared.copy()
        merged.update(self._store)
        self._store = merged

    def _set_encoded(self, key: str, entry: tuple[str, str, tuple[bytes, bytes]]) -> None:
        # Used for constant headers whose encoding was checked once, at import time.
        self._store[key] = entry

    def __repr__(self) -> str:
        return f"ResponseHeaders({dict(self.items())!r})"


def parse_header_value(value: str) -> tuple[str, dict[str, str]]:
    """Split ``text/html; charset="utf-8"`` into ``("text/html", {"charset": "utf-8"})``.

    The main value and the parameter names are lower-cased; quoted values are unquoted.
    Parameters without ``=`` are ignored.
    """
    main, sep, rest = value.partition(";")
    params: dict[str, str] = {}
    if sep:
        for part in _split_params(rest):
            key, eq, val = part.partition("=")
            key = key.strip().lower()
            if not eq or not key:
                continue
            val = val.strip()
            if len(val) >= 2 and val[0] == val[-1] == '"':
                val = val[1:-1].replace('\\"', '"').replace("\\\\", "\\")
            params[key] = val
    return main.strip().lower(), params


def _split_params(text: str) -> Iterator[str]:
    # Split on ";" outside double quotes.
    if '"' not in text:
        yield from text.split(";")
        return
    start, quoted, i = 0, False, 0
    while i < len(text):
        char = text[i]
        if char == "\\" and quoted:
            i += 2
            continue
        if char == '"':
            quoted = not quoted
        elif char == ";" and not quoted:
            yield text[start:i]
            start = i + 1
        i += 1
    yield text[start:]
