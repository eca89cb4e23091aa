import dataclasses
import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from heron.http import (
    BadHeaderError,
    DisallowedRedirect,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseForbidden,
    HttpResponseGone,
    HttpResponseNotAllowed,
    HttpResponseNotFound,
    HttpResponseNotModified,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)


def test_defaults():
    response = HttpResponse()
    assert response.status_code == 200
    assert response.reason_phrase == "OK"
    assert response["content-type"] == "text/html; charset=utf-8"
    assert response.charset == "utf-8"
    assert response.content == b""


def test_str_content_is_encoded_with_the_charset():
    response = HttpResponse("café", content_type="text/plain; charset=latin-1")
    assert response.charset == "latin-1"
    assert response.content == b"caf\xe9"
    assert response.text == "café"


def test_content_accepts_iterables_and_write_appends():
    response = HttpResponse(["a", b"b", 1])
    response.write("c")
    response.write(b"d")
    assert response.content == b"ab1cd"
    response.content = "new"
    assert response.content == b"new"


def test_headers_are_case_insensitive_and_keep_their_case():
    response = HttpResponse(headers={"X-Custom": "1"})
    response["Cache-Control"] = "no-cache"
    assert response["x-custom"] == "1"
    assert response.has_header("CACHE-CONTROL")
    assert "cache-control" in response
    assert list(response.headers) == ["X-Custom", "Content-Type", "Cache-Control"]
    del response["x-custom"]
    del response["not-there"]  # deleting a missing header is not an error
    assert not response.has_header("X-Custom")


@pytest.mark.parametrize("value", ["a\r\nSet-Cookie: x=1", "a\nb", "a\rb"])
def test_header_injection_is_refused(value):
    response = HttpResponse()
    with pytest.raises(BadHeaderError) as info:
        response["X-Bad"] = value
    assert str(info.value) == (
        f"Header values can't contain newlines or NUL characters (got {value!r} for 'X-Bad')."
    )


def test_non_latin1_header_values_are_refused():
    with pytest.raises(BadHeaderError, match="has characters outside latin-1"):
        HttpResponse()["X-Name"] = "☕"


def test_invalid_status_codes():
    with pytest.raises(ValueError, match="between 100 and 599, not 600"):
        HttpResponse(status=600)
    with pytest.raises(TypeError, match="must be an integer"):
        HttpResponse(status="OK")  # type: ignore[arg-type]


def test_send_is_one_start_and_one_body_message(make_request, send_response):
    response = HttpResponse("Hello", status=201, headers={"X-Id": "7"})
    sent = send_response(response, make_request())
    assert sent.messages == [
        {
            "type": "http.response.start",
            "status": 201,
            "headers": [
                (b"x-id", b"7"),
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", b"5"),
            ],
        },
        {"type": "http.response.body", "body": b"Hello"},
    ]


def test_head_sends_the_same_headers_and_no_body(make_request, send_response):
    get = send_response(HttpResponse("Hello"), make_request("GET"))
    head = send_response(HttpResponse("Hello"), make_request("HEAD"))
    assert head.messages[0] == get.messages[0]
    assert head.header("content-length") == "5"
    assert head.body == b""
    assert len(head.messages) == 2


def test_close_runs_the_closing_callbacks_once():
    calls = []
    response = HttpResponse()
    response.closing.append(lambda: calls.append("closed"))
    response.close()
    response.close()
    assert calls == ["closed"]


# JSON


def test_json_response():
    @dataclasses.dataclass
    class Point:
        x: int

    data = {
        "when": datetime(2024, 5, 1, 12, 0, tzinfo=UTC),
        "id": uuid.UUID(int=1),
        "point": Point(3),
        "price": Decimal("9.99"),
        1: "non-string key",
    }
    response = JsonResponse(data, status=201)
    assert response.status_code == 201
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "when": "2024-05-01T12:00:00+00:00",
        "id": "00000000-0000-0000-0000-000000000001",
        "point": {"x": 3},
        "price": "9.99",
        "1": "non-string key",
    }


def test_json_response_refuses_non_dicts_unless_unsafe():
    with pytest.raises(TypeError) as info:
        JsonResponse([1, 2])
    assert str(info.value) == (
        "JsonResponse only serializes a dict unless safe=False; got list. "
        "Pass safe=False to send other JSON values."
    )
    assert JsonResponse([1, 2], safe=False).content == b"[1,2]"


def test_json_response_custom_dumps():
    response = JsonResponse({"a": 1}, dumps=lambda data: "custom")
    assert response.content == b"custom"


# Redirects


def test_redirects():
    temporary = HttpResponseRedirect("/polls/1/results/")
    assert temporary.status_code == 302
    assert temporary.url == temporary["Location"] == "/polls/1/results/"
    permanent = HttpResponsePermanentRedirect("https://example.com/a?b=1#c")
    assert permanent.status_code == 301
    assert permanent.url == "https://example.com/a?b=1#c"
    assert HttpResponseRedirect("mailto:a@example.com").url == "mailto:a@example.com"


def test_redirect_escapes_non_ascii():
    assert HttpResponseRedirect("/café/?q=é").url == "/caf%C3%A9/?q=%C3%A9"
    assert HttpResponseRedirect("/already%20escaped/").url == "/already%20escaped/"


@pytest.mark.parametrize(
    ("url", "scheme"),
    [
        ("javascript:alert(1)", "javascript"),
        ("data:text/html,x", "data"),
        ("JaVaScRiPt:x", "javascript"),
    ],
)
def test_unsafe_redirect_schemes_are_refused(url, scheme):
    with pytest.raises(DisallowedRedirect) as info:
        HttpResponseRedirect(url)
    assert str(info.value) == (
        f"Unsafe redirect to URL with scheme {scheme!r}: only http, https, ftp and mailto "
        "(or a relative URL) are allowed."
    )


# Status shortcuts


@pytest.mark.parametrize(
    ("cls", "status"),
    [
        (HttpResponseBadRequest, 400),
        (HttpResponseForbidden, 403),
        (HttpResponseNotFound, 404),
        (HttpResponseGone, 410),
        (HttpResponseServerError, 500),
    ],
)
def test_status_shortcuts(cls, status):
    response = cls("text")
    assert response.status_code == status
    assert response.content == b"text"


def test_not_allowed_lists_methods():
    response = HttpResponseNotAllowed(["get", "POST"])
    assert response.status_code == 405
    assert response["Allow"] == "GET, POST"


def test_not_modified_has_no_body_or_content_type(make_request, send_response):
    response = HttpResponseNotModified(headers={"ETag": '"abc"'})
    assert not response.has_header("Content-Type")
    with pytest.raises(AttributeError, match="can't have content"):
        response.content = b"x"
    sent = send_response(response, make_request())
    assert sent.status == 304
    assert sent.headers == [("etag", '"abc"')]
    assert sent.body == b""


def test_reason_phrase():
    assert HttpResponse(status=418).reason_phrase == "I'm a Teapot"
    assert HttpResponse(status=599).reason_phrase == "Unknown Status Code"
    assert HttpResponse(reason="Fine").reason_phrase == "Fine"


def test_base_response_sends_headers_and_an_empty_body() -> None:
    import asyncio

    from heron.http import HttpResponseBase

    sent: list[dict[str, object]] = []

    async def send(message: dict[str, object]) -> None:
        sent.append(message)

    response = HttpResponseBase(status=204)
    asyncio.run(response.send_asgi(send))
    assert sent[0]["status"] == 204
    assert sent[1] == {"type": "http.response.body", "body": b""}
