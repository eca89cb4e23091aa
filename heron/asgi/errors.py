"""Turn exceptions raised while handling a request into responses.

``Http404`` -> 404, ``PermissionDenied`` -> 403, ``BadRequest``/``SuspiciousOperation`` -> 400,
``RequestDataTooBig`` -> 413, ``heron.ratelimit.Ratelimited`` -> 429 with ``Retry-After``,
``heron.db.DatabaseUnavailable`` -> 503 with ``Retry-After`` (the database is down,
overloaded or cut off: the client should come back shortly), ``heron.db.StatementTimeout``
-> 504, anything else -> 500 (logged with the request line). With
``DEBUG`` on, 404 and 500 show the technical pages; otherwise the plain pages, which projects
override with ``404.html`` etc. templates.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from heron.http import HttpResponseServerError
from heron.http.exceptions import HttpError, SuspiciousOperation

if TYPE_CHECKING:
    from heron.http import HttpRequest, HttpResponseBase

__all__ = ["response_for_exception"]

request_logger = logging.getLogger("heron.request")
security_logger = logging.getLogger("heron.security")


def response_for_exception(
    request: HttpRequest, exc: BaseException, *, debug: bool
) -> HttpResponseBase:
    """Return the response that answers ``exc``; never raises for ordinary exceptions."""
    # lazy: templates (Jinja2) load on the first error page, not with the app
    from heron.views import debug as debug_views
    from heron.views import defaults

    try:
        if isinstance(exc, HttpError):
            status = exc.status_code
            if isinstance(exc, SuspiciousOperation):
                security_logger.warning(
                    "%s: %s", type(exc).__name__, exc, extra={"status_code": status}
                )
            if status == 404 and debug:
                return debug_views.technical_404_response(request, exc)
            response = defaults.handle_exception_response(request, exc)
            if response is not None:
                return response
        # Imported here, on the error path only: a site without a database never loads
        # heron.db (and ``import heron.asgi`` stays light).
        from heron.db.exceptions import DatabaseUnavailable, StatementTimeout

        if isinstance(exc, DatabaseUnavailable | StatementTimeout):
            status = 503 if isinstance(exc, DatabaseUnavailable) else 504
            request_logger.warning(
                "%s: %s %s: %s",
                "Service Unavailable" if status == 503 else "Gateway Timeout",
                request.method,
                request.get_full_path(),
                exc,
                extra={"status_code": status},
            )
            response = defaults.error_response(request, status)
            retry_after = getattr(exc, "retry_after", None)
            if retry_after is not None:
                response["Retry-After"] = str(retry_after)
            return response
        request_logger.error(
            "Internal Server Error: %s %s",
            request.method,
            request.get_full_path(),
            exc_info=(type(exc), exc, exc.__traceback__),
            extra={"status_code": 500},
        )
        if debug:
            return debug_views.technical_500_response(request, exc)
        return defaults.server_error(request)
    except Exception:  # the error pages themselves failed: answer with the bare minimum
        request_logger.exception("Error while rendering the error page")

        return HttpResponseServerError(
            b"<h1>Server Error (500)</h1>", content_type="text/html; charset=utf-8"
        )
