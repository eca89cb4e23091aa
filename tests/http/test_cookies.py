from datetime import UTC, datetime, timedelta

import pytest

from heron.http import HttpResponse
from heron.http.cookies import build_set_cookie, parse_cookie


def test_parse_simple_cookies():
    assert parse_cookie("sessionid=abc; csrftoken=xyz") == {"sessionid": "abc", "csrftoken": "xyz"}


def test_parse_is_lenient():
    header = 'a=1; ; novalue; =orphan; b = 2 ;c="quoted value"; d=x=y; a=ignored'
    assert parse_cookie(header) == {"a": "1", "b": "2", "c": "quoted value", "d": "x=y"}


def test_parse_empty_header():
    assert parse_cookie("") == {}


def test_parse_decodes_raw_utf8():
    raw = "name=café".encode().decode("latin-1")  # how the request header arrives
    assert parse_cookie(raw) == {"name": "café"}


def test_set_cookie_defaults():
    assert build_set_cookie("theme", "dark") == "theme=dark; Path=/; SameSite=Lax"


def test_set_cookie_with_every_attribute():
    value = build_set_cookie(
        "sid",
        "abc",
        max_age=timedelta(hours=1),
        expires=datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC),
        path="/app",
        domain=".example.com",
        secure=True,
        httponly=True,
        samesite="strict",
    )
    assert value == (
        "sid=abc; Expires=Wed, 02 Jan 2030 03:04:05 GMT; Max-Age=3600; Domain=.example.com; "
        "Path=/app; Secure; HttpOnly; SameSite=Strict"
    )


def test_naive_expires_is_utc_and_string_expires_is_kept():
    assert "Expires=Wed, 02 Jan 2030 03:04:05 GMT" in build_set_cookie(
        "a", expires=datetime(2030, 1, 2, 3, 4, 5)
    )
    assert build_set_cookie("a", expires="soon", samesite=None) == "a=; Expires=soon; Path=/"


@pytest.mark.parametrize(
    "value", ["plain", "with space", 'quote"d', "semi;colon", "back\\slash", "café ☕", "a,b"]
)
def test_values_round_trip(value):
    header = build_set_cookie("k", value, samesite=None)
    sent = header.split("; Path=")[0].split("=", 1)[1]
    assert parse_cookie(f"k={sent}") == {"k": value}


def test_unsafe_values_are_quoted():
    assert build_set_cookie("k", 'a b;"c"', samesite=None) == 'k="a b\\073\\042c\\042"; Path=/'


@pytest.mark.parametrize("name", ["", "bad name", "semi;colon", "eq=ual", "caf\u00e9"])
def test_invalid_names_are_refused(name):
    with pytest.raises(ValueError) as info:
        build_set_cookie(name, "v")
    assert str(info.value) == (
        f"Invalid cookie name {name!r}: use letters, digits and !#$%&'*+-.^_`|~ only."
    )


def test_samesite_none_requires_secure():
    with pytest.raises(ValueError) as info:
        build_set_cookie("k", "v", samesite="None")
    assert str(info.value) == (
        "Cookie 'k' has samesite='None' but not secure=True; browsers reject SameSite=None "
        "cookies that are not Secure."
    )
    assert build_set_cookie("k", "v", samesite="None", secure=True).endswith("SameSite=None")


def test_samesite_must_be_known():
    with pytest.raises(ValueError, match="samesite must be 'Lax', 'Strict', 'None' or None"):
        build_set_cookie("k", "v", samesite="sometimes")


def test_prefixed_cookie_rules():
    with pytest.raises(ValueError, match="'__Secure-', so it needs secure=True"):
        build_set_cookie("__Secure-id", "v")
    with pytest.raises(ValueError, match="'__Host-', so it needs secure=True, path='/'"):
        build_set_cookie("__Host-id", "v", secure=True, domain="example.com")


def test_attributes_cannot_inject():
    with pytest.raises(ValueError, match="must be ASCII without ';' or newlines"):
        build_set_cookie("k", "v", path="/; Domain=evil.com")


def test_response_cookies_round_trip(make_request, send_response):
    response = HttpResponse("ok")
    response.set_cookie("sessionid", "abc 123", httponly=True)
    response.set_cookie("theme", "dark", max_age=60)
    response.delete_cookie("old")
    assert list(response.cookies) == ["sessionid", "theme", "old"]
    sent = send_response(response, make_request())
    set_cookies = sent.header_list("set-cookie")
    assert set_cookies == [
        'sessionid="abc 123"; Path=/; HttpOnly; SameSite=Lax',
        "theme=dark; Max-Age=60; Path=/; SameSite=Lax",
        "old=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/",
    ]
    # What the browser sends back parses to what was set.
    echoed = "; ".join(c.split("; ")[0] for c in set_cookies[:2])
    assert make_request(headers={"Cookie": echoed}).COOKIES == {
        "sessionid": "abc 123",
        "theme": "dark",
    }
