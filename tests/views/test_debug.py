from __future__ import annotations

import re
from typing import Any

import pytest

from heron.http import Http404
from heron.urls import Resolver404
from heron.views.debug import (
    CLEANSED,
    cleanse,
    safe_repr,
    technical_404_response,
    technical_500_response,
)

from .helpers import html_request, make_request

PAYLOAD = "<script>alert(1)</script>"
CONTEXT_NOTE = "During handling of the above exception, another exception occurred:"


class BrokenRepr:
    def __repr__(self) -> str:
        raise RuntimeError("no repr for you")


def raise_from_view(message: str) -> BaseException:
    """Raise inside a function with interesting locals; return the caught exception."""
    marker_local = "frame-local-value"  # noqa: F841 - read back from the traceback
    evil_local = PAYLOAD  # noqa: F841
    broken = BrokenRepr()  # noqa: F841
    huge = "x" * 20_000  # noqa: F841
    try:
        raise ValueError(message)
    except ValueError as exc:
        return exc


def text(response: Any) -> str:
    return str(response.content.decode("utf-8"))


def test_technical_500_shows_frames_source_and_locals() -> None:
    exc = raise_from_view("boom happened")
    response = technical_500_response(html_request(path="/polls/"), exc)
    body = text(response)
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "ValueError" in body
    assert "boom happened" in body
    assert "raise_from_view" in body
    assert __file__ in body
    # Source context: the raising line and lines around it.
    assert "raise ValueError(message)" in body
    assert "huge = " in body
    # Local variables, with reprs.
    assert "marker_local" in body
    assert "&#39;frame-local-value&#39;" in body
    assert "&lt;repr failed: RuntimeError: no repr for you&gt;" in body
    assert "x" * 20_000 not in body
    assert "/polls/" in body


def test_technical_500_escapes_everything() -> None:
    exc = raise_from_view(PAYLOAD)
    response = technical_500_response(
        html_request(path=f"/{PAYLOAD}", query_string=b"q=%3Cscript%3E"), exc
    )
    body = text(response)
    assert "<script>" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_technical_500_shows_the_exception_chain() -> None:
    def inner() -> None:
        raise KeyError("first")

    try:
        try:
            inner()
        except KeyError as exc:
            raise RuntimeError("second") from exc
    except RuntimeError as exc:
        body = text(technical_500_response(html_request(), exc))
    assert "The above exception was the direct cause of the following exception:" in body
    assert body.index("KeyError") < body.index("RuntimeError: second")
    assert "inner" in body


def test_technical_500_implicit_context() -> None:
    try:
        try:
            {}["missing"]
        except KeyError:
            raise TypeError("while handling") from None
    except TypeError as exc:
        suppressed = exc
    try:
        try:
            {}["missing"]
        except KeyError:
            raise TypeError("while handling")  # noqa: B904 - the implicit context is tested
    except TypeError as exc:
        chained = exc
    # The note lives at module level: a local would show up among the frame's variables.
    assert CONTEXT_NOTE not in text(technical_500_response(html_request(), suppressed))
    assert CONTEXT_NOTE in text(technical_500_response(html_request(), chained))


def test_technical_500_hides_sensitive_request_data() -> None:
    request = html_request(
        "GET",
        "/login/",
        query_string=b"password=hunter2&api_token=tok123&page=2",
        headers=[
            ("authorization", "Bearer abc.def"),
            ("cookie", "sessionid=sess123; theme=dark; csrftoken=csrf123"),
            ("x-trace", "visible-header"),
        ],
    )

    def view(request: Any) -> BaseException:
        in_a_container = [request]  # noqa: F841 - read back from the traceback
        try:
            raise ValueError("in the view")
        except ValueError as exc:
            return exc

    body = text(technical_500_response(request, view(request)))
    assert "&lt;HttpRequest: GET &#39;/login/?password=" in body
    assert "[&lt;HttpRequest: GET &#39;/login/?password=" in body
    for secret in ("hunter2", "tok123", "abc.def", "sess123", "csrf123"):
        assert secret not in body
    assert CLEANSED in body
    assert "visible-header" in body
    assert "dark" in body
    assert re.search(r"page</th><td[^>]*>2<", body)


def test_technical_500_hides_sensitive_settings(configure: Any) -> None:
    configure(
        SECRET_KEY="super-secret-signing-key",
        DATABASES={
            "default": {
                "ENGINE": "postgresql",
                "PASSWORD": "db-password-1",
                "URL": "postgresql://app:db-password-2@db.example/site",
            }
        },
        STRIPE_API_KEY="sk_live_1",
        SOME_VISIBLE_SETTING="shown-value",
    )
    body = text(technical_500_response(html_request(), raise_from_view("x")))
    for secret in ("super-secret-signing-key", "db-password-1", "db-password-2", "sk_live_1"):
        assert secret not in body
    assert "shown-value" in body
    assert "db.example" in body


def test_technical_500_plain_text_for_non_browsers() -> None:
    request = make_request("POST", "/api/", headers=[("accept", "*/*")])
    response = technical_500_response(request, raise_from_view(PAYLOAD))
    body = text(response)
    assert response.status_code == 500
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body.startswith("ValueError at /api/")
    assert "Traceback (most recent call last):" in body
    assert "raise ValueError(message)" in body
    assert PAYLOAD in body  # text/plain is not HTML: nothing to escape
    assert "<html" not in body


def test_technical_500_with_custom_status() -> None:
    response = technical_500_response(html_request(), raise_from_view("x"), status_code=400)
    assert response.status_code == 400


def test_technical_500_works_without_settings() -> None:
    from heron.conf import settings

    settings._install(None)
    body = text(technical_500_response(html_request(), raise_from_view("no settings")))
    assert "no settings" in body
    assert "Settings are not configured." in body


def test_technical_404_lists_tried_patterns() -> None:
    exc = Resolver404(f"/{PAYLOAD}/", ["polls/", "polls/<int:pk>/", f"admin/{PAYLOAD}"])
    response = technical_404_response(html_request(path=f"/{PAYLOAD}/"), exc)
    body = text(response)
    assert response.status_code == 404
    assert "<script>" not in body
    positions = [body.index(p) for p in ("polls/", "polls/&lt;int:pk&gt;/", "admin/&lt;script")]
    assert positions == sorted(positions)
    assert "URL patterns tried" in body


def test_technical_404_for_a_view_raised_http404() -> None:
    response = technical_404_response(html_request(path="/q/9/"), Http404("No question 9"))
    body = text(response)
    assert "No question 9" in body
    assert "/q/9/" in body
    assert "URL patterns tried" not in body


def test_technical_404_plain_text() -> None:
    exc = Resolver404("/nope/", ["polls/", "admin/"])
    response = technical_404_response(make_request(path="/nope/"), exc)
    body = text(response)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "  1. polls/\n  2. admin/\n" in body
    assert "Page not found (404): GET /nope/" in body


def test_safe_repr_truncates_and_survives() -> None:
    assert safe_repr(BrokenRepr()) == "<repr failed: RuntimeError: no repr for you>"
    assert len(safe_repr("y" * 100_000)) < 4_200
    assert safe_repr({"a": [1, 2]}) == "{'a': [1, 2]}"


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("SECRET_KEY", "abc", CLEANSED),
        ("db_password", "abc", CLEANSED),
        ("X-CSRFToken", "abc", CLEANSED),
        ("Signature", "abc", CLEANSED),
        ("page", "2", "2"),
        ("DB", {"USER": "u", "PASSWORD": "p"}, {"USER": "u", "PASSWORD": CLEANSED}),
        ("URL", "mysql://u:pw@h/db", f"mysql://u:{CLEANSED}@h/db"),
        ("LIST", [{"token": 1}, "x"], [{"token": CLEANSED}, "x"]),
    ],
)
def test_cleanse(name: str, value: Any, expected: Any) -> None:
    assert cleanse(name, value) == expected
