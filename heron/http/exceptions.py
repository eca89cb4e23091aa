"""Errors raised while reading requests and building responses.

The tree, with the status code the ASGI application answers for each::

    HttpError                      status_code (500 unless a subclass says otherwise)
     ├── BadRequest                400  the request is malformed
     │    ├── SuspiciousOperation  400  the request looks like an attack
     │    │    ├── DisallowedHost       Host header not in ALLOWED_HOSTS
     │    │    └── DisallowedRedirect   redirect to a refused URL scheme
     │    ├── TooManyFieldsSent         over DATA_UPLOAD_MAX_NUMBER_FIELDS
     │    └── TooManyFilesSent          over DATA_UPLOAD_MAX_NUMBER_FILES
     ├── PermissionDenied      403
     ├── Http404               404
     └── RequestDataTooBig     413  over DATA_UPLOAD_MAX_MEMORY_SIZE / FILE_UPLOAD_MAX_SIZE
    ClientDisconnected             the client went away while the body was read (no response)
    BadHeaderError (ValueError)    a response header name or value is unsafe (a programming error)
"""

from __future__ import annotations

from http import HTTPStatus

from heron.core.exceptions import HeronError

__all__ = [
    "BadHeaderError",
    "BadRequest",
    "ClientDisconnected",
    "DisallowedHost",
    "DisallowedRedirect",
    "Http404",
    "HttpError",
    "PermissionDenied",
    "RequestDataTooBig",
    "SuspiciousOperation",
    "TooManyFieldsSent",
    "TooManyFilesSent",
]


class HttpError(HeronError):
    """Base of the errors that map to an HTTP status code (``status_code``).

    Without a message, ``str(error)`` is the status phrase, e.g. "Bad Request".
    """

    status_code: int = 500

    def __init__(self, message: str | None = None) -> None:
        if message is None:
            message = HTTPStatus(self.status_code).phrase
        super().__init__(message)
        self.message = message


class BadRequest(HttpError):
    """The request is malformed (400)."""

    status_code = 400


class SuspiciousOperation(BadRequest):
    """The request looks like an attack (400); log it, never show details to the client."""


class DisallowedHost(SuspiciousOperation):
    """The Host (or trusted X-Forwarded-Host) header is not in ALLOWED_HOSTS."""


class DisallowedRedirect(SuspiciousOperation):
    """A redirect targets a URL scheme that is refused (e.g. ``javascript:``)."""


class TooManyFieldsSent(BadRequest):
    """The query string or form has more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS."""


class TooManyFilesSent(BadRequest):
    """The multipart form has more files than DATA_UPLOAD_MAX_NUMBER_FILES."""


class RequestDataTooBig(HttpError):
    """The body is larger than the configured limit (413)."""

    status_code = 413


class PermissionDenied(HttpError):
    """The user may not do this (403)."""

    status_code = 403


class Http404(HttpError):
    """Nothing matches the request (404)."""

    status_code = 404


class ClientDisconnected(HeronError):
    """The client disconnected before the request body was read; send no response."""


class BadHeaderError(HeronError, ValueError):
    """A response header name or value would corrupt the response (e.g. contains a newline)."""
