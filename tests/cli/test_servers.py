"""`heron run` and `heron serve` as real processes, polled rather than slept on."""

from __future__ import annotations

import os
import re
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

import pytest

from .conftest import Heron, free_port, install_app


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
        # watching yet when the first page is served: write again until it notices. Each write
        # restarts the server, so wait longer than a restart takes before writing again (or
        # a slow start-up never gets to answer).
        deadline = time.monotonic() + 30  # a loaded machine restarts slowly
        while True:
            views.write_text(edited)
            try:
                wait_for(url, "Edited while running", proc, timeout=8)
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


@contextmanager
def listening() -> Iterator[int]:
    """A port another server is listening on, for the length of the block."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_run_reports_a_taken_port_before_announcing_a_url(heron: Heron, project: Path) -> None:
    with listening() as port:
        result = heron("run", "--port", str(port), "--no-reload")
    assert result.exit_code == 1
    assert "server at" not in result.output
    assert re.search(
        rf"\nError: port {port} is in use: stop the other server or use --port \d+\n$",
        result.output,
    ), result.output


def test_serve_reports_a_taken_port_before_announcing_a_url(
    heron: Heron, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HERON_SECRET_KEY", "k9Vq2xL0pT7sWm4Rb8Zc1Nf6Hy3Ju5Ea0Gd2Ki7Lo9Pw4Qr1St6U")
    with listening() as port:
        result = heron("serve", "--host", "127.0.0.1", "--port", str(port))
    assert result.exit_code == 1
    assert "serving on" not in result.output
    assert f"Error: port {port} is in use: stop the other server or use --port " in result.output


def test_the_suggested_port_is_free(heron: Heron, project: Path) -> None:
    with listening() as port:
        result = heron("run", "--port", str(port), "--no-reload")
    suggested = int(result.output.rsplit("--port ", 1)[1])
    assert suggested > port
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", suggested))


def test_an_address_of_another_machine_is_explained(heron: Heron, project: Path) -> None:
    result = heron("run", "--host", "192.0.2.1", "--port", "8000", "--no-reload")
    assert result.exit_code == 1
    assert result.output.endswith(
        "Error: cannot listen on 192.0.2.1: it is not an address of this machine (Cannot "
        "assign requested address); use --host 127.0.0.1 (this machine only) or --host "
        "0.0.0.0 (every interface)\n"
    )


def test_run_names_the_missing_migration_before_serving(heron: Heron, project: Path) -> None:
    heron("startapp", "kiosk")
    install_app(project, "kiosk")
    (project / "kiosk" / "models.py").write_text(
        "from heron.db import models\n\n\nclass Author(models.Model):\n"
        "    name = models.CharField(max_length=100)\n"
    )
    with listening() as port:
        result = heron("run", "--port", str(port), "--no-reload")
    assert result.output.startswith(
        "kiosk: (migrations.W001) The models of app 'kiosk' have changes that are not in a "
        "migration (Create model Author).\n"
        "\tHINT: Run 'heron makemigrations kiosk', then 'heron migrate'.\n"
    )


def test_make_run_takes_a_port() -> None:
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8001"], cwd=root, capture_output=True, text=True, check=True
    )
    assert "heron run --host 127.0.0.1 --port 8001" in result.stdout
