"""CsrfViewMiddleware through the test client: tokens, origins, the attacks, the failure page."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest

from heron.middleware.csrf import SECRET_LENGTH, TOKEN_LENGTH
from heron.test import AsyncClient, Client

# Every view of the test site has a sync twin ("") and an async one ("a").
COLOURS = pytest.mark.parametrize("a", ["", "a"], ids=["sync", "async"])


def form_token(browser: Client, a: str = "") -> str:
    response = browser.get(f"/{a}form/")
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    assert match is not None, response.text
    return match.group(1)


def reason(response: Any) -> str:
    match = re.search(r"<strong>Reason:</strong> (.*?)</p>", response.text)
    assert match is not None, response.text
    return match.group(1).replace("&#x27;", "'")


# The token and the cookie.


@COLOURS
def test_form_gets_a_masked_token_and_the_cookie(browser: Client, a: str) -> None:
    response = browser.get(f"/{a}form/")
    token = form_token(browser, a)
    secret = browser.cookies["csrftoken"]
    assert len(token) == TOKEN_LENGTH and len(secret) == SECRET_LENGTH
    assert secret not in token
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"csrftoken={secret}; Max-Age=31536000; Path=/; SameSite=Lax")
    assert response.headers["vary"] == "Cookie"
    # A new mask on each page, the same secret underneath.
    assert form_token(browser, a) != token
    assert browser.cookies["csrftoken"] == secret


def test_page_without_a_form_sets_no_cookie(browser: Client) -> None:
    response = browser.get("/plain/")
    assert "set-cookie" not in response.headers
    assert "vary" not in response.headers


def test_cookie_settings(secure_site: Any, browser: Client) -> None:
    secure_site(
        CSRF_COOKIE_NAME="xsrf",
        CSRF_COOKIE_AGE=None,
        CSRF_COOKIE_DOMAIN="example.com",
        CSRF_COOKIE_PATH="/app/",
        CSRF_COOKIE_SECURE=True,
        CSRF_COOKIE_HTTPONLY=True,
        CSRF_COOKIE_SAMESITE="Strict",
    )
    cookie = browser.get("/form/").headers["set-cookie"]
    assert re.fullmatch(
        r"xsrf=[\w-]{32}; Domain=example.com; HttpOnly; Path=/app/; SameSite=Strict; Secure",
        "; ".join(sorted(cookie.split("; "), key=lambda p: (not p.startswith("xsrf"), p))),
    ), cookie


# Accepted requests.


@COLOURS
def test_post_with_form_token(browser: Client, a: str) -> None:
    token = form_token(browser, a)
    response = browser.post(f"/{a}form/", {"csrfmiddlewaretoken": token, "name": "ada"})
    assert (response.status_code, response.text) == (200, "posted ada")


@COLOURS
def test_multipart_post_with_form_token(browser: Client, a: str) -> None:
    token = form_token(browser, a)
    response = browser.post(
        f"/{a}form/",
        {"csrfmiddlewaretoken": token, "name": "ada"},
        content_type="multipart/form-data; boundary=xyz",
    )
    assert (response.status_code, response.text) == (200, "posted ada")


@COLOURS
def test_header_token_for_scripts(browser: Client, a: str) -> None:
    token = form_token(browser, a)
    response = browser.post(f"/{a}form/", json={"x": 1}, headers={"X-CSRFToken": token})
    assert response.status_code == 200
    # The bare secret, as a script reads it from the cookie, works too.
    secret = browser.cookies["csrftoken"]
    response = browser.put(f"/{a}form/", b"", headers={"X-CSRFToken": secret})
    assert response.status_code == 200


def test_header_name_setting(secure_site: Any, browser: Client) -> None:
    secure_site(CSRF_HEADER_NAME="HTTP_X_XSRF_TOKEN")  # Django's spelling works
    token = form_token(browser)
    assert browser.post("/form/", headers={"X-XSRF-Token": token}).status_code == 200
    assert browser.post("/form/", headers={"X-CSRFToken": token}).status_code == 403


def test_safe_methods_need_nothing(browser: Client) -> None:
    for method in ("get", "head", "options"):
        assert getattr(browser, method)("/form/").status_code == 200
    assert browser.generic("TRACE", "/form/").status_code == 200


def test_same_origin_header(browser: Client) -> None:
    token = form_token(browser)
    response = browser.post(
        "/form/", {"csrfmiddlewaretoken": token}, headers={"Origin": "http://testserver"}
    )
    assert response.status_code == 200


# Refused requests: the attacks.


@COLOURS
def test_missing_token(secure_site: Any, browser: Client, a: str) -> None:
    secure_site(DEBUG=True)
    form_token(browser, a)
    response = browser.post(f"/{a}form/", {"name": "x"})
    assert response.status_code == 403
    assert reason(response) == "CSRF token missing."


@COLOURS
def test_missing_cookie(secure_site: Any, browser: Client, a: str) -> None:
    secure_site(DEBUG=True)
    token = form_token(browser, a)
    browser.cookies.clear()
    response = browser.post(f"/{a}form/", {"csrfmiddlewaretoken": token})
    assert (response.status_code, reason(response)) == (403, "CSRF cookie not set.")


@pytest.mark.parametrize(
    ("token", "why"),
    [
        ("x" * 64, "CSRF token incorrect (from the form field)."),
        ("x" * 10, "CSRF token has an incorrect length (from the form field)."),
        ("!" * 64, "CSRF token has invalid characters (from the form field)."),
    ],
    ids=["forged", "short", "bad-chars"],
)
def test_forged_token(secure_site: Any, browser: Client, token: str, why: str) -> None:
    secure_site(DEBUG=True)
    form_token(browser)
    response = browser.post("/form/", {"csrfmiddlewaretoken": token})
    assert (response.status_code, reason(response)) == (403, why)


def test_token_from_another_secret(secure_site: Any, browser: Client) -> None:
    secure_site(DEBUG=True)
    other = Client(enforce_csrf_checks=True)
    stolen = form_token(other)  # a valid token, for the attacker's own cookie
    form_token(browser)
    response = browser.post("/form/", {"csrfmiddlewaretoken": stolen})
    assert (response.status_code, reason(response)) == (
        403,
        "CSRF token incorrect (from the form field).",
    )
    response = browser.post("/form/", headers={"X-CSRFToken": stolen})
    assert reason(response) == "CSRF token incorrect (from the X-CSRFToken header)."


def test_malformed_cookie(secure_site: Any, browser: Client) -> None:
    secure_site(DEBUG=True)
    token = form_token(browser)
    browser.cookies["csrftoken"] = "not-a-secret"
    response = browser.post("/form/", {"csrfmiddlewaretoken": token})
    assert (response.status_code, reason(response)) == (403, "CSRF cookie has an incorrect format.")
    # The next form replaces the bad cookie.
    form_token(browser)
    assert len(browser.cookies["csrftoken"]) == SECRET_LENGTH


@COLOURS
def test_cross_origin(secure_site: Any, browser: Client, a: str) -> None:
    secure_site(DEBUG=True)
    token = form_token(browser, a)
    response = browser.post(
        f"/{a}form/", {"csrfmiddlewaretoken": token}, headers={"Origin": "https://evil.example"}
    )
    assert (response.status_code, reason(response)) == (
        403,
        "Origin checking failed: 'https://evil.example' is not this site and not a trusted origin.",
    )
    # Same host, other scheme: another origin.
    response = browser.post(
        f"/{a}form/", {"csrfmiddlewaretoken": token}, headers={"Origin": "https://testserver"}
    )
    assert response.status_code == 403
    response = browser.post(
        f"/{a}form/", {"csrfmiddlewaretoken": token}, headers={"Origin": "null"}
    )
    assert reason(response) == "Origin checking failed: the Origin header is 'null'."


@pytest.mark.parametrize(
    ("referer", "why"),
    [
        (None, "Referer checking failed: an HTTPS request with no Origin and no Referer."),
        (
            "https://evil.example/page",
            "Referer checking failed: 'https://evil.example/page' "
            "is not this site and not a trusted origin.",
        ),
        (
            "http://testserver/form/",
            "Referer checking failed: an HTTP page posted to this HTTPS site.",
        ),
        ("testserver/form/", "Referer checking failed: the Referer is not a URL."),
        ("https://[bad/", "Referer checking failed: the Referer is not a URL."),
    ],
    ids=["none", "other-site", "insecure", "relative", "malformed"],
)
def test_https_without_origin_checks_referer(
    secure_site: Any, browser: Client, referer: str | None, why: str
) -> None:
    secure_site(DEBUG=True)
    token = form_token(browser)
    headers = {} if referer is None else {"Referer": referer}
    response = browser.post("/form/", {"csrfmiddlewaretoken": token}, secure=True, headers=headers)
    assert (response.status_code, reason(response)) == (403, why)


def test_https_with_good_referer(browser: Client) -> None:
    token = form_token(browser)
    for referer in ("https://testserver/form/", "https://testserver:443/x"):
        response = browser.post(
            "/form/", {"csrfmiddlewaretoken": token}, secure=True, headers={"Referer": referer}
        )
        assert response.status_code == 200, referer


def test_trusted_origins(secure_site: Any, browser: Client) -> None:
    secure_site(CSRF_TRUSTED_ORIGINS=["https://shop.example.com", "https://*.example.org"])
    token = form_token(browser)

    def post(headers: dict[str, str], secure: bool = False) -> int:
        data = {"csrfmiddlewaretoken": token}
        return browser.post("/form/", data, headers=headers, secure=secure).status_code

    assert post({"Origin": "https://shop.example.com"}) == 200
    assert post({"Origin": "https://a.example.org"}) == 200
    assert post({"Origin": "https://deep.sub.example.org"}) == 200
    assert post({"Origin": "https://example.org"}) == 403  # the wildcard means subdomains
    assert post({"Origin": "http://a.example.org"}) == 403  # other scheme
    assert post({"Origin": "https://a.example.org:8443"}) == 403  # other port
    assert post({"Origin": "https://evilexample.org"}) == 403
    assert post({"Origin": "https://shop.example.com.evil.io"}) == 403
    assert post({"Referer": "https://a.example.org/page"}, secure=True) == 200
    assert post({"Referer": "https://shop.example.com/cart"}, secure=True) == 200
    assert post({"Referer": "https://evil.io/"}, secure=True) == 403


def test_cookie_domain_allows_sibling_referers(secure_site: Any, browser: Client) -> None:
    secure_site(CSRF_COOKIE_DOMAIN=".example.com", ALLOWED_HOSTS=["www.example.com"])
    browser.host = "www.example.com"
    token = form_token(browser)
    ok = browser.post(
        "/form/",
        {"csrfmiddlewaretoken": token},
        secure=True,
        headers={"Referer": "https://blog.example.com/post"},
    )
    assert ok.status_code == 200


@pytest.mark.parametrize(
    "origins",
    [["example.com"], ["https://example.com/path"], "https://example.com"],
    ids=["no-scheme", "path", "string"],
)
def test_bad_trusted_origins_are_a_config_error(secure_site: Any, origins: Any) -> None:
    from heron.conf import ImproperlyConfigured

    secure_site(CSRF_TRUSTED_ORIGINS=origins)
    with pytest.raises(ImproperlyConfigured, match="CSRF_TRUSTED_ORIGINS"):
        Client(raise_request_exception=True).get("/plain/")


# Bodies.


def test_malformed_multipart_is_400_not_500(browser: Client) -> None:
    form_token(browser)
    response = browser.post(
        "/form/",
        b"--xyz\r\nContent-Disposition: form-data; name=\r\n\r\nbroken",
        content_type="multipart/form-data; boundary=xyz",
    )
    assert response.status_code == 400
    assert "The multipart body could not be parsed" in response.text


def test_multipart_without_boundary_is_400(browser: Client) -> None:
    form_token(browser)
    response = browser.post("/form/", b"garbage", content_type="multipart/form-data")
    assert response.status_code == 400


def test_malformed_urlencoded_is_400(browser: Client) -> None:
    form_token(browser)
    response = browser.post(
        "/form/", b"a=%ZZ", content_type="application/x-www-form-urlencoded; charset=bogus"
    )
    assert response.status_code == 400
    assert "malformed percent-encoding" in response.text


def test_oversized_form_body_is_413(secure_site: Any, browser: Client) -> None:
    secure_site(DATA_UPLOAD_MAX_MEMORY_SIZE=100)
    token = form_token(browser)
    response = browser.post("/form/", {"csrfmiddlewaretoken": token, "name": "x" * 500})
    assert response.status_code == 413


def test_json_body_is_not_parsed_as_a_form(browser: Client) -> None:
    token = form_token(browser)
    response = browser.post("/form/", b"{not json", content_type="application/json")
    assert response.status_code == 403
    response = browser.post(
        "/form/", b"{not json", content_type="application/json", headers={"X-CSRFToken": token}
    )
    assert response.status_code == 200


# Exemptions and the test client.


@COLOURS
def test_exempt_view(browser: Client, a: str) -> None:
    response = browser.post(f"/{a}exempt/", {"name": "hook"}, headers={"Origin": "https://x.io"})
    assert (response.status_code, response.text) == (200, "posted hook")


def test_test_client_skips_checks_by_default(secure_site: Any) -> None:
    assert Client().post("/form/", {"name": "x"}).status_code == 200


async def test_async_client_enforces_when_asked(secure_site: Any) -> None:
    assert (await AsyncClient().post("/form/", {"name": "x"})).status_code == 200
    browser = AsyncClient(enforce_csrf_checks=True)
    assert (await browser.post("/aform/", {"name": "x"})).status_code == 403
    page = await browser.get("/aform/")
    token = re.search(r'value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    response = await browser.post("/aform/", {"csrfmiddlewaretoken": token, "name": "x"})
    assert response.status_code == 200


# rotate_token and get_token.


@pytest.mark.parametrize("path", ["/rotate/", "/arotate/"])
def test_rotate_token_changes_the_secret(browser: Client, path: str) -> None:
    old_token = form_token(browser)
    old_secret = browser.cookies["csrftoken"]
    response = browser.get(path)
    new_secret = browser.cookies["csrftoken"]
    assert new_secret != old_secret and len(new_secret) == SECRET_LENGTH
    assert "csrftoken=" in response.headers["set-cookie"]
    # Tokens made before the rotation stop working; the new one works.
    assert browser.post("/form/", {"csrfmiddlewaretoken": old_token}).status_code == 403
    assert browser.post("/form/", {"csrfmiddlewaretoken": response.text}).status_code == 200


def test_get_token_reuses_the_browsers_secret(browser: Client) -> None:
    form_token(browser)
    secret = browser.cookies["csrftoken"]
    response = browser.get("/token/")
    assert "set-cookie" not in response.headers
    assert browser.post("/form/", headers={"X-CSRFToken": response.text}).status_code == 200
    assert browser.cookies["csrftoken"] == secret


# The failure page.


def test_failure_page_without_debug_is_short(browser: Client) -> None:
    form_token(browser)
    response = browser.post("/form/", {"name": "x"})
    assert response.status_code == 403
    assert "CSRF verification failed" in response.text
    assert "Reason" not in response.text and "csrf_input" not in response.text


def test_failure_page_in_debug_explains(secure_site: Any, browser: Client) -> None:
    secure_site(DEBUG=True)
    form_token(browser)
    response = browser.post("/form/", {"name": "x"})
    assert "{{ csrf_input }}" in response.text
    assert "CSRF_TRUSTED_ORIGINS" in response.text


def test_failure_is_logged(browser: Client, caplog: pytest.LogCaptureFixture) -> None:
    form_token(browser)
    with caplog.at_level(logging.WARNING, "heron.security.csrf"):
        browser.post("/form/", {"name": "x"})
    assert [r.getMessage() for r in caplog.records] == ["Forbidden (CSRF token missing.): /form/"]


def test_custom_failure_view(secure_site: Any, browser: Client) -> None:
    secure_site(CSRF_FAILURE_VIEW="tests.middleware.failure.refuse")
    form_token(browser)
    response = browser.post("/form/", {"name": "x"})
    assert (response.status_code, response.text) == (418, "no: CSRF token missing.")


def test_failure_template_without_debug(secure_site: Any, browser: Client, tmp_path: Any) -> None:
    (tmp_path / "403_csrf.html").write_text("Sorry ({{ reason }})", encoding="utf-8")
    from tests.middleware.conftest import TEMPLATES

    secure_site(TEMPLATES_DIRS=[str(tmp_path), TEMPLATES])
    form_token(browser)
    response = browser.post("/form/", {"name": "x"})
    assert (response.status_code, response.text) == (403, "Sorry (CSRF token missing.)")


def test_bad_failure_view_setting(secure_site: Any) -> None:
    from heron.conf import ImproperlyConfigured

    secure_site(CSRF_FAILURE_VIEW="tests.middleware.failure.missing")
    with pytest.raises(ImproperlyConfigured, match=r"CSRF_FAILURE_VIEW 'tests\.middleware"):
        Client(raise_request_exception=True).get("/plain/")


# Secret in the session.


def test_secret_in_the_session(secure_site: Any, browser: Client) -> None:
    secure_site(
        CSRF_USE_SESSIONS=True,
        MIDDLEWARE=[
            "tests.middleware.failure.FakeSessionMiddleware",
            "heron.middleware.csrf.CsrfViewMiddleware",
        ],
    )
    token = form_token(browser, "a")
    assert "csrftoken" not in browser.cookies
    assert len(browser.cookies["fakesession"]) == SECRET_LENGTH
    assert browser.post("/aform/", {"csrfmiddlewaretoken": token}).status_code == 200
    assert browser.post("/form/", {"csrfmiddlewaretoken": token}).status_code == 200
    browser.cookies.clear()
    response = browser.post("/form/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 403


def test_session_mode_without_sessions_is_a_config_error(
    secure_site: Any, browser: Client, caplog: pytest.LogCaptureFixture
) -> None:
    secure_site(CSRF_USE_SESSIONS=True)
    with caplog.at_level(logging.ERROR, "heron.request"):
        assert browser.get("/form/").status_code == 500
    [record] = caplog.records
    assert record.exc_info is not None
    assert str(record.exc_info[1]).startswith(
        "CSRF_USE_SESSIONS is on but the request has no session: add "
        "'heron.contrib.sessions.middleware.SessionMiddleware' to MIDDLEWARE"
    )


@pytest.mark.parametrize("a", ["", "a"], ids=["sync", "async"])
def test_secret_in_heron_sessions(secure_site: Any, browser: Client, a: str) -> None:
    secure_site(
        CSRF_USE_SESSIONS=True,
        INSTALLED_APPS=["heron.contrib.sessions"],
        SESSION_ENGINE="heron.contrib.sessions.backends.signed_cookies",
        MIDDLEWARE=[
            "heron.contrib.sessions.middleware.SessionMiddleware",
            "heron.middleware.csrf.CsrfViewMiddleware",
        ],
    )
    token = form_token(browser, a)
    assert "csrftoken" not in browser.cookies and "sessionid" in browser.cookies
    assert browser.post(f"/{a}form/", {"csrfmiddlewaretoken": token}).status_code == 200
    assert browser.post(f"/{a}form/", {"name": "x"}).status_code == 403
    # Sign-in rotates the secret: the session then holds the new one.
    new_token = browser.get(f"/{a}rotate/").text
    assert browser.post(f"/{a}form/", {"csrfmiddlewaretoken": token}).status_code == 403
    assert browser.post(f"/{a}form/", {"csrfmiddlewaretoken": new_token}).status_code == 200
