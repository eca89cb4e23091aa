from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from heron.http import (
    BadRequest,
    Http404,
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
)
from heron.views import defaults

from .helpers import make_request

PAYLOAD = "<script>alert(1)</script>"


def text(response: Any) -> str:
    return str(response.content.decode("utf-8"))


@pytest.mark.parametrize(
    ("call", "status", "title"),
    [
        (
            lambda r: defaults.bad_request(r, SuspiciousOperation("secret detail")),
            400,
            "Bad Request",
        ),
        (
            lambda r: defaults.permission_denied(r, PermissionDenied("secret detail")),
            403,
            "Forbidden",
        ),
        (lambda r: defaults.page_not_found(r, Http404("secret detail")), 404, "Not Found"),
        (lambda r: defaults.server_error(r), 500, "Internal Server Error"),
    ],
)
def test_builtin_pages(call: Any, status: int, title: str) -> None:
    response = call(make_request(path="/somewhere/"))
    body = text(response)
    assert response.status_code == status
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert f"<title>{status} {title}</title>" in body
    assert "secret detail" not in body
    assert "Traceback" not in body


def test_bad_request_explains_the_clients_mistake_escaped() -> None:
    response = defaults.bad_request(make_request(), BadRequest("Field <name> is malformed."))
    assert "<p>Field &lt;name&gt; is malformed.</p>" in text(response)


def test_builtin_404_escapes_the_path() -> None:
    body = text(defaults.page_not_found(make_request(path=f"/{PAYLOAD}"), Http404()))
    assert "<script>" not in body
    assert "&lt;script&gt;" in body


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (BadRequest("x"), 400),
        (SuspiciousOperation("x"), 400),
        (PermissionDenied(), 403),
        (Http404(), 404),
        (RequestDataTooBig(), 413),
    ],
)
def test_handle_exception_response_maps_status(exc: Exception, status: int) -> None:
    response = defaults.handle_exception_response(make_request(), exc)
    assert response is not None
    assert response.status_code == status


def test_413_page() -> None:
    response = defaults.handle_exception_response(make_request(), RequestDataTooBig("too big"))
    assert response is not None
    assert "larger than this server accepts" in text(response)


@pytest.mark.parametrize("exc", [ValueError("x"), KeyboardInterrupt()])
def test_handle_exception_response_ignores_other_exceptions(exc: BaseException) -> None:
    assert defaults.handle_exception_response(make_request(), exc) is None


def test_template_overrides_builtin_page(tmp_path: Path, configure: Any) -> None:
    (tmp_path / "404.html").write_text(
        "<h1>Custom 404</h1><p>{{ request_path }}</p><p>{{ exception }}</p>"
        "<p>{{ request.method }}</p>"
    )
    configure(TEMPLATES_DIRS=[str(tmp_path)])
    response = defaults.page_not_found(make_request(path=f"/{PAYLOAD}"), Http404("gone away"))
    body = text(response)
    assert response.status_code == 404
    assert "<h1>Custom 404</h1>" in body
    assert "&lt;script&gt;" in body and "<script>" not in body
    assert "<p>gone away</p><p>GET</p>" in body
    # Other statuses still use the built-in pages.
    assert "Custom" not in text(defaults.server_error(make_request()))


def test_broken_template_falls_back_to_builtin(
    tmp_path: Path, configure: Any, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "500.html").write_text("{% extends 'missing-base.html' %}")
    configure(TEMPLATES_DIRS=[str(tmp_path)])
    response = defaults.server_error(make_request())
    assert response.status_code == 500
    assert "Internal Server Error" in text(response)
    assert "Could not render the error template 500.html" in caplog.text
