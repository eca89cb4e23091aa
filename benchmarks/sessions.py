"""Heron's sessions benchmark: µs per in-process request, with and without sessions.

Run it with ``.venv/bin/python benchmarks/sessions.py``. Each case runs in a process of its
own (its own settings), calling the ASGI application directly (no sockets, no server), so the
numbers show what the session layer adds to a request. Every number is the best of
``--rounds`` rounds of ``--n`` requests (best-of, because the machine may be shared):

* ``no middleware``: a plain view, ``SessionMiddleware`` not installed;
* ``untouched``: the same view with ``SessionMiddleware``; the view never reads the session;
* ``read <engine>``: an async view reading a value from an existing session
  (``await request.session.aget(...)``) on the db (SQLite file), signed_cookies, cache
  (local memory) and, with ``--redis URL`` or ``HERON_BENCH_REDIS_URL``, cache on Redis.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

CASES = ["no middleware", "untouched", "read db", "read signed_cookies", "read cache"]
ENGINE = "heron.contrib.sessions.backends."


def _settings(case: str, workdir: str, redis: str | None) -> dict[str, Any]:
    middleware = (
        [] if case == "no middleware" else ["heron.contrib.sessions.middleware.SessionMiddleware"]
    )
    engine = case.split(" ", 1)[1] if case.startswith("read ") else "db"
    caches: dict[str, Any] = {"default": {"BACKEND": "locmem"}}
    if engine == "cache redis":
        engine = "cache"
        caches = {"default": {"BACKEND": "redis", "LOCATION": redis}}
    return {
        "DEBUG": False,
        "SECRET_KEY": "bench-" + "k" * 50,
        "ALLOWED_HOSTS": ["testserver"],
        "ROOT_URLCONF": "bench_sessions_urls",
        "INSTALLED_APPS": ["heron.contrib.sessions"],
        "MIDDLEWARE": middleware,
        "DATABASES": {"default": {"ENGINE": "sqlite", "NAME": str(Path(workdir) / "db.sqlite3")}},
        "SESSION_ENGINE": ENGINE + engine,
        "CACHES": caches,
    }


URLS = """
from heron.http import HttpResponse
from heron.urls import path


def plain(request):
    return HttpResponse("ok")


async def read(request):
    return HttpResponse(str(await request.session.aget("n")))


urlpatterns = [path("plain/", plain), path("read/", read)]
"""


def _measure(case: str, rounds: int, n: int, redis: str | None) -> float:
    """Run inside the case's own process: set up, then time ``n`` requests ``rounds`` times."""
    import heron
    from heron.asgi import get_application
    from heron.contrib.sessions.middleware import load_engine
    from heron.db import connections
    from heron.db.migrations.executor import MigrationExecutor

    workdir = tempfile.mkdtemp(prefix="heron-bench-sessions-")
    Path(workdir, "bench_sessions_urls.py").write_text(URLS)
    sys.path.insert(0, workdir)
    heron.setup(**_settings(case, workdir, redis))
    MigrationExecutor(connections["default"]).migrate()
    cookie = b""
    if case.startswith("read "):
        session = load_engine()()
        session["n"] = 1
        session.save()
        cookie = b"sessionid=" + str(session.session_key).encode()
    app = get_application()
    path = "/read/" if case.startswith("read ") else "/plain/"
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), (b"cookie", cookie or b"other=1")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    statuses: list[int] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            statuses.append(message["status"])

    async def run() -> float:
        for _ in range(200):  # warm up
            await app(dict(scope), receive, send)
        assert set(statuses) == {200}, statuses
        times = []
        for _ in range(rounds):
            start = time.perf_counter()
            for _ in range(n):
                await app(dict(scope), receive, send)
            times.append((time.perf_counter() - start) / n * 1e6)
        return min(times)

    return asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--redis", default=os.environ.get("HERON_BENCH_REDIS_URL"))
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(f"{_measure(args.case, args.rounds, args.n, args.redis):.2f}")
        return
    cases = CASES + (["read cache redis"] if args.redis else [])
    print(f"{'case':<22} µs/request")
    for case in cases:
        command = [sys.executable, __file__, "--case", case, "--rounds", str(args.rounds)]
        command += ["--n", str(args.n)] + (["--redis", args.redis] if args.redis else [])
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        result = done.stdout.strip() if done.returncode == 0 else "failed: " + done.stderr[-300:]
        print(f"{case:<22} {result}")


if __name__ == "__main__":
    main()
