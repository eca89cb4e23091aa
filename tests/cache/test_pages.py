"""cache_page and the per-site cache middleware: what is cached, under which key, for how long."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from email.utils import parsedate_to_datetime
from typing import Any

import pytest

from heron.cache import caches
from heron.conf import settings
from heron.test import Client

SITE_MIDDLEWARE = [
    "heron.cache.middleware.UpdateCacheMiddleware",
    "heron.middleware.common.CommonMiddleware",
    "heron.cache.middleware.FetchFromCacheMiddleware",
]


@pytest.fixture
def configure() -> Iterator[Callable[..., Client]]:
    saved = settings._wrapped

    def _configure(**overrides: Any) -> Client:
        overrides.setdefault(
            "CACHES",
            {
                "default": {"BACKEND": "locmem", "LOCATION": "pages"},
                "second": {"BACKEND": "locmem", "LOCATION": "pages-2"},
            },
        )
        settings.configure(
            DEBUG=True,
            SECRET_KEY="test",
            ALLOWED_HOSTS=["testserver"],
            ROOT_URLCONF="tests.cache.site",
            **overrides,
        )
        for alias in caches:
            caches[alias].clear()
        return Client()

    try:
        yield _configure
    finally:
        settings._install(saved)
        caches.reset()


@pytest.fixture(params=["decorator", "middleware", "one-middleware"])
def way(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=["sync", "async"])
def colour(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def url(way: str, colour: str, configure: Callable[..., Client]) -> Callable[[str], str]:
    """The URL of a view kind, cached by the decorator or by the middleware."""
    return lambda kind: f"/{colour}/{kind}/" if way == "decorator" else f"/bare/{colour}/{kind}/"


@pytest.fixture
def client(way: str, configure: Callable[..., Client]) -> Client:
    if way == "middleware":
        return configure(MIDDLEWARE=SITE_MIDDLEWARE, CACHE_MIDDLEWARE_SECONDS=60)
    if way == "one-middleware":
        return configure(
            MIDDLEWARE=["heron.cache.middleware.CacheMiddleware"], CACHE_MIDDLEWARE_SECONDS=60
        )
    return configure()


def test_a_get_200_is_cached_with_expiry_headers(client: Client, url: Any) -> None:
    first = client.get(url("plain"))
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "max-age=60"
    expires = parsedate_to_datetime(first.headers["Expires"]).timestamp()
    assert abs(expires - (time.time() + 60)) < 5
    second = client.get(url("plain"))
    assert second.text == first.text
    assert second.headers["Cache-Control"] == "max-age=60"
    assert client.head(url("plain")).status_code == 200  # HEAD answered from the GET entry
    # Another query string is another page.
    assert client.get(url("plain") + "?page=2").text != first.text


@pytest.mark.parametrize(
    "kind", ["cookie", "private", "no-store", "max-age-zero", "not-found", "vary-star"]
)
def test_never_cached(client: Client, url: Any, kind: str) -> None:
    first = client.get(url(kind))
    assert client.get(url(kind)).text != first.text
    assert "Expires" not in first.headers


def test_post_and_authorized_requests_are_not_cached(client: Client, url: Any) -> None:
    assert client.post(url("plain")).text != client.post(url("plain")).text
    secret = {"Authorization": "Bearer one"}
    assert client.get(url("plain"), headers=secret).text != (
        client.get(url("plain"), headers=secret).text
    )
    cached = client.get(url("plain")).text
    assert client.get(url("plain"), headers=secret).text != cached


def test_head_requests_do_not_fill_the_cache(client: Client, url: Any) -> None:
    client.head(url("plain"))
    first = client.get(url("plain"))
    assert client.get(url("plain")).text == first.text


def test_vary_keeps_variants_apart(client: Client, url: Any) -> None:
    english = client.get(url("vary"), headers={"Accept-Language": "en"})
    french = client.get(url("vary"), headers={"Accept-Language": "fr"})
    assert english.text.startswith("en ")
    assert french.text.startswith("fr ")
    assert client.get(url("vary"), headers={"Accept-Language": "en"}).text == english.text
    assert client.get(url("vary"), headers={"Accept-Language": "fr"}).text == french.text


def test_requests_with_cookies_fill_the_cache_only_when_the_page_varies_on_them(
    client: Client, url: Any
) -> None:
    ada = {"Cookie": "who=ada"}
    assert client.get(url("plain"), headers=ada).text != client.get(url("plain"), headers=ada).text
    anonymous = client.get(url("plain")).text
    assert client.get(url("plain"), headers=ada).text == anonymous  # stored without cookies
    first = client.get(url("vary-cookie"), headers=ada).text
    assert first.startswith("ada ")
    assert client.get(url("vary-cookie"), headers=ada).text == first
    bob = client.get(url("vary-cookie"), headers={"Cookie": "who=bob"}).text
    assert bob.startswith("bob ")


def test_a_page_with_a_csrf_token_is_never_served_to_another_visitor(
    configure: Callable[..., Client],
) -> None:
    configure(
        MIDDLEWARE=[
            "heron.cache.middleware.UpdateCacheMiddleware",
            "heron.middleware.csrf.CsrfViewMiddleware",
            "heron.cache.middleware.FetchFromCacheMiddleware",
        ],
    )
    ada, bob = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for visitor in (ada, ada, bob, bob):
        page = visitor.get("/form/").text
        token = page.removeprefix("token=")
        assert visitor.post("/accept/", {"csrfmiddlewaretoken": token}).status_code == 200


def test_the_responses_max_age_wins(client: Client, url: Any) -> None:
    first = client.get(url("max-age"))
    assert first.headers["Cache-Control"] == "public, max-age=5"
    expires = parsedate_to_datetime(first.headers["Expires"]).timestamp()
    assert abs(expires - (time.time() + 5)) < 5
    assert client.get(url("max-age")).text == first.text


def test_cache_page_options(configure: Callable[..., Client], colour: str) -> None:
    client = configure()
    plain = client.get(f"/{colour}/plain/").text
    prefixed = client.get(f"/{colour}/prefixed/").text
    assert prefixed != plain
    assert client.get(f"/{colour}/prefixed/").text == prefixed
    forever = client.get(f"/{colour}/forever/")
    assert "Expires" not in forever.headers  # timeout None: kept until evicted
    assert client.get(f"/{colour}/forever/").text == forever.text
    assert len(caches["second"].get_many([])) == 0


def test_cache_page_needs_a_timeout_first() -> None:
    from heron.cache import cache_page

    with pytest.raises(TypeError) as info:
        cache_page("default")  # type: ignore[arg-type]
    assert str(info.value) == (
        "cache_page() takes the timeout in seconds first, e.g. @cache_page(60), not 'default'."
    )


def test_a_cache_outage_serves_the_page_uncached(
    configure: Callable[..., Client], colour: str
) -> None:
    client = configure(
        CACHES={
            "default": {"BACKEND": "redis", "LOCATION": "redis://127.0.0.1:9/0"},
            "second": {"BACKEND": "redis", "LOCATION": "redis://127.0.0.1:9/0"},
        }
    )
    first = client.get(f"/{colour}/plain/")
    assert first.status_code == 200
    assert client.get(f"/{colour}/plain/").text != first.text
