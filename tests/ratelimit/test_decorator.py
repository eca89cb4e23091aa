"""@ratelimit on sync and async views, through the test client."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from heron.cache import caches
from heron.conf import settings
from heron.http import HttpRequest
from heron.ratelimit import ais_ratelimited, is_ratelimited, ratelimit
from heron.test import Client, RequestFactory

MIDDLEWARE = ["tests.ratelimit.site.FakeUserMiddleware"]


@pytest.fixture
def configure() -> Iterator[Callable[..., Client]]:
    saved = settings._wrapped

    def _configure(**overrides: Any) -> Client:
        overrides.setdefault("CACHES", {"default": {"BACKEND": "locmem", "LOCATION": "rl"}})
        settings.configure(
            DEBUG=False,
            SECRET_KEY="test",
            ALLOWED_HOSTS=["testserver"],
            ROOT_URLCONF="tests.ratelimit.site",
            MIDDLEWARE=MIDDLEWARE,
            **overrides,
        )
        for alias in caches:
            if not caches[alias].location.startswith("redis"):  # the Redis ones are "down"
                caches[alias].clear()
        return Client()

    try:
        yield _configure
    finally:
        settings._install(saved)
        caches.reset()


@pytest.fixture(params=["sync", "async"])
def colour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def client(configure: Callable[..., Client]) -> Client:
    return configure()


def test_over_the_limit_answers_429_with_retry_after(client: Client, colour: str) -> None:
    url = f"/{colour}/ip/"
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    refused = client.get(url, headers={"Accept": "text/html"})
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert "Too many requests: please wait a moment and try again." in refused.text
    as_json = client.get(url, headers={"Accept": "application/json"})
    assert as_json.status_code == 429
    assert as_json.json() == {"status": 429, "error": "Too Many Requests"}
    assert 1 <= int(as_json.headers["Retry-After"]) <= 60


def test_clients_are_counted_apart_by_address(client: Client, colour: str) -> None:
    url = f"/{colour}/ip/"
    for _ in range(2):
        assert client.get(url, client=("10.0.0.1", 1234)).status_code == 200
    assert client.get(url, client=("10.0.0.1", 1234)).status_code == 429
    assert client.get(url, client=("10.0.0.2", 1234)).status_code == 200


def test_x_forwarded_for_is_not_trusted_by_default(client: Client, colour: str) -> None:
    url = f"/{colour}/ip/"
    for n in range(2):
        headers = {"X-Forwarded-For": f"203.0.113.{n}"}
        assert client.get(url, headers=headers).status_code == 200
    assert client.get(url, headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 429


def test_trusted_proxies_forward_the_client_address(
    configure: Callable[..., Client], colour: str
) -> None:
    client = configure(TRUSTED_PROXIES=["127.0.0.1"])
    url = f"/{colour}/ip/"
    for _ in range(2):
        assert client.get(url, headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 200
    assert client.get(url, headers={"X-Forwarded-For": "203.0.113.1"}).status_code == 429
    assert client.get(url, headers={"X-Forwarded-For": "203.0.113.2"}).status_code == 200
    # A spoofed left-most entry does not help: the proxy's own (right-most) entry counts.
    spoofed = {"X-Forwarded-For": "1.2.3.4, 203.0.113.1"}
    assert client.get(url, headers=spoofed).status_code == 429


def test_ipv6_clients_are_counted_per_64(client: Client, colour: str) -> None:
    url = f"/{colour}/ip/"
    assert client.get(url, client=("2001:db8:1:1::1", 1)).status_code == 200
    assert client.get(url, client=("2001:db8:1:1::ffff", 1)).status_code == 200
    assert client.get(url, client=("2001:db8:1:1:abcd::2", 1)).status_code == 429
    assert client.get(url, client=("2001:db8:1:2::1", 1)).status_code == 200


def test_user_key(client: Client, colour: str) -> None:
    url = f"/{colour}/user/"
    for _ in range(2):
        assert client.get(url, headers={"X-User": "1"}).status_code == 200
    assert client.get(url, headers={"X-User": "1"}).status_code == 429
    assert client.get(url, headers={"X-User": "2"}).status_code == 200
    # Anonymous requests count by address.
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 200
    assert client.get(url).status_code == 429


def test_header_key(client: Client, colour: str) -> None:
    url = f"/{colour}/header/"
    for _ in range(2):
        assert client.get(url, headers={"X-Api-Key": "k1"}).status_code == 200
    assert client.get(url, headers={"X-Api-Key": "k1"}).status_code == 429
    assert client.get(url, headers={"X-Api-Key": "k2"}).status_code == 200


def test_post_field_key_and_method(client: Client, colour: str) -> None:
    url = f"/{colour}/post/"
    for _ in range(2):
        assert client.post(url, {"username": "ada"}).status_code == 200
    assert client.post(url, {"username": "ada"}).status_code == 429
    assert client.post(url, {"username": "bob"}).status_code == 200
    assert client.get(url).status_code == 200  # GETs are not counted


def test_unsafe_methods_only(client: Client, colour: str) -> None:
    url = f"/{colour}/unsafe/"
    for _ in range(5):
        assert client.get(url).status_code == 200
    assert client.post(url).status_code == 200
    assert client.delete(url).status_code == 200
    assert client.put(url).status_code == 429


def test_callable_key(client: Client, colour: str) -> None:
    url = f"/{colour}/callable/"
    for _ in range(2):
        assert client.get(url, headers={"X-Tenant": "a"}).status_code == 200
    assert client.get(url, headers={"X-Tenant": "a"}).status_code == 429
    assert client.get(url, headers={"X-Tenant": "b"}).status_code == 200


def test_block_false_tells_the_view(client: Client, colour: str) -> None:
    url = f"/{colour}/noblock/"
    assert client.get(url).text == "limited=False"
    assert client.get(url).text == "limited=False"
    assert client.get(url).text == "limited=True"


def test_group_shares_one_counter(client: Client, colour: str) -> None:
    assert client.get(f"/{colour}/shared-a/").status_code == 200
    assert client.get(f"/{colour}/shared-b/").status_code == 200
    assert client.get(f"/{colour}/shared-a/").status_code == 429
    # Views without a group count apart: the sync and async "ip" views are two groups.
    assert client.get("/sync/ip/").status_code == 200


def test_disabled(configure: Callable[..., Client], colour: str) -> None:
    client = configure(RATELIMIT_ENABLE=False)
    for _ in range(5):
        assert client.get(f"/{colour}/ip/").status_code == 200


def test_a_cache_outage_lets_requests_through(
    configure: Callable[..., Client], colour: str
) -> None:
    client = configure(
        CACHES={"default": {"BACKEND": "redis", "LOCATION": "redis://127.0.0.1:9/0"}}
    )
    for _ in range(4):
        assert client.get(f"/{colour}/ip/").status_code == 200


def test_views_may_raise_ratelimited(client: Client) -> None:
    response = client.get("/raises/")
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "30"


def test_a_cache_outage_raises_when_the_cache_is_strict(
    configure: Callable[..., Client], colour: str
) -> None:
    strict = {
        "BACKEND": "redis",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": False},
    }
    client = configure(CACHES={"default": strict})
    assert client.get(f"/{colour}/ip/").status_code == 500


def test_function_api(client: Client) -> None:
    import asyncio

    request: HttpRequest = RequestFactory().get("/")
    assert is_ratelimited(request, "fn", "ip", "1/m", increment=False) is False
    assert is_ratelimited(request, "fn", "ip", "1/m") is False
    assert is_ratelimited(request, "fn", "ip", "1/m", increment=False) is True
    assert is_ratelimited(request, "fn", "ip", "1/m") is True
    assert asyncio.run(ais_ratelimited(request, "fn", "ip", "1/m")) is True
    assert asyncio.run(ais_ratelimited(request, "other", "ip", "1/m")) is False
    assert is_ratelimited(request, "fn", "ip", "1/m", method="POST") is False


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("5 per minute",),
            "Rate '5 per minute' is not understood: write a count, a slash and a period, "
            'e.g. "5/s", "100/m", "1000/h", "10/d" or "5/10m".',
        ),
        (
            ("5/m", "session"),
            "Rate limit key 'session' is not understood: use 'ip', 'user', 'header:<name>', "
            "'post:<field>', 'get:<field>' or a callable taking the request.",
        ),
    ],
)
def test_mistakes_fail_when_the_view_is_decorated(args: tuple[str, ...], message: str) -> None:
    rate, *key = args
    with pytest.raises(ValueError) as info:
        ratelimit(rate, key=key[0] if key else "ip")
    assert str(info.value) == message
