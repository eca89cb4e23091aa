"""The error pages shown when ``DEBUG`` is off.

Each view renders ``<status>.html`` (``404.html``, ``500.html``, ...) from the project's or
an app's templates when one exists, so a project restyles its error pages by adding a
template. Otherwise a small built-in page names the status in plain words: never the
exception, never a traceback. A client's own mistake (``BadRequest``, a body over the
limit) is explained in one escaped sentence; clients that accept JSON but not HTML get a
JSON body ``{"status": 400, "error": "Bad Request", "detail": ...}``. Templates get
``request``, ``request_path``, ``status_code``, ``detail`` and, for 4xx pages, ``exception``
(the exception's message).
"""

from __future__ import annotations

import logging
from html import escape
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from heron.http import HttpResponse, JsonResponse
from heron.http.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation

if TYPE_CHECKING:
    from heron.http import HttpRequest

__all__ = [
    "bad_request",
    "error_response",
    "handle_exception_response",
    "page_not_found",
    "permission_denied",
    "server_error",
]

logger = logging.getLogger("heron.request")

_MESSAGES = {
    400: "The server could not understand this request.",
    403: "You do not have permission to access this page.",
    404: "The page you asked for does not exist.",
    405: "This page does not accept that request method.",
    410: "This page is gone and will not come back.",
    413: "The request is larger than this server accepts.",
    429: "Too many requests: please wait a moment and try again.",
    500: "Something went wrong on our side. Please try again later.",
    503: "The site is briefly unavailable. Please try again in a moment.",
    504: "The site took too long to answer. Please try again in a moment.",
}

_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{status} {title}</title>
<style{nonce}>
body {{ font: 16px/1.5 system-ui, sans-serif; color: #222; max-width: 40em;
       margin: 4em auto; padding: 0 1em; }}
h1 {{ font-size: 1.6em; font-weight: 600; }}
code {{ background: #f3f3f3; padding: 0 .25em; word-break: break-all; }}
</style>
</head>
<body>
<h1>{title} ({status})</h1>
<p>{message}</p>
</body>
</html>
"""


def _title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def builtin_page(
    status: int, path: str | None = None, detail: str | None = None, nonce: str = ""
) -> str:
    """Return the built-in HTML page for ``status``; ``path`` is shown on 404 pages.

    ``detail`` (escaped) tells the client what was wrong with its request, e.g. "The request
    body is not valid JSON: ..."; it is only given for the client's own mistakes. ``nonce``
    is the request's Content-Security-Policy nonce, for the page's ``<style>``.
    """
    title = _title(status)
    message = escape(_MESSAGES.get(status, title + "."))
    if status == 404 and path:
        message = f"The page <code>{escape(path)}</code> does not exist."
    if detail:
        message += f"</p>\n<p>{escape(detail)}"
    nonce_attr = f' nonce="{escape(nonce)}"' if nonce else ""
    return _PAGE.format(status=status, title=escape(title), message=message, nonce=nonce_attr)


def client_detail(exception: BaseException | None) -> str | None:
    """Return the message safe to show the client: its own request's mistake, else None.

    ``BadRequest`` and ``RequestDataTooBig`` messages describe the request and help the
    client fix it; ``SuspiciousOperation`` messages may help an attacker and are withheld.
    """
    if isinstance(exception, SuspiciousOperation):
        return None
    if isinstance(exception, BadRequest | RequestDataTooBig):
        return str(exception) or None
    return None


def _wants_json(request: HttpRequest) -> bool:
    try:
        accept = request.headers.get("accept") or ""
    except Exception:
        return False
    return "application/json" in accept and "text/html" not in accept


def error_response(
    request: HttpRequest, status: int, exception: BaseException | None = None
) -> HttpResponse:
    """Render ``<status>.html`` if the project has one, else the built-in page."""
    path = _path(request)
    detail = client_detail(exception)
    if _wants_json(request):
        payload: dict[str, Any] = {"status": status, "error": _title(status)}
        if detail:
            payload["detail"] = detail
        return JsonResponse(payload, status=status)
    context: dict[str, Any] = {"request_path": path, "status_code": status, "detail": detail}
    if exception is not None and status < 500:
        context["exception"] = str(exception)
    body = _render_template(f"{status}.html", context, request)
    if body is None:
        body = builtin_page(status, path, detail, _nonce(request))
    return HttpResponse(body, status=status, content_type="text/html; charset=utf-8")


def bad_request(request: HttpRequest, exception: BaseException) -> HttpResponse:
    """Answer 400 Bad Request (``BadRequest``, ``SuspiciousOperation``)."""
    return error_response(request, 400, exception)


def permission_denied(request: HttpRequest, exception: BaseException) -> HttpResponse:
    """Answer 403 Forbidden (``PermissionDenied``)."""
    return error_response(request, 403, exception)


def page_not_found(request: HttpRequest, exception: BaseException) -> HttpResponse:
    """Answer 404 Not Found (``Http404``)."""
    return error_response(request, 404, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """Answer 500 Internal Server Error; the exception is logged elsewhere, never shown."""
    return error_response(request, 500)


def handle_exception_response(request: HttpRequest, exc: BaseException) -> HttpResponse | None:
    """Return the error page for an exception that carries an HTTP ``status_code``.

    ``Http404`` -> 404, ``PermissionDenied`` -> 403, ``BadRequest`` and
    ``SuspiciousOperation`` -> 400, ``RequestDataTooBig`` -> 413, ``Ratelimited`` -> 429,
    and so on for any exception with a 4xx/5xx ``status_code``; the exception's ``headers``
    dict (if any, e.g. ``Retry-After``) is added to the response. Returns None for other
    exceptions (the caller logs them and answers 500).
    """
    status = getattr(exc, "status_code", None)
    if not isinstance(status, int) or isinstance(status, bool) or not 400 <= status <= 599:
        return None
    if status == 400:
        return bad_request(request, exc)
    if status == 403:
        return permission_denied(request, exc)
    if status == 404:
        return page_not_found(request, exc)
    if status == 500:
        return server_error(request)
    response = error_response(request, status, exc)
    # Headers the exception asks for, e.g. Retry-After on 429 (heron.ratelimit.Ratelimited).
    headers = getattr(exc, "headers", None)
    if isinstance(headers, dict):
        for name, value in headers.items():
            response[name] = value
    return response


def _render_template(name: str, context: dict[str, Any], request: HttpRequest) -> str | None:
    """Render the project's error template, or return None if it is missing or broken."""
    # lazy: templates (Jinja2) load on first render, not when the app imports this room
    from heron.templates import TemplateDoesNotExist, get_template

    try:
        template = get_template(name)
    except TemplateDoesNotExist:
        return None
    except Exception:
        # An error page must not fail: a broken template setup falls back to the built-in.
        logger.exception("Could not load the error template %s", name)
        return None
    try:
        return template.render(context, request)
    except Exception:
        logger.exception("Could not render the error template %s", name)
        return None


def _nonce(request: HttpRequest) -> str:
    try:
        return str(getattr(request, "csp_nonce", None) or "")
    except Exception:
        return ""


def _path(request: HttpRequest) -> str:
    try:
        return str(request.path)
    except Exception:
        return ""
