from __future__ import annotations

from collections.abc import Iterator

import pytest

from heron.conf import settings
from heron.conf.settings import Settings
from heron.urls import clear_url_caches


@pytest.fixture(autouse=True)
def url_settings() -> Iterator[Settings]:
    """Settings with ROOT_URLCONF pointing at the test URLconf; the previous ones restored."""
    saved = settings._wrapped
    configured = settings.configure(DEBUG=True, ROOT_URLCONF="tests.urls.urlconfs.main")
    yield configured
    settings._install(saved)
    clear_url_caches()
