"""When the server goes away: DatabaseUnavailable, the circuit breaker, pool-wide recovery.

Each test talks to the real server through a TCP proxy (tests/faults/proxy.py) that it
breaks on purpose; the shared server itself is never touched.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from heron.db import DatabaseUnavailable, connections
from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.handler import load_backend
from heron.db.transaction import atomic

from ...faults.proxy import TcpProxy, running_proxy
from ..conftest import Db, _available

SERVERS = [vendor for vendor in _available() if vendor != "sqlite"]
SESSION_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}

pytestmark = pytest.mark.parametrize("backend", SERVERS, indirect=True)


@pytest.fixture
def proxy(backend: DatabaseWrapper) -> Iterator[TcpProxy]:
    with running_proxy(str(backend.settings_dict.get("HOST") or "127.0.0.1"), _port(backend)) as p:
        yield p


def _port(backend: DatabaseWrapper) -> int:
    return int(
        backend.settings_dict.get("PORT") or {"postgresql": 5432, "mysql": 3306}[backend.vendor]
    )


def proxied(backend: DatabaseWrapper, proxy: TcpProxy, **options: Any) -> DatabaseWrapper:
    """A wrapper of the test database that goes through ``proxy``."""
    settings = dict(backend.settings_dict)
    settings.update(HOST="127.0.0.1", PORT=proxy.port)
    settings["OPTIONS"] = {**settings.get("OPTIONS", {}), **options}
    return load_backend(backend.vendor)(settings, "proxied")


def run_on(run: Any, wrapper: DatabaseWrapper, body: Any) -> None:
    """``run(body)`` with ``wrapper`` instead of the default alias (its async pool closed)."""

    async def on_wrapper(db: Db) -> None:
        try:
            await body(Db(wrapper, db.is_async))
        finally:
            if db.is_async:
                await wrapper.aclose_async_pools()

    run(on_wrapper)


@pytest.fixture
def wrappers() -> Iterator[list[DatabaseWrapper]]:
    made: list[DatabaseWrapper] = []
    yield made
    for wrapper in made:
        wrapper.close()


def test_refused_connections_open_the_breaker_and_a_probe_closes_it(
    run: Any, backend: DatabaseWrapper, proxy: TcpProxy, wrappers: list[DatabaseWrapper]
) -> None:
    # A cooldown of 0: once open, the breaker lets the very next caller probe.
    wrapper = proxied(backend, proxy, breaker_threshold=2, breaker_cooldown=0)
    wrappers.append(wrapper)

    async def body(db: Db) -> None:
        proxy.refuse()
        for _ in range(2):
            with pytest.raises(
                DatabaseUnavailable, match="Could not connect to database 'proxied'"
            ):
                await db.execute("SELECT 1", fetch="one")
        assert wrapper.breaker.is_open is False  # cooldown 0: the next call is a probe
        with pytest.raises(DatabaseUnavailable, match="Could not connect") as info:
            await db.execute("SELECT 1", fetch="one")
        assert info.value.retry_after == 1
        assert wrapper.breaker.failures == 3
        proxy.restore()
        assert await db.execute("SELECT 1", fetch="one") == (1,)
        assert wrapper.breaker.failures == 0

    run_on(run, wrapper, body)


def test_open_breaker_fails_at_once_without_connecting(
    run: Any, backend: DatabaseWrapper, proxy: TcpProxy, wrappers: list[DatabaseWrapper]
) -> None:
    wrapper = proxied(backend, proxy, breaker_threshold=1, breaker_cooldown=3600)
    wrappers.append(wrapper)

    async def body(db: Db) -> None:
        proxy.refuse()
        with pytest.raises(DatabaseUnavailable, match="Could not connect"):
            await db.execute("SELECT 1", fetch="one")
        proxy.restore()
        accepted = proxy.accepted
        with pytest.raises(DatabaseUnavailable) as info:
            await db.execute("SELECT 1", fetch="one")
        assert str(info.value).startswith(
            "Database 'proxied' is unavailable: 1 connection attempts in a row failed (last: "
        )
        assert info.value.retry_after == 3600
        assert proxy.accepted == accepted  # no connection was attempted

    run_on(run, wrapper, body)


def test_a_lost_connection_retires_every_idle_one(
    run: Any, backend: DatabaseWrapper, proxy: TcpProxy, wrappers: list[DatabaseWrapper]
) -> None:
    wrapper = proxied(backend, proxy)
    wrappers.append(wrapper)

    async def body(db: Db) -> None:
        # Three connections in the pool, idle; then the server "restarts".
        if db.is_async:
            held = [await wrapper._aacquire() for _ in range(3)]
            for conn in held:
                await wrapper._arelease(conn)
        else:
            held = [wrapper._acquire() for _ in range(3)]
            for conn in held:
                wrapper._release(conn)
        proxy.cut()
        # The first read finds a dead connection, retires all three and runs on a new one;
        # the next reads never meet the other two dead ones.
        for _ in range(3):
            assert await db.execute("SELECT 1", fetch="one") == (1,)

    run_on(run, wrapper, body)


@pytest.mark.usefixtures("items")
def test_a_write_on_a_lost_connection_is_not_retried(
    run: Any, backend: DatabaseWrapper, proxy: TcpProxy, wrappers: list[DatabaseWrapper]
) -> None:
    wrapper = proxied(backend, proxy)
    wrappers.append(wrapper)

    async def body(db: Db) -> None:
        assert await db.execute("SELECT 1", fetch="one") == (1,)  # one idle connection
        proxy.cut()
        with pytest.raises(
            DatabaseUnavailable, match="The connection to database 'proxied' was lost"
        ):
            await db.execute("UPDATE heron_items SET n = n + 1", fetch="rowcount")
        assert await db.execute("SELECT COUNT(*) FROM heron_items", fetch="one") == (0,)

    run_on(run, wrapper, body)


@pytest.mark.usefixtures("items")
def test_nothing_is_retried_inside_a_transaction(
    run: Any, backend: DatabaseWrapper, proxy: TcpProxy, wrappers: list[DatabaseWrapper]
) -> None:
    wrapper = proxied(backend, proxy)
    wrappers.append(wrapper)
    connections._wrappers["proxied"] = wrapper

    async def body(db: Db) -> None:
        with pytest.raises(DatabaseUnavailable, match="was lost"):
            async with db.atomic(using="proxied"):
                await db.execute("SELECT COUNT(*) FROM heron_items", fetch="one")
                proxy.cut()
                await db.execute("SELECT COUNT(*) FROM heron_items", fetch="one")
        assert await db.execute("SELECT COUNT(*) FROM heron_items", fetch="one") == (0,)

    try:
        run_on(run, wrapper, body)
    finally:
        connections._wrappers.pop("proxied", None)


def test_an_exhausted_pool_gives_up_after_pool_timeout(
    backend: DatabaseWrapper, proxy: TcpProxy, wrappers: list[DatabaseWrapper]
) -> None:
    wrapper = proxied(backend, proxy, pool_max_size=1, pool_timeout=0.05)
    wrappers.append(wrapper)
    connections._wrappers["proxied"] = wrapper
    errors: list[BaseException] = []

    def other_thread() -> None:
        try:
            wrapper.execute("SELECT 1", fetch="one")
        except BaseException as exc:
            errors.append(exc)

    try:
        with atomic(using="proxied"):  # holds the only connection
            thread = threading.Thread(target=other_thread)
            thread.start()
            thread.join()
    finally:
        connections._wrappers.pop("proxied", None)
    assert len(errors) == 1 and isinstance(errors[0], DatabaseUnavailable)
    assert str(errors[0]) == (
        "No connection to database 'proxied' became free within 0.05 s (all 1 are in use). "
        "Raise pool_max_size or pool_timeout in its OPTIONS, or look for connections held "
        "by long transactions."
    )
