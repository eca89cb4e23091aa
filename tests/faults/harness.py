"""Run ``heron serve --workers 2`` as a real subprocess, and drive load against it.

``served(database_url)`` starts the server on a free port with the fault site
(``tests/faults/site``) and stops it afterwards. ``Load`` is a bounded in-process client:
``clients`` keep-alive HTTP/1.1 connections over raw asyncio sockets, each sending its next
request when the previous answer arrived, recording every request's start, end, status and
``Retry-After``. A connection the server closed counts as status 0.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

__all__ = ["Load", "Sample", "p", "served", "worker_pids"]

ROOT = Path(__file__).resolve().parents[2]


@dataclass(slots=True)
class Sample:
    path: str
    started: float
    ended: float
    status: int
    retry_after: str | None

    @property
    def latency(self) -> float:
        return self.ended - self.started


def p(values: list[float], percentile: float) -> float:
    """The ``percentile`` (0-100) of ``values`` (nearest rank); 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(percentile / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def worker_pids(port: int) -> list[int]:
    """The pids of the worker processes of the server listening on ``port``."""
    parent = served.pids.get(port)  # type: ignore[attr-defined]
    children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
    return [int(pid) for pid in children if "multiprocessing" in _cmdline(int(pid))]


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@contextlib.contextmanager
def served(database_url: str, *, workers: int = 2, graceful: int = 2) -> Iterator[int]:
    """Serve the fault site against ``database_url``; yield the port."""
    port = _free_port()
    env = {
        **os.environ,
        "HERON_SETTINGS_MODULE": "tests.faults.site.settings",
        "HERON_FAULTS_DATABASE_URL": database_url,
        "PYTHONPATH": str(ROOT),
    }
    command = [sys.executable, "-m", "heron", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--workers", str(workers), "--no-access-log"]
    command += ["--graceful-timeout", str(graceful)]
    # The server's output goes to a file: a pipe nobody reads fills up (an outage logs a
    # line per 503) and blocks the workers on their next log line.
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        served.pids[port] = process.pid  # type: ignore[attr-defined]
        try:
            _wait_until_up(port, process, log)
            yield port
        finally:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.seek(0)
            served.last_output = log.read().decode(errors="replace")  # type: ignore[attr-defined]


served.pids = {}  # type: ignore[attr-defined]


def _wait_until_up(port: int, process: subprocess.Popen[bytes], log: IO[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            output = log.read().decode(errors="replace")
            raise AssertionError(f"heron serve exited with {process.returncode}:\n{output}")
        samples = asyncio.run(Load(port).run(lambda i, n: "/free" if n == 0 else None, 2))
        if samples and all(s.status == 200 for s in samples):
            return
        time.sleep(0.2)
    raise AssertionError("heron serve did not answer within 60 s")


class Load:
    """``clients`` connections, each asking ``pick(client, n)`` for its n-th path (None: stop)."""

    def __init__(self, port: int, *, method: str = "GET", timeout: float = 15.0) -> None:
        self.port = port
        self.method = method
        self.timeout = timeout
        self.samples: list[Sample] = []

    async def run(self, pick: Callable[[int, int], str | None], clients: int) -> list[Sample]:
        await asyncio.gather(*(self._client(i, pick) for i in range(clients)))
        return self.samples

    async def _client(self, index: int, pick: Callable[[int, int], str | None]) -> None:
        reader: asyncio.StreamReader | None = None
        writer: asyncio.StreamWriter | None = None
        n = 0
        while (path := pick(index, n)) is not None:
            n += 1
            started = time.monotonic()
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
                assert reader is not None
                status, retry_after, close = await asyncio.wait_for(
                    self._request(reader, writer, path), self.timeout
                )
                if close:
                    writer.close()
                    reader = writer = None
            except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError):
                status, retry_after = 0, None
                if writer is not None:
                    writer.close()
                reader = writer = None
            self.samples.append(Sample(path, started, time.monotonic(), status, retry_after))
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError):
                await writer.wait_closed()

    async def _request(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str
    ) -> tuple[int, str | None, bool]:
        body = b"" if self.method == "GET" else b"x=1"
        head = f"{self.method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        if body:
            head += "Content-Type: application/x-www-form-urlencoded\r\n"
            head += f"Content-Length: {len(body)}\r\n"
        writer.write(head.encode() + b"\r\n" + body)
        await writer.drain()
        header = await reader.readuntil(b"\r\n\r\n")
        lines = header.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        await reader.readexactly(int(headers.get("content-length", "0")))
        close = headers.get("connection", "").lower() == "close"
        return status, headers.get("retry-after"), close
