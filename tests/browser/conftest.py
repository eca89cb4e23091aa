"""Browser tests: a real server on an ephemeral port, driven by headless Chromium.

``browser`` launches Debian's ``chromium`` (``/usr/bin/chromium``, which ``make test``
installs with apt-get) through Playwright; Playwright's own browser downloads are never used.
Without Chromium or Playwright the tests are skipped locally and fail under ``CI=true``.

``LiveServer`` runs ``heron run --no-reload`` for a project directory in a subprocess, on a
free loopback port, with its own SQLite database, and stops it (with its process group)
afterwards. ``example_server`` is the example site with its demo polls loaded.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

import heron

CHECKOUT = Path(heron.__file__).resolve().parent.parent
EXAMPLE = CHECKOUT / "example"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
STARTUP_TIMEOUT = 60.0
# Screenshots and other files the browser tests write: never inside the git tree's tracked
# folders (`make screenshots` copies the ones the docs show into docs/images/).
ARTIFACTS = Path(os.environ.get("HERON_TEST_ARTIFACTS", CHECKOUT / "test-artifacts"))


def _missing(what: str) -> None:
    message = f"{what}: run `make test` (it installs Debian's chromium with apt-get)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests need {message}", pytrace=False)
    pytest.skip(f"no {message}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """``heron run`` for ``project`` on a free port, with a fresh SQLite database."""

    def __init__(self, project: Path, workdir: Path) -> None:
        self.project = project
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = workdir / f"server-{self.port}.log"
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("HERON_", "PYTEST_"))}
        self.env = {
            **clean,
            "DATABASE_URL": f"sqlite:///{workdir / 'live.sqlite3'}",
            "PYTHONPATH": str(CHECKOUT),
        }
        self.proc: subprocess.Popen[bytes] | None = None

    def heron(self, *args: str) -> str:
        """Run a ``heron`` command in the project, against the server's database."""
        done = subprocess.run(
            [sys.executable, "-m", "heron", *args],
            cwd=self.project,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, f"heron {' '.join(args)}:\n{done.stdout}{done.stderr}"
        return done.stdout

    def start(self) -> None:
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "heron", "run", "--no-reload", "--port", str(self.port)],
                cwd=self.project,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, stopped as one
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"the server exited early:\n{self.log.read_text()}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2):
                    return
            except urllib.error.HTTPError:
                return  # it answers; the status is the tests' business
            except OSError:
                time.sleep(0.05)  # polling for start-up, not timing anything
        raise AssertionError(f"no answer at {self.url} within {STARTUP_TIMEOUT:.0f}s")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


@pytest.fixture(scope="session")
def example_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The example site, migrated and loaded with its demo polls, served on a free port."""
    server = LiveServer(EXAMPLE, tmp_path_factory.mktemp("example-site"))
    server.heron("migrate")
    server.heron("demodata")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium (Debian's package) driven by Playwright, for one test module.

    Playwright's sync API keeps its event loop marked as running in this thread until it
    stops, and ``asyncio.run()`` refuses to start while it is: the module scope stops it
    before the rest of the suite's async tests run.
    """
    if not CHROMIUM.is_file():
        _missing(f"{CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright  # an optional dev dependency
    except ImportError:
        _missing("the playwright package")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def console_problems(page: Any, sink: list[str], kinds: Sequence[str] = ("error",)) -> None:
    """Collect the page's console messages of ``kinds`` (CSP refusals arrive as errors)."""
    page.on("console", lambda message: sink.append(message.text) if message.type in kinds else None)
