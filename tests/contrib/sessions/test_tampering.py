"""Tampered, forged, expired and undecodable sessions start empty: never a 500."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from heron.cache import caches
from heron.contrib.sessions.backends.cache import KEY_PREFIX as CACHE_PREFIX
from heron.contrib.sessions.models import Session
from heron.signing import Signer
from heron.test import Client
from heron.timezone import now

from .conftest import Site

KEY = "k" * 32
DB_SALT = "heron.contrib.sessions"
COOKIE_SALT = "heron.contrib.sessions.signed_cookies"
FUTURE = int((now() + dt.timedelta(days=1)).timestamp())


# name -> (signer key, serialized bytes of the *data*), wrapped per backend below.
BAD_DATA: dict[str, tuple[str, bytes]] = {
    "forged signature": ("another-secret-key", b'{"a": "forged"}'),
    "not json": ("sessions-test-key", b'{"a": '),
    "a list, not an object": ("sessions-test-key", b"[1, 2]"),
    "expiry of the wrong type": ("sessions-test-key", b'{"_session_expiry": "tomorrow"}'),
    "expiry that is a bool": ("sessions-test-key", b'{"_session_expiry": true}'),
    "unknown tagged type": ("sessions-test-key", b'{"a": {"$t": ["pickle", "x"]}}'),
    "malformed tagged value": ("sessions-test-key", b'{"a": {"$t": ["datetime", "nope"]}}'),
    "tag with extra keys": ("sessions-test-key", b'{"a": {"$t": ["date", "2026-01-01"], "b": 1}}'),
    "expiry date passed": (
        "sessions-test-key",
        b'{"_session_expiry": {"$t": ["datetime", "2020-01-01T00:00:00+00:00"]}}',
    ),
}


def _plant(site: Site, client: Client, signer_key: str, data: bytes) -> None:
    """Put ``data`` where the backend reads it: a row (db) or the cookie itself."""
    if site.engine == "signed_cookies":
        stamp = b'"_heron.expires": %d, "_heron.nonce": "abc"' % FUTURE
        wrapped = data[:-1] + (b", " if data[-2:] != b"{}" else b"") + stamp + b"}"
        if not data.startswith(b"{"):
            wrapped = data
        value = Signer(signer_key, salt=COOKIE_SALT).sign_object(None, serializer=lambda _: wrapped)
        client.cookies["sessionid"] = value
        return
    payload = Signer(signer_key, salt=DB_SALT).sign_object(None, serializer=lambda _: data)
    if site.engine == "cache":
        caches["default"].set(CACHE_PREFIX + KEY, payload)
        client.cookies["sessionid"] = KEY
        return
    Session.objects.create(
        session_key=KEY, session_data=payload, expire_date=now() + dt.timedelta(days=1)
    )
    client.cookies["sessionid"] = KEY


def test_a_good_planted_session_is_read(site: Site, client: Client, mode: str) -> None:
    _plant(site, client, "sessions-test-key", b'{"a": "planted"}')
    assert client.get(f"/{mode}/get/").json() == {"items": {"a": "'planted'"}}


@pytest.mark.parametrize("case", list(BAD_DATA))
def test_bad_session_data_starts_an_empty_session(
    site: Site, client: Client, mode: str, case: str
) -> None:
    signer_key, data = BAD_DATA[case]
    _plant(site, client, signer_key, data)
    sent = client.cookies["sessionid"]
    response = client.get(f"/{mode}/get/")
    assert response.status_code == 200
    assert response.json() == {"items": {}}
    assert "Max-Age=0" in response.headers["Set-Cookie"]  # the useless cookie is deleted
    client.cookies["sessionid"] = sent
    response = client.get(f"/{mode}/set/", {"b": "1"})
    assert response.status_code == 200
    assert client.cookies["sessionid"] != sent  # a fresh session, under a new key


@pytest.mark.parametrize(
    "value", ["garbage", "a:b", "e30:" + "A" * 43, ".eJzLSM3JyQcABiwCFQ:x", "\u00e9" * 40]
)
def test_garbage_cookie_values(site: Site, client: Client, mode: str, value: str) -> None:
    client.cookies["sessionid"] = value
    response = client.get(f"/{mode}/get/")
    assert response.status_code == 200
    assert response.json() == {"items": {}}


def test_expired_row_is_ignored(site: Site, client: Client, mode: str) -> None:
    if site.engine == "signed_cookies":  # the signed expiry time has passed
        wrapped = b'{"a": "old", "_heron.expires": 1000, "_heron.nonce": "abc"}'
        signer = Signer("sessions-test-key", salt=COOKIE_SALT)
        client.cookies["sessionid"] = signer.sign_object(None, serializer=lambda _: wrapped)
    elif site.engine == "cache":  # the cache dropped the entry when it expired
        client.cookies["sessionid"] = KEY
    else:
        _plant(site, client, "sessions-test-key", b'{"a": "old"}')
        Session.objects.filter(session_key=KEY).update(expire_date=now() - dt.timedelta(seconds=1))
    assert client.get(f"/{mode}/get/").json() == {"items": {}}


def test_tampered_signed_cookie_value(site: Site, client: Client, mode: str) -> None:
    client.get(f"/{mode}/set/", {"a": "1"})
    value = client.cookies["sessionid"]
    flipped = value[:5] + ("A" if value[5] != "A" else "B") + value[6:]
    client.cookies["sessionid"] = flipped
    assert client.get(f"/{mode}/get/").json() == {"items": {}}


def test_key_rotation_keeps_sessions(site: Site, client: Client, mode: str, settings: Any) -> None:
    client.get(f"/{mode}/set/", {"a": "1"})
    settings.SECRET_KEY = "a-new-key"
    settings.SECRET_KEY_FALLBACKS = ["sessions-test-key"]
    assert client.get(f"/{mode}/get/").json() == {"items": {"a": "'1'"}}
    settings.SECRET_KEY_FALLBACKS = []  # the old key retired: its signatures no longer count
    assert client.get(f"/{mode}/get/").json() == {"items": {}}
