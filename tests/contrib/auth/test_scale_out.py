"""Two ``heron serve`` processes sharing PostgreSQL and Redis act as one site for sign-in.

Real subprocesses on ephemeral ports (see ``tests/contrib/scaleout.py``), with the session,
CSRF and authentication middleware and the account URLs. A CSRF token from one server is
accepted by the other, a sign-in through one holds on the other, and failed sign-ins are
counted across both.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.contrib.scaleout import Response, fetch, two_servers

SETTINGS = """
from heron.conf import env

DEBUG = False
SECRET_KEY = "scale-out-auth-test-key-" + "x" * 50
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = ["heron.contrib.sessions", "heron.contrib.auth"]
MIDDLEWARE = [
    "heron.contrib.sessions.middleware.SessionMiddleware",
    "heron.middleware.csrf.CsrfViewMiddleware",
    "heron.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "scaleout_urls"
DATABASES = {"default": env.db("DATABASE_URL")}
CACHES = {
    "default": {
        "BACKEND": "redis",
        "LOCATION": env.str("REDIS_URL"),
        "KEY_PREFIX": env.str("KEY_PREFIX"),
    }
}
SESSION_ENGINE = "heron.contrib.sessions.backends.cached_db"
AUTH_LOGIN_RATE = "3/15m"
LOGIN_REDIRECT_URL = "/me/"
"""

URLS = """
import os

from heron.contrib.auth.decorators import login_required
from heron.http import JsonResponse
from heron.urls import include, path


def echo(request):
    return JsonResponse({"pid": os.getpid(), "said": request.POST["said"]})


@login_required
def me(request):
    return JsonResponse({"pid": os.getpid(), "username": request.user.username})


urlpatterns = [
    path("echo/", echo),
    path("me/", me),
    path("accounts/", include("heron.contrib.auth.urls")),
]
"""

PASSWORD = "correct horse battery staple"
SETUP = (("createsuperuser", "--noinput", "--username", "ada", "--email", "ada@example.com"),)
FORM_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _sign_in_form(base: str) -> tuple[dict[str, str], str]:
    """GET the sign-in page: the CSRF cookie it sets and the form token it renders."""
    page = fetch(base, "/accounts/login/")
    assert page.status == 200, page.text
    found = FORM_TOKEN.search(page.text)
    assert found is not None, page.text
    assert "csrftoken" in page.cookies
    return {"csrftoken": page.cookies["csrftoken"]}, found.group(1)


def _sign_in(base: str, cookies: dict[str, str], token: str, password: str) -> Response:
    form = {"username": "ada", "password": password, "csrfmiddlewaretoken": token}
    return fetch(base, "/accounts/login/", cookies=cookies, form=form)


def test_csrf_sign_in_and_throttle_span_both_servers(tmp_path: Path) -> None:
    with two_servers(tmp_path, SETTINGS, URLS, SETUP, {"HERON_SUPERUSER_PASSWORD": PASSWORD}) as (
        a,
        b,
    ):
        # (1) A CSRF cookie and form token from A are accepted by a POST to B.
        cookies, token = _sign_in_form(a)
        form = {"said": "hi", "csrfmiddlewaretoken": token}
        echoed = fetch(b, "/echo/", cookies=cookies, form=form)
        assert echoed.status == 200, echoed.text
        assert json.loads(echoed.text)["said"] == "hi"
        refused = fetch(b, "/echo/", cookies=cookies, form={"said": "hi"})
        assert refused.status == 403  # B does check: no token, no POST

        # (2) Signing in through A gives a session cookie that B accepts.
        signed_in = _sign_in(a, cookies, token, PASSWORD)
        assert signed_in.status == 302, signed_in.text
        assert signed_in.headers["Location"] == "/me/"
        session = {"sessionid": signed_in.cookies["sessionid"]}
        on_b = fetch(b, "/me/", cookies=session)
        assert on_b.status == 200, on_b.text
        assert json.loads(on_b.text)["username"] == "ada"
        on_a = fetch(a, "/me/", cookies=session)
        assert json.loads(on_a.text)["pid"] != json.loads(on_b.text)["pid"]  # two processes
        anonymous = fetch(b, "/me/")
        assert anonymous.status == 302
        assert anonymous.headers["Location"] == "/accounts/login/?next=/me/"

        # (3) AUTH_LOGIN_RATE (3) failures split across A and B: the next attempt on either
        # server is refused, even with the right password.
        for base in (a, b, a):
            failed = _sign_in(base, cookies, token, "wrong")
            assert failed.status == 200, failed.text  # the form again, with the error
        for base in (b, a):
            blocked = _sign_in(base, cookies, token, PASSWORD)
            assert blocked.status == 429, blocked.text
            assert 0 < int(blocked.headers["Retry-After"]) <= 15 * 60
