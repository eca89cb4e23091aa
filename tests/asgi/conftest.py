from collections.abc import Iterator

import pytest

from heron.apps import apps
from heron.conf import settings
from heron.test import AsyncClient, Client


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
