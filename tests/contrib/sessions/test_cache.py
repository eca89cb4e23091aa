"""The cache and cached_db engines: where the data goes, and what a cache outage does."""

from __future__ import annotations

import logging
import socket
from typing import Any

import pytest

from heron.cache import caches
from heron.contrib.sessions.backends.cache import KEY_PREFIX as CACHE_PREFIX
from heron.contrib.sessions.backends.cached_db import KEY_PREFIX as CACHED_DB_PREFIX
from heron.contrib.sessions.models import Session
from heron.test import Client

from .conftest import Site


def _dead_redis_url() -> str:
    """A redis:// URL on a local port where nothing listens (refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.mark.parametrize("engine", ["cache"])
def test_cache_engine_keeps_sessions_in_the_cache_only(
    site: Site, client: Client, mode: str
) -> None:
    client.get(f"/{mode}/set/", {"a": "1"})
    key = client.cookies["sessionid"]
    assert isinstance(caches["default"].get(CACHE_PREFIX + key), str)
    assert not Session.objects.exists()
    assert client.get(f"/{mode}/get/").json() == {"items": {"a": "'1'"}}
    caches["default"].delete(CACHE_PREFIX + key)  # evicted, or expired
    assert client.get(f"/{mode}/get/").json() == {"items": {}}


@pytest.mark.parametrize("engine", ["cached_db"])
def test_cached_db_reads_through_the_cache(
    site: Site, client: Client, mode: str, assert_num_queries: Any
) -> None:
    client.get(f"/{mode}/set/", {"a": "1"})
    key = client.cookies["sessionid"]
    row = Session.objects.get(session_key=key)
    assert caches["default"].get(CACHED_DB_PREFIX + key) == row.session_data
    with assert_num_queries(0):  # a cache hit
        assert client.get(f"/{mode}/get/").json() == {"items": {"a": "'1'"}}
    caches["default"].clear()  # a restarted cache loses nothing
    with assert_num_queries(1):
        assert client.get(f"/{mode}/get/").json() == {"items": {"a": "'1'"}}
    assert caches["default"].get(CACHED_DB_PREFIX + key) == row.session_data  # cached again


@pytest.mark.parametrize("engine", ["cache", "cached_db"])
def test_cache_outage_never_breaks_the_page(
    site: Site, client: Client, mode: str, settings: Any, caplog: Any
) -> None:
    settings.CACHES = {"default": {"BACKEND": "redis", "LOCATION": _dead_redis_url()}}
    with caplog.at_level(logging.WARNING):
        response = client.get(f"/{mode}/set/", {"a": "1"})
        assert response.status_code == 200
        if site.engine == "cache":  # nowhere to keep it: served without a session cookie
            assert "set-cookie" not in response.headers
            assert any("The session was not saved" in m for m in caplog.messages)
        else:  # the database keeps it; only the cache is skipped
            assert client.get(f"/{mode}/get/").json() == {"items": {"a": "'1'"}}
