from collections.abc import Iterator
from typing import Any

import pytest

from heron.apps import apps
from heron.conf import settings
from heron.test import AsyncClient, Client
from heron.test.client import run_in_loop


@pytest.fixture(autouse=True)
def site() -> Iterator[None]:
    """The request-cycle tests run against the small project in tests/site."""
    saved = settings._wrapped
    saved_apps = (apps.app_configs, apps.ready)
    apps.reset()
    settings.configure(
        DEBUG=False,
        SECRET_KEY="test-secret-key",
        ROOT_URLCONF="tests.site.urls",
        ALLOWED_HOSTS=["testserver", "example.com"],
        INSTALLED_APPS=["tests.site"],
    )
    apps.populate(settings.INSTALLED_APPS)
    try:
        yield
    finally:
        settings._install(saved)
        apps.app_configs, apps.ready = saved_apps


@pytest.fixture
def client() -> Client:
    return Client()


@pytest.fixture
def async_client() -> AsyncClient:
    return AsyncClient()


@pytest.fixture(params=["sync", "async"])
def call(request: pytest.FixtureRequest) -> Any:
    """Make a request with the sync Client or the AsyncClient: the same test runs both."""
    if request.param == "sync":
        client = Client()
        return lambda method, path, **kw: getattr(client, method)(path, **kw)
    async_client = AsyncClient()

    def run(method: str, path: str, **kw: Any) -> Any:
        return run_in_loop(lambda: getattr(async_client, method)(path, **kw))

    return run
