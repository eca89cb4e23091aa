"""Strict parsing of ``application/x-www-form-urlencoded`` text (query strings and form bodies).

Unlike ``urllib.parse.parse_qsl``, malformed input is an error, not a guess: a ``%`` that is
not followed by two hex digits, or bytes that are not valid in the encoding after
percent-decoding, raise ``BadRequest`` with a message that names the problem. Only ``&``
separates fields; ``+`` means a space; ``a`` alone means ``a=""``; empty fields are skipped.
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from .exceptions import BadRequest, TooManyFieldsSent

__all__ = ["parse_query_string"]

_BAD_PERCENT_RE = re.compile(rb"%(?![0-9A-Fa-f]{2})")


def parse_query_string(
    query: bytes | str,
    *,
    max_fields: int | None = None,
    encoding: str = "utf-8",
    source: str = "query string",
) -> list[tuple[str, str]]:
    """Parse ``query`` into ``(name, value)`` pairs, in order.

    ``source`` names the input in error messages ("query string", "form body"). More than
    ``max_fields`` non-empty fields raise ``TooManyFieldsSent``.
    """
    if isinstance(query, str):
        query = query.encode(encoding)
    if not query:
        return []
    bad = _BAD_PERCENT_RE.search(query)
    if bad is not None:
        fragment = query[bad.start() : bad.start() + 3].decode("latin-1")
        raise BadRequest(
            f"The {source} has malformed percent-encoding: {fragment!r} is not '%' followed "
            "by two hex digits."
        )
    pieces = query.split(b"&")
    if (
        max_fields is not None
        and len(pieces) > max_fields
        and sum(1 for piece in pieces if piece) > max_fields
    ):
        what = "form fields" if source.startswith("form") else f"{source} fields"
        raise TooManyFieldsSent(
            f"Too many {what}: more than DATA_UPLOAD_MAX_NUMBER_FIELDS ({max_fields})."
        )
    pairs: list[tuple[str, str]] = []
    for piece in pieces:
        if not piece:
            continue
        name, _, value = piece.partition(b"=")
        pairs.append(
            (_decode(name, piece, encoding, source), _decode(value, piece, encoding, source))
        )
    return pairs


def _decode(raw: bytes, piece: bytes, encoding: str, source: str) -> str:
    if b"+" in raw:
        raw = raw.replace(b"+", b" ")
    if b"%" in raw:
        raw = unquote_to_bytes(raw)
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        shown = piece[:60].decode("latin-1")
        raise BadRequest(
            f"The {source} is not valid {encoding} after percent-decoding: {shown!r}."
        ) from None
    except LookupError:
        raise BadRequest(f"The {source} declares an unknown charset {encoding!r}.") from None
