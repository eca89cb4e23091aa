"""The session store API outside a request, sync and async from the same test bodies."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Awaitable, Callable
from decimal import Decimal
from typing import Any

import pytest

from heron.cache import caches
from heron.contrib.sessions.backends.base import SessionBase
from heron.contrib.sessions.backends.cache import KEY_PREFIX as CACHE_PREFIX
from heron.contrib.sessions.backends.signed_cookies import MAX_COOKIE_SIZE
from heron.contrib.sessions.exceptions import SessionTooLarge
from heron.contrib.sessions.middleware import load_engine
from heron.contrib.sessions.models import Session
from heron.contrib.sessions.serializers import JSONSerializer
from heron.test.client import run_in_loop
from heron.timezone import now

from .conftest import Site


class Io:
    """``await io(store, "save")`` calls ``store.save()`` or ``await store.asave()``."""

    def __init__(self, is_async: bool) -> None:
        self.is_async = is_async

    async def __call__(self, target: Any, name: str, *args: Any) -> Any:
        if self.is_async:
            return await getattr(target, "a" + name)(*args)
        return getattr(target, name)(*args)


Body = Callable[[Io, type[SessionBase]], Awaitable[None]]


@pytest.fixture(params=["sync", "async"])
def run(request: pytest.FixtureRequest, site: Site) -> Callable[[Body], None]:
    is_async = request.param == "async"

    def runner(body: Body) -> None:
        store = load_engine()
        if is_async:
            run_in_loop(lambda: body(Io(True), store))
            return
        coroutine = body(Io(False), store)
        with pytest.raises(StopIteration):  # the sync calls never suspend: one step runs it
            coroutine.send(None)

    return runner


def test_save_load_and_keys(site: Site, run: Callable[[Body], None]) -> None:
    async def body(io: Io, store: type[SessionBase]) -> None:
        session = store()
        assert session.is_empty()
        assert session.session_key is None
        await io(session, "load")
        session["user"] = 42
        assert session.modified and session.accessed
        await io(session, "save")
        key = session.session_key
        assert key is not None
        again = store(key)
        assert not again.accessed
        assert (await io(again, "load")) == {"user": 42}
        assert again.accessed and not again.modified
        assert again.get("user") == 42 and "user" in again and len(again) == 1
        assert list(again.keys()) == ["user"] and list(again.values()) == [42]
        assert list(again.items()) == [("user", 42)] and list(again) == ["user"]
        assert again.setdefault("user", 1) == 42 and not again.modified
        assert again.setdefault("new", 1) == 1 and again.modified
        assert again.pop("new") == 1 and again.pop("missing", "d") == "d"
        with pytest.raises(KeyError):
            again.pop("missing")

    run(body)


def test_exists_and_delete(site: Site, run: Callable[[Body], None]) -> None:
    async def body(io: Io, store: type[SessionBase]) -> None:
        session = store()
        await io(session, "load")
        session["a"] = 1
        await io(session, "save")
        key = session.session_key
        assert await io(session, "exists", key) is site.server_side
        await io(session, "delete")
        assert await io(session, "exists", key) is False
        assert await io(store(), "exists", "n" * 32) is False
        await io(store(), "delete")  # no key: nothing to do

    run(body)


def test_cycle_key_and_flush(site: Site, run: Callable[[Body], None]) -> None:
    async def body(io: Io, store: type[SessionBase]) -> None:
        session = store()
        await io(session, "load")
        session["user"] = 1
        await io(session, "save")
        old = session.session_key
        await io(session, "cycle_key")
        new = session.session_key
        assert new and new != old
        assert session["user"] == 1
        if site.stores_rows:
            assert not Session.objects.filter(session_key=old).exists()
            assert Session.objects.filter(session_key=new).exists()
        await io(session, "flush")
        assert session.session_key is None
        assert session.is_empty() and session.modified
        if site.stores_rows:
            assert not Session.objects.filter(session_key=new).exists()

    run(body)


def test_key_collision_draws_another_key(
    site: Site, run: Callable[[Body], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    if not site.server_side:
        assert load_engine()()._new_key() == ""  # the key is the signed data: no collisions
        return
    taken = "t" * 32
    if site.engine == "cache":
        caches["default"].set(CACHE_PREFIX + taken, "x")
    else:
        Session.objects.create(
            session_key=taken, session_data="x", expire_date=now() + dt.timedelta(days=1)
        )
    drawn = iter([taken, taken, "f" * 32])
    monkeypatch.setattr(SessionBase, "_new_key", lambda self: next(drawn))

    async def body(io: Io, store: type[SessionBase]) -> None:
        session = store()
        await io(session, "load")
        session["a"] = 1
        await io(session, "save")
        assert session.session_key == "f" * 32

    run(body)
    if site.engine == "cache":
        assert caches["default"].get(CACHE_PREFIX + taken) == "x"  # left alone
    else:
        assert Session.objects.get(session_key=taken).session_data == "x"


def test_new_keys_are_long_and_random(site: Site) -> None:
    session = load_engine()()
    if site.engine == "signed_cookies":
        return
    keys = {session._new_key() for _ in range(50)}
    assert len(keys) == 50
    assert all(len(key) == 32 and key.isalnum() and key.islower() for key in keys)


def test_expiry_api(site: Site, run: Callable[[Body], None]) -> None:
    async def body(io: Io, store: type[SessionBase]) -> None:
        session = store()
        await io(session, "load")
        moment = now()
        assert session.get_expiry_age() == 1209600
        assert session.get_expiry_date(modification=moment) == moment + dt.timedelta(days=14)
        assert not session.get_expire_at_browser_close()
        session.set_expiry(60)
        assert session.get_expiry_age() == 60
        session.set_expiry(dt.timedelta(hours=1))
        assert 3590 < session.get_expiry_age() <= 3600
        at = moment + dt.timedelta(days=2)
        session.set_expiry(at)
        assert session.get_expiry_date() == at
        session.set_expiry(0)
        assert session.get_expire_at_browser_close()
        session.set_expiry(None)
        assert session.get_expiry_age() == 1209600
        with pytest.raises(TypeError, match="set_expiry\\(\\) takes seconds"):
            session.set_expiry("soon")  # type: ignore[arg-type]
        session.set_expiry(at)
        await io(session, "save")
        if site.stores_rows:
            row = Session.objects.get(session_key=session.session_key)
            assert row.expire_date == at

    run(body)


def test_clear_expired(site: Site, run: Callable[[Body], None]) -> None:
    past, future = now() - dt.timedelta(days=1), now() + dt.timedelta(days=1)
    Session.objects.create(session_key="o" * 32, session_data="x", expire_date=past)
    Session.objects.create(session_key="l" * 32, session_data="x", expire_date=future)

    async def body(io: Io, store: type[SessionBase]) -> None:
        await io(store, "clear_expired")

    run(body)
    left = sorted(Session.objects.values_list("session_key", flat=True))
    assert left == (["l" * 32] if site.stores_rows else ["l" * 32, "o" * 32])


def test_unserializable_value_names_the_key(site: Site) -> None:
    session = load_engine()()
    session["basket"] = {"items": {1, 2}}
    with pytest.raises(TypeError) as caught:
        session.save()
    assert str(caught.value) == (
        "Session data must be JSON-friendly: session['basket']['items'] is a set, which the "
        "JSON session serializer cannot store. Store plain values (str, int, float, bool, "
        "None, list, dict, tuple, datetime, date, time, timedelta, Decimal, UUID), e.g. an id "
        "instead of a model instance."
    )
    session["basket"] = {3: "x"}
    with pytest.raises(TypeError, match="Session data keys must be strings; session\\['basket'\\]"):
        session.save()


def test_signed_cookie_size_limit(site: Site) -> None:
    session = load_engine("heron.contrib.sessions.backends.signed_cookies")()
    session["big"] = [secrets.token_hex(8) for _ in range(400)]  # random: no compression
    with pytest.raises(SessionTooLarge) as caught:
        session.save()
    message = str(caught.value)
    assert message.startswith("The session is ")
    assert message.endswith(
        f" bytes once signed, over the {MAX_COOKIE_SIZE}-byte limit of a cookie: store less "
        "in it (ids rather than objects), or use a server-side store: SESSION_ENGINE = "
        '"heron.contrib.sessions.backends.db".'
    )


def test_serializer_round_trip_and_escapes() -> None:
    serializer = JSONSerializer()
    data = {
        "n": [1, 2.5, None, True, "s"],
        "when": dt.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=dt.UTC),
        "naive": dt.datetime(2026, 1, 2),
        "t": dt.time(12, 30),
        "d": Decimal("-0.10"),
        "nested": {"$t": ["datetime", "not really"], "x": (1, (2,))},
    }
    assert serializer.loads(serializer.dumps(data)) == data
    assert serializer.dumps({"a": 1}) == b'{"a":1}'
