"""Heron's auth benchmark: µs per in-process request that reads ``request.user``.

Run it with ``.venv/bin/python benchmarks/auth.py [--redis redis://127.0.0.1:6379/9]``. One
process, the ASGI application called in-process by the test client (no sockets, no server);
users in a SQLite file, sessions in the cache engine on Redis when ``--redis`` (or
``HERON_BENCH_REDIS_URL``) is given, else the db engine. Each number is the best of
``--rounds`` rounds of ``--n`` requests (best-of, because the machine may be shared):

* ``plain``: a view that never looks at the user (sessions and auth middleware installed);
* ``anonymous``: ``await request.auser()`` without a session cookie;
* ``signed in``: ``await request.auser()`` for a signed-in user (session + user read).

Django's same view is not measured here (see docs/benchmarks.md for the HTTP comparison).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

URLS = """
from heron.http import HttpResponse
from heron.urls import path


def plain(request):
    return HttpResponse("ok")


async def who(request):
    user = await request.auser()
    return HttpResponse(user.get_username() or "anonymous")


urlpatterns = [path("plain/", plain), path("who/", who)]
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--redis", default=os.environ.get("HERON_BENCH_REDIS_URL"))
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="heron-bench-auth-")
    (Path(workdir) / "bench_auth_urls.py").write_text(URLS)
    sys.path.insert(0, workdir)

    import heron
    from heron.db import connections
    from heron.db.migrations.executor import MigrationExecutor

    caches: dict[str, Any] = {"default": {"BACKEND": "locmem"}}
    engine = "db"
    if args.redis:
        caches = {"default": {"BACKEND": "redis", "LOCATION": args.redis}}
        engine = "cache"
    heron.setup(
        DEBUG=False,
        SECRET_KEY="bench-" + "k" * 50,
        ALLOWED_HOSTS=["testserver"],
        ROOT_URLCONF="bench_auth_urls",
        INSTALLED_APPS=["heron.contrib.sessions", "heron.contrib.auth"],
        MIDDLEWARE=[
            "heron.contrib.sessions.middleware.SessionMiddleware",
            "heron.contrib.auth.middleware.AuthenticationMiddleware",
        ],
        DATABASES={"default": {"ENGINE": "sqlite", "NAME": str(Path(workdir) / "db.sqlite3")}},
        SESSION_ENGINE=f"heron.contrib.sessions.backends.{engine}",
        CACHES=caches,
        PASSWORD_HASHERS=["heron.contrib.auth.hashers.PBKDF2PasswordHasher"],
    )
    MigrationExecutor(connections["default"]).migrate()

    from heron.contrib.auth.models import User
    from heron.test import Client

    user = User.objects.create_user("ada", password="a long passphrase")
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(user)
    assert signed_in.get("/who/").text == "ada"
    assert anonymous.get("/who/").text == "anonymous"
    cases = {
        "plain": (signed_in, "/plain/"),
        "anonymous": (anonymous, "/who/"),
        "signed in": (signed_in, "/who/"),
    }
    print(
        f"sessions: {engine}{' on Redis' if args.redis else ''}; best of {args.rounds} x {args.n}"
    )
    for name, (client, path) in cases.items():
        best = float("inf")
        for _ in range(args.rounds):
            start = time.perf_counter()
            for _ in range(args.n):
                client.get(path)
            best = min(best, (time.perf_counter() - start) / args.n)
        print(f"  {name:<10} {best * 1e6:8.1f} µs/request")


if __name__ == "__main__":
    main()
