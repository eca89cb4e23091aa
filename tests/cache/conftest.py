"""Cache fixtures: every test that asks for ``kache`` runs on each backend, sync and async.

Backends: locmem, filebased, the database cache on SQLite (and PostgreSQL / MariaDB when
their URLs are set, as in tests/db), and Redis when ``HERON_TEST_REDIS_URL`` is set. Under
``CI=true`` a missing Redis URL fails the Redis tests rather than skipping them.

A test body is a coroutine function taking a ``TwoMode`` cache: ``await c.get("k")`` calls
``get`` in sync mode (driven without an event loop) and ``aget`` in async mode.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from heron.cache import BaseCache, caches
from heron.cache.backends.db import DatabaseCache
from heron.conf import settings
from heron.db import connections
from tests.db.conftest import _available as _database_vendors
from tests.db.conftest import _drop_test_databases as _drop_test_databases
from tests.db.conftest import _test_settings

IN_CI = os.environ.get("CI", "").lower() == "true"
REDIS_URL_VAR = "HERON_TEST_REDIS_URL"


def redis_url() -> str:
    """The test Redis URL; fails the test under CI when it is missing, skips it otherwise."""
    url = os.environ.get(REDIS_URL_VAR)
    if not url and not IN_CI:
        pytest.skip(f"set {REDIS_URL_VAR} to run the tests that need a Redis server")
    if not url:
        pytest.fail(f"CI=true but {REDIS_URL_VAR} is not set: the Redis run is required.")
    return url


def _backends() -> list[str]:
    names = ["locmem", "filebased"]
    names += [f"db-{vendor}" for vendor in _database_vendors()]
    if os.environ.get(REDIS_URL_VAR) or IN_CI:
        names.append("redis")
    return names


BACKENDS = _backends()
# Backends that bound their size with MAX_ENTRIES and expire keys on the client's clock
# (Redis does both on the server: maxmemory policy, key TTLs).
BOUNDED = [name for name in BACKENDS if name != "redis"]
# Backends that several processes share (a server, not this process's memory or disk).
SHARED = [name for name in BACKENDS if name in ("redis", "db-postgresql", "db-mysql")]


def backend_settings(name: str, tmp_path: Path, **extra: Any) -> dict[str, Any]:
    """The CACHES entry for backend ``name``."""
    if name == "locmem":
        return {"BACKEND": "locmem", "LOCATION": str(tmp_path), **extra}
    if name == "filebased":
        return {"BACKEND": "filebased", "LOCATION": str(tmp_path / "cache"), **extra}
    if name.startswith("db-"):
        return {"BACKEND": "db", "LOCATION": "heron_cache_test", **extra}
    if name == "redis":
        return {"BACKEND": "redis", "LOCATION": redis_url(), **extra}
    if name == "dummy":
        return {"BACKEND": "dummy", **extra}
    raise AssertionError(name)


class CacheSetup:
    """Install settings with ``CACHES = {"default": ...}`` for one backend (and restore)."""

    def __init__(self, name: str, tmp_path: Path) -> None:
        self.name = name
        self.tmp_path = tmp_path
        self.saved = settings._wrapped
        database = _test_settings(name[3:]) if name.startswith("db-") else None
        self.databases = {"default": database} if database else {}

    def configure(self, **options: Any) -> BaseCache:
        """(Re)configure the default cache with extra CACHES options; return it, cleared."""
        caches_setting = {"default": backend_settings(self.name, self.tmp_path, **options)}
        settings.configure(
            DEBUG=True, SECRET_KEY="test", DATABASES=self.databases, CACHES=caches_setting
        )
        backend = caches["default"]
        if isinstance(backend, DatabaseCache):
            backend.create_table()
        backend.clear()
        return backend

    def teardown(self) -> None:
        backend = caches.all(initialized_only=True)
        for item in backend:
            if isinstance(item, DatabaseCache):
                item.wrapper.execute(f"DROP TABLE IF EXISTS {item.table}", None, fetch="none")
            elif item.location.startswith("redis"):
                item.clear()
        caches.close_all()
        connections.close_all()
        settings._install(self.saved)
        caches.reset()


@pytest.fixture(params=BACKENDS)
def cache_setup(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CacheSetup]:
    setup = CacheSetup(request.param, tmp_path)
    try:
        yield setup
    finally:
        setup.teardown()


class TwoMode:
    """A cache whose methods are awaited in test bodies, run sync or async."""

    def __init__(self, backend: BaseCache, is_async: bool) -> None:
        self.backend = backend
        self.is_async = is_async

    def __getattr__(self, name: str) -> Callable[..., Awaitable[Any]]:
        if self.is_async:
            return getattr(self.backend, "a" + name)  # type: ignore[no-any-return]
        method = getattr(self.backend, name)

        async def call(*args: Any, **kwargs: Any) -> Any:
            return method(*args, **kwargs)

        return call


Body = Callable[[TwoMode], Awaitable[Any]]


def run_body(backend: BaseCache, is_async: bool, body: Body) -> Any:
    """Run ``body`` once in the given mode (see the module docstring)."""
    two = TwoMode(backend, is_async)
    if is_async:

        async def main() -> Any:
            try:
                return await body(two)
            finally:
                await caches.aclose_all()
                await connections.aclose_async_pools()

        return asyncio.run(main())
    coro = body(two)
    try:
        coro.send(None)  # type: ignore[attr-defined]
    except StopIteration as stop:
        return stop.value
    coro.close()  # type: ignore[attr-defined]
    raise AssertionError("a sync-mode body awaited real async work")


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=BOUNDED)
def bounded_setup(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CacheSetup]:
    setup = CacheSetup(request.param, tmp_path)
    try:
        yield setup
    finally:
        setup.teardown()


@pytest.fixture(params=SHARED)
def shared_setup(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CacheSetup]:
    setup = CacheSetup(request.param, tmp_path)
    try:
        yield setup
    finally:
        setup.teardown()


@pytest.fixture
def run(cache_setup: CacheSetup, mode: str) -> Callable[..., Any]:
    """``run(body, **options)``: configure the backend with ``options`` and run ``body``."""
    return make_runner(cache_setup, mode)


@pytest.fixture
def bounded_run(bounded_setup: CacheSetup, mode: str) -> Callable[..., Any]:
    """``run`` on the backends that bound and expire entries themselves."""
    return make_runner(bounded_setup, mode)


def make_runner(cache_setup: CacheSetup, mode: str) -> Callable[..., Any]:
    def runner(body: Body, **options: Any) -> Any:
        backend = cache_setup.configure(**options)
        return run_body(backend, mode == "async", body)

    runner.backend_name = cache_setup.name  # type: ignore[attr-defined]
    runner.is_async = mode == "async"  # type: ignore[attr-defined]
    return runner
