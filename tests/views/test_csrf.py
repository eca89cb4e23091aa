"""The CSRF decorators on sync and async views, with and without the middleware."""

from __future__ import annotations

from typing import Any

import pytest

from heron.test import Client
from tests.middleware.conftest import secure_site  # noqa: F401  (the middleware test site)
from tests.middleware.test_csrf import COLOURS, form_token

NO_CSRF_MIDDLEWARE = ["heron.middleware.common.CommonMiddleware"]


@COLOURS
def test_csrf_protect_without_the_middleware(secure_site: Any, a: str) -> None:  # noqa: F811
    secure_site(MIDDLEWARE=NO_CSRF_MIDDLEWARE)
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(f"/{a}form/", {"name": "x"}).status_code == 200  # unprotected view
    page = browser.get(f"/{a}protect/")
    assert "csrftoken=" in page.headers["set-cookie"]
    token = page.text.split('value="')[1].split('"')[0]
    assert browser.post(f"/{a}protect/", {"name": "x"}).status_code == 403
    response = browser.post(f"/{a}protect/", {"csrfmiddlewaretoken": token, "name": "x"})
    assert (response.status_code, response.text) == (200, "posted x")
    origin = {"Origin": "https://evil.example"}
    assert (
        browser.post(f"/{a}protect/", {"csrfmiddlewaretoken": token}, headers=origin).status_code
        == 403
    )


@COLOURS
def test_csrf_protect_under_the_middleware_checks_once(secure_site: Any, a: str) -> None:  # noqa: F811
    browser = Client(enforce_csrf_checks=True)
    token = form_token(browser, a)
    assert browser.post(f"/{a}protect/", {"name": "x"}).status_code == 403
    assert browser.post(f"/{a}protect/", {"csrfmiddlewaretoken": token}).status_code == 200


def test_csrf_protect_inside_another_csrf_decorator_still_checks(secure_site: Any) -> None:  # noqa: F811
    secure_site(MIDDLEWARE=NO_CSRF_MIDDLEWARE)
    browser = Client(enforce_csrf_checks=True)
    token = browser.get("/nested/").text.split('value="')[1].split('"')[0]
    assert browser.post("/nested/", {"name": "x"}).status_code == 403
    assert browser.post("/nested/", {"csrfmiddlewaretoken": token}).status_code == 200


@COLOURS
@pytest.mark.parametrize("middleware", [True, False], ids=["middleware", "bare"])
def test_ensure_csrf_cookie(secure_site: Any, a: str, middleware: bool) -> None:  # noqa: F811
    if not middleware:
        secure_site(MIDDLEWARE=NO_CSRF_MIDDLEWARE)
    browser = Client(enforce_csrf_checks=True)
    response = browser.get(f"/{a}ensure/")
    assert response.text == "cookie please"
    assert response.headers["set-cookie"].startswith("csrftoken=")
    assert response.headers["vary"] == "Cookie"
    secret = browser.cookies["csrftoken"]
    # Scripts on that page can now post with the cookie's value.
    if middleware:
        ok = browser.post("/form/", headers={"X-CSRFToken": secret})
        assert ok.status_code == 200
    # A browser that has the cookie is not sent a new one.
    assert "set-cookie" not in browser.get(f"/{a}ensure/").headers


@COLOURS
def test_requires_csrf_token_without_the_middleware(secure_site: Any, a: str) -> None:  # noqa: F811
    secure_site(MIDDLEWARE=NO_CSRF_MIDDLEWARE)
    browser = Client(enforce_csrf_checks=True)
    response = browser.get(f"/{a}requires/")
    assert 'name="csrfmiddlewaretoken"' in response.text
    assert "csrftoken=" in response.headers["set-cookie"]
    # Without the middleware or the decorator, the form renders no token.
    assert 'name="csrfmiddlewaretoken"' not in browser.get(f"/{a}form/").text
    # requires_csrf_token never refuses.
    assert browser.post(f"/{a}requires/").status_code == 200


def test_decorators_keep_the_colour() -> None:
    import inspect

    from tests.middleware.site import views

    for name in ("protect", "ensure", "requires", "exempt"):
        assert not inspect.iscoroutinefunction(getattr(views, name))
        assert inspect.iscoroutinefunction(getattr(views, "a" + name))
        assert getattr(views, name).__name__ == name
