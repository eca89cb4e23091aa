"""Two ``heron serve`` processes sharing PostgreSQL and Redis act as one site.

Real subprocesses on ephemeral ports, one worker each, polled until ready (never slept
on), stopped with SIGTERM (SIGKILL if they hang). A session written through one server is
read, changed and flushed through the other.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from heron.conf import env
from heron.db.handler import load_backend

IN_CI = os.environ.get("CI", "").lower() == "true"
NEEDS = ("HERON_TEST_POSTGRES_URL", "HERON_TEST_REDIS_URL")

SETTINGS = """
from heron.conf import env

DEBUG = False
SECRET_KEY = "scale-out-test-key-" + "x" * 50
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = ["heron.contrib.sessions"]
MIDDLEWARE = ["heron.contrib.sessions.middleware.SessionMiddleware"]
ROOT_URLCONF = "scaleout_urls"
DATABASES = {"default": env.db("DATABASE_URL")}
CACHES = {"default": {"BACKEND": "redis", "LOCATION": env.str("REDIS_URL")}}
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


def _required_urls() -> tuple[str, str]:
    missing = [name for name in NEEDS if not os.environ.get(name)]
    if missing and IN_CI:
        pytest.fail(f"CI=true but {', '.join(missing)} is not set: the scale-out run is required.")
    if missing:
        pytest.skip(f"set {' and '.join(NEEDS)} to run the scale-out test")
    return os.environ[NEEDS[0]], os.environ[NEEDS[1]]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def database_url() -> Iterator[str]:
    """A PostgreSQL database of this test's own, dropped afterwards."""
    url, _ = _required_urls()
    settings_dict: dict[str, Any] = env.db("URL", default=url)
    name = f"heron_scaleout_{os.getpid()}"
    settings_dict["TEST"] = {"NAME": name}
    wrapper = load_backend(settings_dict["ENGINE"])(settings_dict, "scaleout")
    wrapper.creation.create_test_db()
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        wrapper.creation.destroy_test_db()


def _request(url: str, cookie: str | None = None) -> tuple[dict[str, Any], str | None]:
    """GET ``url``; return the JSON body and the session cookie it set (if any)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = json.loads(response.read())
        set_cookie = response.headers.get("Set-Cookie")
    return body, set_cookie.split(";", 1)[0] if set_cookie else None


def _wait_until_ready(base: str, proc: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            _request(base + "show/")
            return
        except (OSError, urllib.error.URLError):
            pass
        if proc.poll() is not None:
            output = proc.stdout.read() if proc.stdout else ""
            raise AssertionError(f"heron serve exited early:\n{output}")
        time.sleep(0.05)  # between polls of a server still starting
    raise AssertionError(f"heron serve did not answer at {base} within {timeout}s")


@contextmanager
def _serve(project: Path, environ: dict[str, str], port: int) -> Iterator[str]:
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "heron",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--no-access-log",
            "--graceful-timeout",
            "2",
        ],
        cwd=project,
        env=environ,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_ready(base, proc)
        yield base
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()


def test_two_servers_share_sessions(tmp_path: Path, database_url: str) -> None:
    _, redis_url = _required_urls()
    (tmp_path / "scaleout_settings.py").write_text(SETTINGS)
    (tmp_path / "scaleout_urls.py").write_text(URLS)
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HERON_", "PYTEST_"))}
    environ = {
        **clean,
        "HERON_SETTINGS_MODULE": "scaleout_settings",
        "PYTHONPATH": str(tmp_path),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
    }
    migrated = subprocess.run(
        [sys.executable, "-m", "heron", "migrate"],
        cwd=tmp_path,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrated.returncode == 0, migrated.stdout + migrated.stderr

    with (
        _serve(tmp_path, environ, _free_port()) as one,
        _serve(tmp_path, environ, _free_port()) as two,
    ):
        written, cookie = _request(one + "put/?user=ada")
        assert cookie is not None and cookie.startswith("sessionid=")
        read, _ = _request(two + "show/", cookie)
        assert read["items"] == {"user": "ada"}
        assert read["pid"] != written["pid"]  # really another process
        _request(two + "put/?theme=dark", cookie)
        read, _ = _request(one + "show/", cookie)
        assert read["items"] == {"user": "ada", "theme": "dark"}
        _request(one + "flush/", cookie)
        read, _ = _request(two + "show/", cookie)  # signed out everywhere
        assert read["items"] == {}
