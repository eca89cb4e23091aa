"""`heron run` and `heron serve` as real processes, polled rather than slept on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .conftest import free_port


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            body: bytes = response.read()
            return body.decode()
    except (OSError, urllib.error.URLError):
        return None


def wait_for(url: str, text: str, proc: subprocess.Popen[str], timeout: float) -> str:
    deadline = time.monotonic() + timeout
    body = None
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and text in body:
            return body
        if proc.poll() is not None:
            raise AssertionError(
                f"the server exited early:\n{proc.stdout.read() if proc.stdout else ''}"
            )
        time.sleep(0.05)
    raise AssertionError(f"{text!r} not served at {url} within {timeout}s; last body: {body!r}")


@contextmanager
def server(
    project: Path, *args: str, env: dict[str, str] | None = None
) -> Iterator[subprocess.Popen[str]]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("HERON_", "PYTEST_"))}
    proc = subprocess.Popen(
        [sys.executable, "-m", "heron", *args],
        cwd=project,
        env={**clean, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()


def test_run_reloads_on_edit(project: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with server(project, "run", "--port", str(port)) as proc:
        wait_for(url, "Welcome to mysite", proc, timeout=10)
        views = project / "mysite" / "views.py"
        edited = views.read_text().replace("Welcome to mysite", "Edited while running")
        # The reloader's file watcher starts beside the first server process and may not be
        # watching yet when the first page is served: write again until it notices.
        deadline = time.monotonic() + 10
        while True:
            views.write_text(edited)
            try:
                wait_for(url, "Edited while running", proc, timeout=1.5)
                break
            except AssertionError:
                if time.monotonic() > deadline:
                    raise
        os.killpg(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=5) == 0
        assert proc.stdout is not None
        output = proc.stdout.read()
    assert "System check identified no issues." in output
    assert f"Heron development server at http://127.0.0.1:{port}/" in output


def test_serve_answers_and_stops_gracefully(project: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    key = "k9Vq2xL0pT7sWm4Rb8Zc1Nf6Hy3Ju5Ea0Gd2Ki7Lo9Pw4Qr1St6Uv8Xz3Yb5Mn0Cj"
    args = ("serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2")
    with server(project, *args, env={"HERON_SECRET_KEY": key}) as proc:
        wait_for(url, "Welcome to mysite", proc, timeout=10)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=8) == 0
        assert proc.stdout is not None
        output = proc.stdout.read()
    assert "with 2 worker(s)" in output
    assert "(security.W001)" not in output  # DEBUG was forced off
    assert "(security.W004)" in output  # deploy checks ran


def test_serve_without_a_secret_key_explains(project: Path) -> None:
    with server(project, "serve", "--port", str(free_port())) as proc:
        assert proc.wait(timeout=10) == 1
        assert proc.stdout is not None
        output = proc.stdout.read()
    assert "Error: SECRET_KEY is empty and DEBUG is off." in output
