"""SessionMiddleware through the test client: each backend, each database, sync and async."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import pytest

from heron.apps import apps
from heron.contrib.sessions.backends.base import SessionBase
from heron.contrib.sessions.middleware import load_engine
from heron.contrib.sessions.models import Session
from heron.test import Client
from heron.timezone import now

from .conftest import Site

UNKNOWN_KEY = "a" * 32


def cookie_header(response: Any, name: str = "sessionid") -> str:
    found = [h for h in response.headers.getlist("set-cookie") if h.startswith(f"{name}=")]
    assert len(found) == 1, response.headers.getlist("set-cookie")
    return str(found[0])


def test_untouched_session_costs_nothing(
    site: Site, client: Client, mode: str, assert_num_queries: Any
) -> None:
    client.cookies["sessionid"] = UNKNOWN_KEY
    with assert_num_queries(0):
        response = client.get(f"/{mode}/untouched/")
    assert response.text == "plain"
    assert "set-cookie" not in response.headers
    assert "vary" not in response.headers


def test_value_survives_to_the_next_request(site: Site, client: Client, mode: str) -> None:
    response = client.get(f"/{mode}/set/", {"a": "1", "b": "two"})
    header = cookie_header(response)
    assert "HttpOnly" in header
    assert "SameSite=Lax" in header
    assert "Path=/" in header
    assert "Max-Age=1209600" in header
    assert "Secure" not in header
    assert response.headers["Vary"] == "Cookie"
    key = client.cookies["sessionid"]
    assert len(key) >= 32 if site.engine != "signed_cookies" else key
    again = client.get(f"/{mode}/get/")
    assert again.json() == {"items": {"a": "'1'", "b": "'two'"}}
    assert again.headers["Vary"] == "Cookie"
    assert "set-cookie" not in again.headers  # read, not modified: no new cookie


def test_reading_a_new_visitors_session_sets_no_cookie(
    site: Site, client: Client, mode: str
) -> None:
    response = client.get(f"/{mode}/peek/")
    assert response.json() == {"has": False}
    assert response.headers["Vary"] == "Cookie"
    assert "set-cookie" not in response.headers


def test_sync_and_async_views_share_the_session(site: Site, client: Client) -> None:
    for mode in ["s", "a", "s", "a"]:
        last = client.get(f"/{mode}/counter/").json()
    assert last == {"n": 4}


def test_secure_cookie_and_other_attributes_when_configured(
    site: Site, client: Client, mode: str, settings: Any
) -> None:
    settings.SESSION_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "sid"
    settings.SESSION_COOKIE_SAMESITE = "Strict"
    settings.SESSION_COOKIE_PATH = "/app"
    settings.SESSION_COOKIE_DOMAIN = "example.com"
    header = cookie_header(client.get(f"/{mode}/set/", {"a": "1"}), "sid")
    for part in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/app", "Domain=example.com"]:
        assert part in header


@pytest.mark.parametrize("sent", [UNKNOWN_KEY, "x" * 39, "short", "../../etc", "Z" * 5000])
def test_unknown_key_from_the_client_is_never_adopted(
    site: Site, client: Client, mode: str, sent: str
) -> None:
    client.cookies["sessionid"] = sent
    response = client.get(f"/{mode}/set/", {"a": "1"})
    assert response.status_code == 200
    assert client.cookies["sessionid"] != sent
    assert client.get(f"/{mode}/get/").json() == {"items": {"a": "'1'"}}


def test_unknown_key_read_only_deletes_the_cookie(site: Site, client: Client, mode: str) -> None:
    client.cookies["sessionid"] = UNKNOWN_KEY
    response = client.get(f"/{mode}/peek/")
    assert response.json() == {"has": False}
    assert cookie_header(response).startswith("sessionid=;")
    assert "Max-Age=0" in cookie_header(response)
    assert "sessionid" not in client.cookies


def test_cycle_key_keeps_data_under_a_new_key(site: Site, client: Client, mode: str) -> None:
    client.get(f"/{mode}/set/", {"a": "1"})
    before = client.cookies["sessionid"]
    body = client.get(f"/{mode}/cycle/").json()
    after = client.cookies["sessionid"]
    assert after != before
    assert body["items"] == {"a": "'1'"}
    if site.stores_rows:
        assert body["old"] == before
        assert body["new"] == after
        assert not Session.objects.filter(session_key=before).exists()
        assert Session.objects.filter(session_key=after).exists()
    assert client.get(f"/{mode}/get/").json() == {"items": {"a": "'1'"}}


def test_cycle_key_of_a_new_session(site: Site, client: Client, mode: str) -> None:
    body = client.get(f"/{mode}/cycle/").json()
    assert body["old"] is None
    assert body["new"]
    assert body["items"] == {}


def test_flush_empties_deletes_and_drops_the_cookie(site: Site, client: Client, mode: str) -> None:
    client.get(f"/{mode}/set/", {"a": "1"})
    key = client.cookies["sessionid"]
    response = client.get(f"/{mode}/flush/")
    assert response.json() == {"key": None}
    assert "Max-Age=0" in cookie_header(response)
    assert "sessionid" not in client.cookies
    if site.stores_rows:
        assert not Session.objects.filter(session_key=key).exists()
    client.cookies["sessionid"] = key  # a copy of the old cookie no longer works...
    if site.engine != "signed_cookies":  # ...except a signed cookie, which is the data itself
        assert client.get(f"/{mode}/get/").json() == {"items": {}}


def test_awaitable_accessor_and_sync_view_agree(site: Site, client: Client, mode: str) -> None:
    assert client.get(f"/{mode}/value/").json() == {"a": None}
    client.get(f"/{mode}/set/", {"a": "7"})
    assert client.get(f"/{mode}/value/").json() == {"a": "7"}


def test_sync_access_before_aload_in_async_code_names_aload(site: Site, client: Client) -> None:
    response = client.get("/a/unloaded/")
    assert response.status_code == 409
    assert response.text == (
        "The session is not loaded, and loading it now would block the event loop inside "
        "async code. Call `await request.session.aload()` first (or use the awaitable "
        "accessors: `await request.session.aget(key)`)."
    )
    assert client.get("/s/unloaded/").text == "None"  # a sync view just loads it


def test_server_error_is_not_saved(site: Site, client: Client, mode: str) -> None:
    response = client.get(f"/{mode}/error/")
    assert response.status_code == 500
    assert "set-cookie" not in response.headers


def test_expiry_in_seconds_and_at_browser_close(site: Site, client: Client, mode: str) -> None:
    response = client.get(f"/{mode}/expiry/", {"seconds": "60"})
    assert response.json() == {"age": 60, "at_close": False}
    assert "Max-Age=60" in cookie_header(response)
    response = client.get(f"/{mode}/expiry/", {"seconds": "0"})
    assert response.json() == {"age": 1209600, "at_close": True}
    header = cookie_header(response)
    assert "Max-Age" not in header
    assert "Expires" not in header
    assert client.get(f"/{mode}/get/").json()["items"]["x"] == "'1'"


def test_expire_at_browser_close_setting(
    site: Site, client: Client, mode: str, settings: Any
) -> None:
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    header = cookie_header(client.get(f"/{mode}/set/", {"a": "1"}))
    assert "Max-Age" not in header


def test_cookie_age_setting(site: Site, client: Client, mode: str, settings: Any) -> None:
    settings.SESSION_COOKIE_AGE = 300
    assert "Max-Age=300" in cookie_header(client.get(f"/{mode}/set/", {"a": "1"}))


def test_save_every_request_refreshes_the_cookie(
    site: Site, client: Client, mode: str, settings: Any
) -> None:
    client.get(f"/{mode}/set/", {"a": "1"})
    settings.SESSION_SAVE_EVERY_REQUEST = True
    response = client.get(f"/{mode}/untouched/")
    assert "Max-Age=1209600" in cookie_header(response)
    assert client.get(f"/{mode}/get/").json() == {"items": {"a": "'1'"}}
    fresh = Client()
    assert "set-cookie" not in fresh.get(f"/{mode}/untouched/").headers  # nothing to keep


def test_types_round_trip(site: Site, client: Client, mode: str) -> None:
    first = client.get(f"/{mode}/types/").json()
    second = client.get(f"/{mode}/types/").json()
    assert first == second
    assert second["items"] == {
        "when": "datetime.datetime(2026, 12, 7, 20, 30, tzinfo=datetime.timezone.utc)",
        "day": "datetime.date(2026, 12, 7)",
        "price": "Decimal('9.99')",
        "id": "UUID('00000000-0000-0000-0000-000000000007')",
        "pair": "(1, 'two')",
        "wait": "datetime.timedelta(seconds=300)",
        "odd": "{'$t': 'user data'}",
    }


def test_messages_kept_in_the_session(site: Site, client: Client, mode: str) -> None:
    response = client.get(f"/{mode}/add/", follow=True)
    expected = (
        '<li class="success">Saved.</li>' if mode == "s" else '<li class="info">From async.</li>'
    )
    assert response.text == expected
    assert "messages" not in client.cookies  # kept in the session, not in a cookie
    assert client.get(f"/{mode}/show/").text == ""


def test_session_deleted_meanwhile_is_a_400(site: Site, client: Client, mode: str) -> None:
    client.get(f"/{mode}/set/", {"a": "1"})
    response = client.get(f"/{mode}/vanish/")
    if not site.stores_rows:  # a signed cookie has nothing on the server to delete, and
        assert response.status_code == 200  # the cache engine cannot tell (see its docs)
        return
    assert response.status_code == 400
    assert "The session was deleted before the request finished" in response.text


def test_engine_that_does_not_import_says_how_to_fix(site: Site) -> None:
    from heron.conf import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="SESSION_ENGINE 'nope' could not be imported"):
        load_engine("nope")


def test_client_session_reads_and_changes_the_session(
    site: Site, client: Client, mode: str
) -> None:
    session = client.session
    assert session.session_key is None and len(session) == 0
    session["a"] = "from the test"
    session.save()
    assert client.get(f"/{mode}/get/").json() == {"items": {"a": "'from the test'"}}
    client.get(f"/{mode}/set/", {"b": "from a view"})
    session = client.session
    assert session["b"] == "from a view"
    del session["a"]
    session.save()
    assert client.get(f"/{mode}/get/").json() == {"items": {"b": "'from a view'"}}


async def test_client_session_in_an_async_test(site: Site) -> None:
    from heron.test import AsyncClient

    client = AsyncClient()
    session = client.session
    await session.aset("a", "async")
    await session.asave()
    assert (await client.get("/a/get/")).json() == {"items": {"a": "'async'"}}
    assert await client.session.aget("a") == "async"


@pytest.mark.parametrize("engine", ["db"])
def test_store_refusing_new_keys_still_serves_the_page(
    site: Site, client: Client, mode: str, monkeypatch: pytest.MonkeyPatch, caplog: Any
) -> None:
    taken = "t" * 32
    Session.objects.create(
        session_key=taken, session_data="x", expire_date=now() + dt.timedelta(days=1)
    )
    monkeypatch.setattr(SessionBase, "_new_key", lambda self: taken)
    with caplog.at_level(logging.WARNING, logger="heron.contrib.sessions"):
        response = client.get(f"/{mode}/set/", {"a": "1"})
    assert response.status_code == 200
    assert "set-cookie" not in response.headers
    assert caplog.messages == [
        "The session was not saved: The session store refused 3 new random keys: it is most "
        "likely unreachable (a cache outage) rather than full of collisions."
    ]


def test_database_engine_without_the_app_says_how_to_fix(site: Site, settings: Any) -> None:
    from heron.conf import ImproperlyConfigured
    from heron.contrib.sessions.middleware import SessionMiddleware

    saved = apps.app_configs, apps.ready
    apps.reset()
    apps.populate(["heron.contrib.messages"])
    try:
        settings.SESSION_ENGINE = "heron.contrib.sessions.backends.db"
        with pytest.raises(ImproperlyConfigured) as caught:
            SessionMiddleware(Client().app)  # type: ignore[arg-type]
        settings.SESSION_ENGINE = "heron.contrib.sessions.backends.signed_cookies"
        SessionMiddleware(Client().app)  # type: ignore[arg-type]  # needs no table, no app
    finally:
        apps.app_configs, apps.ready = saved
    assert str(caught.value) == (
        "SESSION_ENGINE 'heron.contrib.sessions.backends.db' keeps sessions in the database, "
        "but 'heron.contrib.sessions' is not in INSTALLED_APPS: add it (then run `heron "
        'migrate`), or use SESSION_ENGINE = "heron.contrib.sessions.backends.signed_cookies".'
    )
