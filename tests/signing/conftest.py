from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from heron.conf import settings
from heron.conf.settings import Settings


@pytest.fixture(autouse=True)
def configure() -> Iterator[Callable[..., Settings]]:
    """SECRET_KEY "signing-key" for the test; call the fixture to change settings."""
    saved = settings._wrapped

    def _configure(**overrides: Any) -> Settings:
        overrides.setdefault("SECRET_KEY", "signing-key")
        return settings.configure(**overrides)

    _configure()
    yield _configure
    settings._install(saved)
