"""Two ``heron serve`` processes sharing PostgreSQL and Redis act as one site.

Real subprocesses on ephemeral ports (see ``tests/contrib/scaleout.py``). A session written
through one server is read, changed and flushed through the other.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.contrib.scaleout import fetch, two_servers

SETTINGS = """
from heron.conf import env

DEBUG = False
SECRET_KEY = "scale-out-test-key-" + "x" * 50
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = ["heron.contrib.sessions"]
MIDDLEWARE = ["heron.contrib.sessions.middleware.SessionMiddleware"]
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
"""

URLS = """
import os

from heron.http import JsonResponse
from heron.urls import path


def put(request):
    for key, value in request.GET.items():
        request.session[key] = value
    return JsonResponse({"pid": os.getpid()})


async def show(request):
    await request.session.aload()
    return JsonResponse({"pid": os.getpid(), "items": dict(request.session.items())})


async def flush(request):
    await request.session.aflush()
    return JsonResponse({"pid": os.getpid()})


urlpatterns = [path("put/", put), path("show/", show), path("flush/", flush)]
"""


def _request(base: str, path: str, cookie: str | None = None) -> tuple[dict[str, Any], str | None]:
    """GET ``path``; return the JSON body and the session cookie it set (if any)."""
    response = fetch(base, path, cookies=dict([cookie.split("=", 1)]) if cookie else None)
    assert response.status == 200, response.text
    session = response.cookies.get("sessionid")
    return json.loads(response.text), f"sessionid={session}" if session is not None else None


def test_two_servers_share_sessions(tmp_path: Path) -> None:
    with two_servers(tmp_path, SETTINGS, URLS) as (one, two):
        written, cookie = _request(one, "/put/?user=ada")
        assert cookie is not None and cookie.startswith("sessionid=")
        read, _ = _request(two, "/show/", cookie)
        assert read["items"] == {"user": "ada"}
        assert read["pid"] != written["pid"]  # really another process
        _request(two, "/put/?theme=dark", cookie)
        read, _ = _request(one, "/show/", cookie)
        assert read["items"] == {"user": "ada", "theme": "dark"}
        _request(one, "/flush/", cookie)
        read, _ = _request(two, "/show/", cookie)  # signed out everywhere
        assert read["items"] == {}
