"""``csp_report``: the endpoint browsers post Content-Security-Policy violation reports to.

Wire it and name it in the policy::

    path("csp-report/", csp_report, name="csp-report")           # urls.py
    CSP_POLICY = {..., "report-uri": ["/csp-report/"]}             # settings.py

It accepts the two formats browsers send: ``application/csp-report`` (one
``{"csp-report": {...}}`` object, from ``report-uri``) and ``application/reports+json`` (a
list of ``{"type": "csp-violation", "body": {...}}``, from the Reporting API's
``report-to``). Each violation is logged on ``heron.security.csp`` and handed, as a list of
dicts, to ``CSP_REPORT_HANDLER(request, reports)`` when that setting names a function.
Answers: 204 when read, 400 for malformed JSON or shapes, 405 for other methods, 413 over
``CSP_REPORT_MAX_SIZE`` bytes, 415 for other content types. It is CSRF-exempt: browsers
send reports without tokens.
"""

from __future__ import annotations

import logging
from typing import Any

import orjson

from heron._internal.imports import import_string
from heron.conf import settings
from heron.conf.exceptions import ImproperlyConfigured
from heron.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse

from .decorators import csrf_exempt

__all__ = ["REPORT_CONTENT_TYPES", "csp_report"]

logger = logging.getLogger("heron.security.csp")

REPORT_CONTENT_TYPES = frozenset(
    {"application/csp-report", "application/reports+json", "application/json"}
)


def _error(status: int, detail: str) -> HttpResponse:
    return JsonResponse({"status": status, "detail": detail}, status=status)


def _reports(payload: Any) -> list[dict[str, Any]] | None:
    """The violation dicts of either report format, or None if the shape is wrong."""
    if isinstance(payload, dict):
        body = payload.get("csp-report")
        return [body] if isinstance(body, dict) else None
    if isinstance(payload, list):
        reports: list[dict[str, Any]] = []
        for entry in payload:
            if not isinstance(entry, dict) or not isinstance(entry.get("body"), dict):
                return None
            if entry.get("type", "csp-violation") == "csp-violation":
                reports.append(entry["body"])
        return reports
    return None


def _handler() -> Any:
    path = settings.CSP_REPORT_HANDLER
    if not path:
        return None
    try:
        handler = import_string(str(path), setting="CSP_REPORT_HANDLER")
    except ImportError as exc:
        raise ImproperlyConfigured(
            f"CSP_REPORT_HANDLER {path!r} could not be imported: {exc}"
        ) from exc
    return handler


@csrf_exempt
def csp_report(request: HttpRequest) -> HttpResponse:
    """Read one CSP violation report body, log it, pass it on; 204 when done."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if request.content_type not in REPORT_CONTENT_TYPES:
        return _error(
            415,
            f"Expected application/csp-report or application/reports+json, "
            f"not {request.content_type or 'no content type'!r}.",
        )
    limit = int(settings.CSP_REPORT_MAX_SIZE)
    body = request.body
    if len(body) > limit:
        return _error(413, f"The report is {len(body)} bytes; the limit is {limit}.")
    try:
        payload = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        return _error(400, f"The report is not valid JSON: {exc}")
    reports = _reports(payload)
    if reports is None:
        return _error(
            400,
            'Expected {"csp-report": {...}} or a list of {"type": "csp-violation", "body": {...}}.',
        )
    for report in reports:
        logger.warning(
            "CSP violation on %s: %s blocked %s",
            report.get("document-uri") or report.get("documentURL") or "?",
            report.get("effective-directive")
            or report.get("effectiveDirective")
            or report.get("violated-directive")
            or "?",
            report.get("blocked-uri") or report.get("blockedURL") or "?",
            extra={"csp_report": report},
        )
    handler = _handler()
    if handler is not None and reports:
        handler(request, reports)
    return HttpResponse(status=204)
