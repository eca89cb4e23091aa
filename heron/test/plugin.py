"""Heron's pytest plugin (registered as a ``pytest11`` entry point).

At start-up it runs ``heron.setup()`` when a settings module can be found (``--settings``,
``HERON_SETTINGS_MODULE`` or ``[tool.heron]`` in pyproject.toml). It provides the fixtures
``client``, ``async_client``, ``rf``, ``settings``, ``db``, ``transactional_db``,
``assert_num_queries`` and ``mailoutbox``. Every test sends email to ``heron.mail.outbox``
(emptied before it) and hashes passwords with a fast test-only hasher; see
``heron.test.environment``. It runs ``async def`` tests on an
event loop (unless another async plugin such as pytest-asyncio claims them).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any

import pytest

from heron.apps.bootstrap import setup
from heron.conf import override_settings
from heron.conf import settings as heron_settings
from heron.conf.locate import locate_settings_module

from .client import AsyncClient, Client, RequestFactory, close_shared_loop, run_in_loop
from .queries import assert_num_queries as check

if TYPE_CHECKING:
    from heron.mail import EmailMessage

    from .queries import CaptureQueries

__all__ = ["SettingsFixture"]


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("heron")
    group.addoption(
        "--settings",
        dest="heron_settings",
        default=None,
        help="Dotted path of the Heron settings module to use for the tests.",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "heron_async: run an async def test on Heron's loop")
    explicit = config.getoption("heron_settings", default=None)
    module = locate_settings_module(explicit)
    if module is not None and not heron_settings.configured:
        setup(module)
    if heron_settings.configured:
        # lazy: the mail room and test settings load only when a project is configured
        from .environment import setup_test_environment

        setup_test_environment()


def pytest_unconfigure(config: pytest.Config) -> None:
    # lazy: the ORM loads only in test runs that use a database
    from .databases import teardown_test_databases

    teardown_test_databases()
    close_shared_loop()


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    func = pyfuncitem.obj
    if not inspect.iscoroutinefunction(func):
        return None
    if pyfuncitem.get_closest_marker("asyncio") or pyfuncitem.get_closest_marker("anyio"):
        return None  # another plugin runs it
    names = pyfuncitem._fixtureinfo.argnames
    kwargs = {name: pyfuncitem.funcargs[name] for name in names}
    run_in_loop(lambda: func(**kwargs))
    return True


class SettingsFixture:
    """Change settings for one test: ``settings.DEBUG = True``; restored afterwards."""

    def __init__(self) -> None:
        object.__setattr__(self, "_overrides", [])

    def __getattr__(self, name: str) -> Any:
        return getattr(heron_settings, name)

    def __setattr__(self, name: str, value: Any) -> None:
        override = override_settings(**{name: value})
        override.enable()
        self._overrides.append(override)

    def __delattr__(self, name: str) -> None:
        raise AttributeError("Deleting settings is not supported; set the value instead.")

    def finalize(self) -> None:
        while self._overrides:
            self._overrides.pop().disable()


@pytest.fixture
def settings() -> Iterator[SettingsFixture]:
    """Override settings for the length of the test."""
    fixture = SettingsFixture()
    try:
        yield fixture
    finally:
        fixture.finalize()


@pytest.fixture
def db() -> Iterator[None]:
    """Give the test the test databases, inside a transaction rolled back at its end."""
    # lazy: the ORM loads only in test runs that use a database
    from .databases import database_transactions

    with database_transactions():
        yield


@pytest.fixture
def transactional_db() -> Iterator[None]:
    """Give the test the test databases without a transaction; tables are emptied after it.

    Rows the test (or the views it calls) writes are really committed, so ``on_commit``
    callbacks run and other connections see them.
    """
    # lazy: the ORM loads only in test runs that use a database
    from .databases import flush_databases, setup_test_databases

    aliases = setup_test_databases()
    try:
        yield
    finally:
        flush_databases(aliases)


@pytest.fixture
def assert_num_queries() -> Callable[..., AbstractContextManager[CaptureQueries]]:
    """``with assert_num_queries(2):`` fails unless the block runs exactly two queries.

    Takes ``using=`` (an alias, default ``"default"``; None counts every alias).
    """
    return check


@pytest.fixture
def client() -> Client:
    """A sync in-process test client."""
    return Client()


@pytest.fixture
def async_client() -> AsyncClient:
    """An async in-process test client (``await async_client.get(...)``)."""
    return AsyncClient()


@pytest.fixture
def rf() -> RequestFactory:
    """A factory of ``HttpRequest`` objects for calling views directly."""
    return RequestFactory()


@pytest.fixture(autouse=True)
def _heron_test_environment() -> None:
    """Keep email in memory and empty the outbox for every test (heron.test.environment)."""
    # Imported here so that loading the plugin (in every pytest run) stays cheap.
    from .environment import setup_test_environment

    setup_test_environment()


@pytest.fixture
def mailoutbox(_heron_test_environment: None) -> list[EmailMessage]:
    """The messages sent during this test (``heron.mail.outbox``), oldest first."""
    # lazy: heron.test loads with the pytest plugin in every run; this loads on first use
    from heron.mail import outbox

    return outbox
