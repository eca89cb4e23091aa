"""The response family: ``HttpResponseBase``, ``HttpResponse``, ``JsonResponse`` and the
status-code shortcuts.

Every response sends itself with ``await response.send_asgi(send, request)``: one
``http.response.start`` (status, pre-encoded headers, a ``set-cookie`` per cookie,
``content-length`` when known) and the body. For HEAD requests the headers are the same and
the body is empty. After sending, the ASGI application calls ``response.close()``, which runs
the callables in ``response.closing``.

Redirects live in ``redirects.py``, streaming in ``streaming.py``, files in
``fileresponse.py``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from http import HTTPStatus
from operator import itemgetter
from typing import TYPE_CHECKING, Any

import orjson

from .config import current_config
from .cookies import EPOCH_EXPIRES, build_set_cookie
from .headers import ResponseHeaders, _encode_header, parse_header_value

if TYPE_CHECKING:
    from .request import HttpRequest

__all__ = [
    "HttpResponse",
    "HttpResponseBadRequest",
    "HttpResponseBase",
    "HttpResponseForbidden",
    "HttpResponseGone",
    "HttpResponseNotAllowed",
    "HttpResponseNotFound",
    "HttpResponseNotModified",
    "HttpResponseServerError",
    "JsonResponse",
    "Send",
]

Send = Callable[[dict[str, Any]], Awaitable[None]]
HeadersArg = Mapping[str, str] | Iterable[tuple[str, str]] | None

_DEFAULT_CONTENT_TYPE = _encode_header("Content-Type", "text/html; charset=utf-8")
# The raw ASGI pair of a ResponseHeaders entry; mapped in C over the store when sending.
_raw_pair = itemgetter(2)
# Builds a ResponseHeaders around a ready store without running its __init__.
_new_object = object.__new__
# Responses with these statuses never have a body (RFC 9110, section 6.4.1).
_NO_BODY_STATUSES = frozenset({204, 304})


def _check_status(status: int) -> int:
    try:
        code = int(status)
    except (TypeError, ValueError):
        raise TypeError(f"HTTP status code must be an integer, not {status!r}.") from None
    if not 100 <= code <= 599:
        raise ValueError(f"HTTP status code must be between 100 and 599, not {code}.")
    return code


def has_body(status: int) -> bool:
    """Return whether a response with ``status`` may carry a body."""
    return status >= 200 and status not in _NO_BODY_STATUSES


class HttpResponseBase:
    """What every response has: status, headers, cookies, charset and the ASGI send contract.

    ``response["Content-Type"]`` reads and writes headers (case-insensitive); cookies are
    kept apart, in ``response.cookies`` (name -> Set-Cookie value), and sent one header each.
    Subclasses implement ``send_asgi``.
    """

    status_code: int = 200
    streaming: bool = False
    # Set by @xframe_options_exempt: SecurityMiddleware then sends no X-Frame-Options.
    xframe_options_exempt: bool = False
    # Class-level defaults: most responses never set them, so they cost nothing per response.
    _charset: str | None = None
    _reason_phrase: str | None = None
    # False only on a TemplateResponse not rendered yet: the application checks this flag on
    # every response, and a class attribute is much cheaper than getattr() with a default.
    _is_rendered: bool = True
    # True for classes that send and close exactly as HttpResponse does: the application
    # then sends their messages itself. Set for each class when it is created.
    _plain_asgi: bool = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        plain = globals().get("HttpResponse")  # None while HttpResponse itself is created
        cls._plain_asgi = plain is not None and (
            cls.send_asgi is plain.send_asgi
            and getattr(cls, "_asgi_messages", None) is plain._asgi_messages
            and cls.close is HttpResponseBase.close
        )

    def __init__(
        self,
        content_type: str | None = None,
        status: int | None = None,
        headers: HeadersArg = None,
        charset: str | None = None,
        reason: str | None = None,
    ) -> None:
        if status is not None:
            self.status_code = _check_status(status)
        if charset is not None:
            self._charset = charset
        if reason is not None:
            self._reason_phrase = reason
        self.headers = ResponseHeaders(headers)
        self.cookies: dict[str, str] = {}
        self.closing: list[Callable[[], object]] = []
        if content_type is not None:
            self.headers._store["content-type"] = _content_type_info(content_type)[0]
        elif "content-type" not in self.headers._store:
            if charset is None and current_config().default_charset == "utf-8":
                self.headers._set_encoded("content-type", _DEFAULT_CONTENT_TYPE)
            else:
                self.headers["Content-Type"] = f"text/html; charset={self.charset}"

    def __repr__(self) -> str:
        content_type = self.headers.get("content-type", "")
        return f"<{type(self).__name__} status_code={self.status_code}, {content_type!r}>"

    @property
    def reason_phrase(self) -> str:
        """The reason phrase: the one given, else the standard one for the status code."""
        if self._reason_phrase is not None:
            return self._reason_phrase
        try:
            return HTTPStatus(self.status_code).phrase
        except ValueError:
            return "Unknown Status Code"

    @reason_phrase.setter
    def reason_phrase(self, value: str) -> None:
        self._reason_phrase = value

    @property
    def charset(self) -> str:
        """The charset: the one given, else Content-Type's, else DEFAULT_CHARSET."""
        if self._charset is not None:
            return self._charset
        content_type = self.headers.get("content-type")
        if content_type and "charset" in content_type:
            charset = _charset_of(content_type)
            if charset:
                return charset
        return current_config().default_charset

    @charset.setter
    def charset(self, value: str) -> None:
        self._charset = value

    # Header access.

    def __getitem__(self, name: str) -> str:
        return self.headers[name]

    def __setitem__(self, name: str, value: str) -> None:
        self.headers[name] = value

    def __delitem__(self, name: str) -> None:
        self.headers.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self.headers

    def has_header(self, name: str) -> bool:
        """Return whether the header is set (case-insensitive)."""
        return name in self.headers

    def get(self, name: str, default: str | None = None) -> str | None:
        """Return the header's value, or ``default``."""
        return self.headers.get(name, default)

    def setdefault(self, name: str, value: str) -> None:
        """Set a header unless it is already set."""
        if name not in self.headers:
            self.headers[name] = value

    # Cookies.

    def set_cookie(
        self,
        key: str,
        value: str = "",
        max_age: int | timedelta | None = None,
        expires: datetime | str | None = None,
        path: str | None = "/",
        domain: str | None = None,
        secure: bool = False,
        httponly: bool = False,
        samesite: str | None = "Lax",
    ) -> None:
        """Set a cookie; setting the same name again replaces it.

        Raises ``ValueError`` for an invalid name or an impossible combination (see
        ``heron.http.cookies``).
        """
        self.cookies[key] = build_set_cookie(
            key,
            value,
            max_age=max_age,
            expires=expires,
            path=path,
            domain=domain,
            secure=secure,
            httponly=httponly,
            samesite=samesite,
        )

    def delete_cookie(
        self, key: str, path: str = "/", domain: str | None = None, samesite: str | None = None
    ) -> None:
        """Tell the browser to delete a cookie (path and domain must match how it was set)."""
        secure = key.startswith(("__Secure-", "__Host-")) or (samesite or "").lower() == "none"
        self.cookies[key] = build_set_cookie(
            key,
            max_age=0,
            expires=EPOCH_EXPIRES,
            path=path,
            domain=domain,
            secure=secure,
            samesite=samesite,
        )

    # Sending.

    def _start_message(self, content_length: int | None) -> dict[str, Any]:
        store = self.headers._store
        headers = list(map(_raw_pair, store.values()))
        if content_length is not None and "content-length" not in store:
            headers.append((b"content-length", b"%d" % content_length))
        if self.cookies:
            headers.extend(
                (b"set-cookie", value.encode("latin-1")) for value in self.cookies.values()
            )
        return {"type": "http.response.start", "status": self.status_code, "headers": headers}

    async def send_asgi(self, send: Send, request: HttpRequest | None = None) -> None:
        """Send the response through ASGI ``send``: here, the headers and an empty body.

        Subclasses with a body (``HttpResponse``, streaming and file responses) override it.
        """
        await send(self._start_message(0 if has_body(self.status_code) else None))
        await send({"type": "http.response.body", "body": b""})

    def close(self) -> None:
        """Run (once) the callables in ``closing``; the first error is re-raised after all ran."""
        if not self.closing:
            return
        closing, self.closing = self.closing, []
        error: BaseException | None = None
        for callback in closing:
            try:
                callback()
            except Exception as exc:
                error = error or exc
        if error is not None:
            raise error


_CHARSETS: dict[str, str | None] = {}
# Content-Length values already formatted (bodies of a site tend to repeat their sizes).
_LENGTHS: dict[int, bytes] = {}
_CONTENT_TYPES: dict[str, tuple[tuple[str, str, tuple[bytes, bytes]], str | None]] = {}


def _content_type_info(
    content_type: str,
) -> tuple[tuple[str, str, tuple[bytes, bytes]], str | None]:
    """Return the encoded Content-Type header entry and its charset (cached per value)."""
    info = _CONTENT_TYPES.get(content_type)
    if info is None:
        entry = _encode_header("Content-Type", content_type)
        charset = _charset_of(content_type) if "charset" in content_type else None
        info = (entry, charset)
        if len(_CONTENT_TYPES) < 256:
            _CONTENT_TYPES[content_type] = info
    return info


def _charset_of(content_type: str) -> str | None:
    # Content types repeat (a handful per site): parse each once.
    try:
        return _CHARSETS[content_type]
    except KeyError:
        charset = parse_header_value(content_type)[1].get("charset")
        if len(_CHARSETS) < 256:
            _CHARSETS[content_type] = charset
        return charset


def _to_bytes(value: object, charset: str) -> bytes:
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode(charset)
    if isinstance(value, bytearray | memoryview):
        return bytes(value)
    return str(value).encode(charset)


class HttpResponse(HttpResponseBase):
    """A response whose whole body is in memory (``content``, bytes).

    ``content`` may be set to bytes, str (encoded with ``charset``) or an iterable of those
    (joined). The default Content-Type is ``text/html; charset=utf-8``.
    """

    def __init__(
        self,
        content: object = b"",
        content_type: str | None = None,
        status: int | None = None,
        headers: HeadersArg = None,
        charset: str | None = None,
        reason: str | None = None,
    ) -> None:
        if content_type is not None and headers is None and charset is None and reason is None:
            # The usual HttpResponse(content, content_type=...) and JsonResponse: what
            # HttpResponseBase.__init__ does for these arguments, without its general cases.
            if status is not None:
                self.status_code = _check_status(status)
            info = _CONTENT_TYPES.get(content_type)
            if info is None:
                info = _content_type_info(content_type)
            self.headers = response_headers = _new_object(ResponseHeaders)
            response_headers._store = {"content-type": info[0]}
            self.cookies = {}
            self.closing = []
            if type(content) is bytes:
                self._content = content
            elif type(content) is str:
                self._content = content.encode(info[1] or current_config().default_charset)
            else:
                self.content = content
            return
        HttpResponseBase.__init__(self, content_type, status, headers, charset, reason)
        if type(content) is bytes:
            self._content = content
        elif type(content) is str and charset is None and content_type is not None:
            # The usual HttpResponse("text", content_type=...): find the charset directly.
            self._content = content.encode(
                _content_type_info(content_type)[1] or current_config().default_charset
            )
        else:
            self.content = content

    @property
    def content(self) -> bytes:
        return self._content

    @content.setter
    def content(self, value: object) -> None:
        if isinstance(value, bytes):
            self._content = value
        elif isinstance(value, str):
            self._content = value.encode(self.charset)
        elif isinstance(value, Iterable) and not isinstance(value, bytearray | memoryview):
            charset = self.charset
            self._content = b"".join(_to_bytes(chunk, charset) for chunk in value)
            close = getattr(value, "close", None)
            if callable(close):
                close()
        else:
            self._content = _to_bytes(value, self.charset)

    @property
    def text(self) -> str:
        """The content decoded with ``charset`` (undecodable bytes replaced)."""
        return self._content.decode(self.charset, errors="replace")

    def json(self) -> Any:
        """Parse the content as JSON (handy in tests)."""
        return orjson.loads(self._content)

    def write(self, content: bytes | str) -> None:
        """Append to the content."""
        self._content += _to_bytes(content, self.charset)

    async def send_asgi(self, send: Send, request: HttpRequest | None = None) -> None:
        """Send the start message and the whole body in one body message."""
        start, body = self._asgi_messages(request)
        await send(start)
        await send(body)

    def _asgi_messages(
        self, request: HttpRequest | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        # The start and body messages. The ASGI application sends them itself (one coroutine
        # fewer per request) when the response's class does not override send_asgi().
        # _start_message() written out: this runs for nearly every response.
        status = self.status_code
        store = self.headers._store
        headers = list(map(_raw_pair, store.values()))
        if status >= 200 and status not in _NO_BODY_STATUSES:
            body = self._content
            if "content-length" not in store:
                size = len(body)
                length = _LENGTHS.get(size)
                if length is None:
                    length = b"%d" % size
                    if len(_LENGTHS) < 4096:
                        _LENGTHS[size] = length
                headers.append((b"content-length", length))
            if request is not None and request.method == "HEAD":
                body = b""
        else:
            body = b""
        if self.cookies:
            headers.extend(
                (b"set-cookie", value.encode("latin-1")) for value in self.cookies.values()
            )
        return (
            {"type": "http.response.start", "status": status, "headers": headers},
            {"type": "http.response.body", "body": body},
        )


HttpResponse._plain_asgi = True


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, set | frozenset):
        return list(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


class JsonResponse(HttpResponse):
    """A response whose content is ``data`` as JSON (``application/json``).

    Serialized with orjson: datetimes, dates, UUIDs, dataclasses, enums and non-string dict
    keys work; Decimals become strings and sets lists. Only dicts are accepted unless
    ``safe=False`` (a top-level list was once a JSON-hijacking risk, and a dict leaves room
    to add keys). ``dumps`` replaces the serializer (it may return str or bytes).
    """

    def __init__(
        self,
        data: Any,
        safe: bool = True,
        status: int | None = None,
        headers: HeadersArg = None,
        dumps: Callable[[Any], bytes | str] | None = None,
        content_type: str = "application/json",
    ) -> None:
        if safe and not isinstance(data, dict):
            raise TypeError(
                f"JsonResponse only serializes a dict unless safe=False; got "
                f"{type(data).__name__}. Pass safe=False to send other JSON values."
            )
        if dumps is None:
            content: bytes | str = orjson.dumps(
                data, default=_json_default, option=orjson.OPT_NON_STR_KEYS
            )
        else:
            content = dumps(data)
        HttpResponse.__init__(self, content, content_type, status, headers)


class HttpResponseNotModified(HttpResponse):
    """304 Not Modified: no content and no Content-Type."""

    status_code = 304

    def __init__(self, headers: HeadersArg = None) -> None:
        super().__init__(headers=headers)
        del self.headers["content-type"]

    @property
    def content(self) -> bytes:
        return b""

    @content.setter
    def content(self, value: object) -> None:
        if value:
            raise AttributeError("A 304 Not Modified response can't have content.")
        self._content = b""


class HttpResponseBadRequest(HttpResponse):
    """400 Bad Request."""

    status_code = 400


class HttpResponseForbidden(HttpResponse):
    """403 Forbidden."""

    status_code = 403


class HttpResponseNotFound(HttpResponse):
    """404 Not Found."""

    status_code = 404


class HttpResponseNotAllowed(HttpResponse):
    """405 Method Not Allowed, with the ``Allow`` header listing ``permitted_methods``."""

    status_code = 405

    def __init__(
        self,
        permitted_methods: Iterable[str],
        content: object = b"",
        content_type: str | None = None,
        headers: HeadersArg = None,
    ) -> None:
        super().__init__(content, content_type=content_type, headers=headers)
        self.headers["Allow"] = ", ".join(method.upper() for method in permitted_methods)


class HttpResponseGone(HttpResponse):
    """410 Gone."""

    status_code = 410


class HttpResponseServerError(HttpResponse):
    """500 Internal Server Error."""

    status_code = 500
