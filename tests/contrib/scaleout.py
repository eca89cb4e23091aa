"""Shared pieces of the scale-out tests: two real ``heron serve`` processes, one worker
each on its own ephemeral port, sharing a PostgreSQL database of the test's own and Redis.

Servers are polled until ready (never slept on) and stopped with SIGTERM (SIGKILL if they
hang). Under ``CI=true`` the PostgreSQL and Redis URLs are required; locally the tests skip
when they are unset.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from email.message import Message
from pathlib import Path
from typing import Any

import pytest

from heron.conf import env
from heron.db.handler import load_backend

__all__ = ["Response", "fetch", "heron", "required_urls", "two_servers"]

IN_CI = os.environ.get("CI", "").lower() == "true"
NEEDS = ("HERON_TEST_POSTGRES_URL", "HERON_TEST_REDIS_URL")


def required_urls() -> tuple[str, str]:
    """The PostgreSQL and Redis URLs; fail under CI=true when unset, else skip."""
    missing = [name for name in NEEDS if not os.environ.get(name)]
    if missing and IN_CI:
        pytest.fail(f"CI=true but {', '.join(missing)} is not set: the scale-out run is required.")
    if missing:
        pytest.skip(f"set {' and '.join(NEEDS)} to run the scale-out test")
    return os.environ[NEEDS[0]], os.environ[NEEDS[1]]


class Response:
    """What ``fetch`` got back: status, headers, body text and the cookies it set."""

    def __init__(self, status: int, headers: Message, text: str) -> None:
        self.status = status
        self.headers = headers
        self.text = text
        self.cookies: dict[str, str] = {}
        for line in headers.get_all("Set-Cookie") or []:
            name, _, value = line.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value.strip()


def fetch(
    base: str,
    path: str,
    *,
    cookies: Mapping[str, str] | None = None,
    form: Mapping[str, str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """GET (or POST ``form``) ``path`` on the server at ``base``, sending exactly
    ``cookies``; redirects are returned, not followed."""
    parsed = urllib.parse.urlsplit(base)
    sent = dict(headers or {})
    if cookies:
        sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    body = None
    if form is not None:
        body = urllib.parse.urlencode(form).encode()
        sent["Content-Type"] = "application/x-www-form-urlencoded"
    connection = http.client.HTTPConnection(parsed.hostname or "", parsed.port, timeout=30)
    try:
        connection.request("POST" if form is not None else "GET", path, body=body, headers=sent)
        answer = connection.getresponse()
        return Response(answer.status, answer.msg, answer.read().decode())
    finally:
        connection.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def _scratch_database(url: str) -> Iterator[str]:
    """A PostgreSQL database of this test's own (named after the process), dropped afterwards."""
    settings_dict: dict[str, Any] = env.db("URL", default=url)
    name = f"heron_scaleout_{os.getpid()}"
    settings_dict["TEST"] = {"NAME": name}
    wrapper = load_backend(settings_dict["ENGINE"])(settings_dict, "scaleout")
    wrapper.creation.create_test_db()
    try:
        yield url.rsplit("/", 1)[0] + "/" + name
    finally:
        wrapper.creation.destroy_test_db()


def _wait_until_ready(base: str, proc: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            fetch(base, "/")  # any HTTP answer, even a 404, means it is serving
            return
        except OSError:
            pass
        if proc.poll() is not None:
            output = proc.stdout.read() if proc.stdout else ""
            raise AssertionError(f"heron serve exited early:\n{output}")
        time.sleep(0.05)  # between polls of a server still starting
    raise AssertionError(f"heron serve did not answer at {base} within {timeout}s")


@contextmanager
def _serve(project: Path, environ: dict[str, str]) -> Iterator[str]:
    port = _free_port()
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
    base = f"http://127.0.0.1:{port}"
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


def heron(project: Path, environ: dict[str, str], *args: str) -> None:
    """Run one ``heron`` command in the project; fail the test with its output if it fails."""
    done = subprocess.run(
        [sys.executable, "-m", "heron", *args],
        cwd=project,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr


@contextmanager
def two_servers(
    project: Path,
    settings: str,
    urls: str,
    setup: tuple[tuple[str, ...], ...] = (),
    extra_env: Mapping[str, str] | None = None,
) -> Iterator[tuple[str, str]]:
    """Write ``scaleout_settings.py`` and ``scaleout_urls.py`` into ``project``, migrate a
    fresh PostgreSQL database, run the ``setup`` heron commands, and serve the project
    twice; yield both base URLs (``http://127.0.0.1:PORT``).

    The settings read ``DATABASE_URL``, ``REDIS_URL`` and ``KEY_PREFIX`` (unique per run, so
    counts and sessions left in Redis by an earlier run never leak in) from the environment.
    """
    postgres_url, redis_url = required_urls()
    (project / "scaleout_settings.py").write_text(settings)
    (project / "scaleout_urls.py").write_text(urls)
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HERON_", "PYTEST_"))}
    with _scratch_database(postgres_url) as database_url:
        environ = {
            **clean,
            "HERON_SETTINGS_MODULE": "scaleout_settings",
            "PYTHONPATH": str(project),
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_url,
            "KEY_PREFIX": f"scaleout-{os.getpid()}-{time.time_ns()}",
            **(extra_env or {}),
        }
        heron(project, environ, "migrate")
        for command in setup:
            heron(project, environ, *command)
        with _serve(project, environ) as one, _serve(project, environ) as two:
            yield one, two
