"""The CSP report endpoint: both report formats, bad bodies, the handler hook."""

from __future__ import annotations

import logging
from typing import Any

import orjson
import pytest

from heron.test import Client
from tests.middleware.conftest import secure_site  # noqa: F401  (the middleware test site)

received: list[tuple[str, list[dict[str, Any]]]] = []


def handler(request: Any, reports: list[dict[str, Any]]) -> None:
    received.append((request.path, reports))


VIOLATION = {
    "document-uri": "https://example.com/page",
    "violated-directive": "script-src-elem",
    "effective-directive": "script-src-elem",
    "blocked-uri": "https://evil.example/x.js",
}


@pytest.fixture
def browser(secure_site: Any) -> Client:  # noqa: F811
    received.clear()
    secure_site(CSP_REPORT_HANDLER="tests.views.test_csp.handler", CSP_REPORT_MAX_SIZE=1000)
    return Client(enforce_csrf_checks=True)  # reports come without CSRF tokens


def post(browser: Client, body: Any, content_type: str = "application/csp-report") -> Any:
    data = body if isinstance(body, bytes) else orjson.dumps(body)
    return browser.post("/csp-report/", data, content_type=content_type)


def test_csp_report_format(browser: Client, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, "heron.security.csp"):
        response = post(browser, {"csp-report": VIOLATION})
    assert response.status_code == 204
    assert received == [("/csp-report/", [VIOLATION])]
    assert [r.getMessage() for r in caplog.records] == [
        "CSP violation on https://example.com/page: script-src-elem blocked "
        "https://evil.example/x.js"
    ]


def test_reporting_api_format(browser: Client) -> None:
    body = {"documentURL": "https://example.com/", "effectiveDirective": "style-src-attr"}
    reports = [
        {"type": "csp-violation", "age": 3, "url": "https://example.com/", "body": body},
        {"type": "deprecation", "body": {"id": "x"}},
    ]
    response = post(browser, reports, "application/reports+json")
    assert response.status_code == 204
    assert received == [("/csp-report/", [body])]


@pytest.mark.parametrize(
    ("body", "content_type", "status", "detail"),
    [
        (b"{not json", "application/csp-report", 400, "The report is not valid JSON: "),
        (b'{"csp-report": 5}', "application/csp-report", 400, 'Expected {"csp-report": {...}}'),
        (b'[{"type": "csp-violation"}]', "application/reports+json", 400, "Expected"),
        (b'"text"', "application/csp-report", 400, "Expected"),
        (b"{}", "text/plain", 415, "Expected application/csp-report or application/reports"),
        (b"{" + b" " * 1000 + b"}", "application/csp-report", 413, "The report is 1002 bytes"),
    ],
    ids=["malformed", "wrong-shape", "no-body", "scalar", "content-type", "too-big"],
)
def test_bad_reports(
    browser: Client, body: bytes, content_type: str, status: int, detail: str
) -> None:
    response = post(browser, body, content_type)
    assert response.status_code == status
    assert response.json()["detail"].startswith(detail)
    assert received == []


def test_only_post(browser: Client) -> None:
    response = browser.get("/csp-report/")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


def test_without_a_handler(secure_site: Any) -> None:  # noqa: F811
    secure_site(CSP_REPORT_HANDLER=None)
    assert post(Client(), {"csp-report": VIOLATION}).status_code == 204
