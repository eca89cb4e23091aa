"""Pools and connections: reconnects, missing drivers, lazy imports, shutdown."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from heron.conf import ImproperlyConfigured
from heron.db import connections
from heron.db.backends.base.wrapper import DatabaseWrapper
from heron.db.handler import load_backend

from ..conftest import Db, _available

SESSION_ID = {"postgresql": "SELECT pg_backend_pid()", "mysql": "SELECT CONNECTION_ID()"}
KILL = {"postgresql": "SELECT pg_terminate_backend(%s)", "mysql": "KILL %s"}


# Only server backends have a session to kill; SQLite is not in this test's parameters.
@pytest.mark.parametrize(
    "backend", [vendor for vendor in _available() if vendor != "sqlite"], indirect=True
)
def test_dropped_connection_is_replaced(run: Any, backend: DatabaseWrapper) -> None:
    async def body(db: Db) -> None:
        (session,) = await db.execute(SESSION_ID[backend.vendor], fetch="one")
        killer = Db(connections["other"], db.is_async)
        await killer.execute(KILL[backend.vendor], [session], fetch="none")
        # The pooled connection is dead now; the next read gets a fresh one.
        (new_session,) = await db.execute(SESSION_ID[backend.vendor], fetch="one")
        assert new_session != session
        assert await db.execute("SELECT 1", fetch="one") == (1,)

    run(body)


@pytest.mark.parametrize(
    ("engine", "module", "extra"),
    [("postgresql", "psycopg", "postgres"), ("mysql", "pymysql", "mysql")],
)
def test_missing_driver_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, engine: str, module: str, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    wrapper = load_backend(engine)({"ENGINE": engine, "NAME": "x", "HOST": "127.0.0.1"}, "x")
    with pytest.raises(ImproperlyConfigured) as info:
        wrapper.execute("SELECT 1")
    assert f"pip install 'heron[{extra}]'" in str(info.value)
    assert repr(module) in str(info.value)


def test_unknown_engine() -> None:
    with pytest.raises(ImproperlyConfigured, match="not a database backend"):
        load_backend("oracle")


def _modules_after(code: str) -> set[str]:
    script = f"import sys; before = set(sys.modules); {code}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_importing_heron_db_imports_no_driver() -> None:
    loaded = _modules_after(
        "import heron.db, heron.db.transaction, heron.db.testing; "
        "from heron.conf import settings; "
        "settings.configure(DEBUG=True, DATABASES={'default': {'ENGINE': 'postgresql', "
        "'NAME': 'x'}, 'm': {'ENGINE': 'mysql', 'NAME': 'x'}}); "
        "heron.db.connections['default']; heron.db.connections['m']"
    )
    heavy = {"sqlalchemy", "psycopg", "psycopg_pool", "pymysql", "asyncmy", "heron.asgi"}
    assert not loaded & heavy, loaded & heavy


def test_close_all_then_reuse(backend: DatabaseWrapper) -> None:
    assert backend.execute("SELECT 1", fetch="one") == (1,)
    connections.close_all()
    assert backend.execute("SELECT 1", fetch="one") == (1,)


def test_async_pool_registers_shutdown_hook(backend: DatabaseWrapper) -> None:
    from heron.asgi.lifespan import shutdown_hooks

    from ..conftest import run_async

    assert run_async(lambda: backend.aexecute("SELECT 2", fetch="one")) == (2,)
    if backend.vendor != "sqlite":
        assert connections.aclose_all in shutdown_hooks
