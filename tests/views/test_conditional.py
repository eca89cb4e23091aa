"""condition / etag / last_modified and the method decorators, through the test client."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from heron.test import Client
from heron.views.conditional import http_date, parse_http_date, quote_etag

from . import conditional_site

MODIFIED = "Fri, 02 Jan 2026 03:04:05 GMT"
EARLIER = "Fri, 02 Jan 2026 03:04:04 GMT"


@pytest.fixture
def client(configure: Callable[..., Any]) -> Iterator[Client]:
    configure(ROOT_URLCONF="tests.views.conditional_site")
    saved = dict(conditional_site.STATE)
    yield Client()
    conditional_site.STATE.update(saved)


def test_validators_are_sent(client: Client) -> None:
    response = client.get("/doc/a/")
    assert response.status_code == 200
    assert response.headers["ETag"] == '"v1"'
    assert response.headers["Last-Modified"] == MODIFIED


@pytest.mark.parametrize(
    "headers",
    [
        {"If-None-Match": '"v1"'},
        {"If-None-Match": '"v0", W/"v1"'},
        {"If-None-Match": "*"},
        {"If-Modified-Since": MODIFIED},
        {"If-Modified-Since": "Sat, 03 Jan 2026 00:00:00 GMT"},
    ],
)
def test_not_modified(client: Client, headers: dict[str, str]) -> None:
    response = client.get("/doc/a/", headers=headers)
    assert response.status_code == 304
    assert response.content == b""
    assert response.headers["ETag"] == '"v1"'
    assert response.headers["Last-Modified"] == MODIFIED
    assert client.head("/doc/a/", headers=headers).status_code == 304


@pytest.mark.parametrize(
    "headers",
    [
        {"If-None-Match": '"v0"'},
        {"If-Modified-Since": EARLIER},
        {"If-Modified-Since": "not a date"},
        # If-None-Match wins over If-Modified-Since.
        {"If-None-Match": '"v0"', "If-Modified-Since": MODIFIED},
        {"If-None-Match": "garbage"},
    ],
)
def test_modified(client: Client, headers: dict[str, str]) -> None:
    response = client.get("/doc/a/", headers=headers)
    assert response.status_code == 200
    assert response.text == "doc a"


def test_precondition_failed_on_stale_write(client: Client) -> None:
    stale = client.put(
        "/doc/a/", data=b"v2", content_type="text/plain", headers={"If-Match": '"v0"'}
    )
    assert stale.status_code == 412
    assert conditional_site.STATE["version"] == "v1"
    old = client.put(
        "/doc/a/", data=b"v2", content_type="text/plain", headers={"If-Unmodified-Since": EARLIER}
    )
    assert old.status_code == 412
    # Creating where something exists: If-None-Match: * on a write answers 412, not 304.
    exists = client.put(
        "/doc/a/", data=b"v2", content_type="text/plain", headers={"If-None-Match": "*"}
    )
    assert exists.status_code == 412
    fresh = client.put(
        "/doc/a/", data=b"v2", content_type="text/plain", headers={"If-Match": '"v1"'}
    )
    assert (fresh.status_code, fresh.text) == (200, "saved")
    assert conditional_site.STATE["version"] == "v2"
    assert "ETag" not in fresh.headers  # validators describe GET responses only


def test_if_match_needs_an_existing_resource(client: Client) -> None:
    assert client.delete("/doc/missing/", headers={"If-Match": "*"}).status_code == 412
    assert client.delete("/doc/a/", headers={"If-Match": "*"}).status_code == 200
    assert client.get("/doc/missing/").headers.get("ETag") is None


def test_weak_etags_never_match_if_match(client: Client) -> None:
    assert client.get("/weak/", headers={"If-None-Match": '"weak"'}).status_code == 304
    assert client.get("/weak/", headers={"If-Match": 'W/"weak"'}).status_code == 412
    assert client.get("/weak/").headers["ETag"] == 'W/"weak"'


def test_async_view_with_async_etag_function(client: Client) -> None:
    assert client.get("/adoc/x/").headers["ETag"] == '"v1"'
    assert client.get("/adoc/x/", headers={"If-None-Match": '"v1"'}).status_code == 304


def test_last_modified_only(client: Client) -> None:
    response = client.get("/dated/")
    assert (response.headers["Last-Modified"], "ETag" in response.headers) == (MODIFIED, False)
    assert client.get("/dated/", headers={"If-Modified-Since": MODIFIED}).status_code == 304
    assert client.post("/dated/", headers={"If-Modified-Since": MODIFIED}).status_code == 200


@pytest.mark.parametrize(
    ("method", "path", "status", "allow"),
    [
        ("get", "/get/", 200, None),
        ("post", "/get/", 405, "GET"),
        ("post", "/post/", 200, None),
        ("get", "/post/", 405, "POST"),
        ("head", "/safe/", 200, None),
        ("delete", "/safe/", 405, "GET, HEAD"),
        ("patch", "/doc/a/", 405, "GET, HEAD, PUT, DELETE"),
    ],
)
def test_method_decorators(
    client: Client, method: str, path: str, status: int, allow: str | None
) -> None:
    response = getattr(client, method)(path)
    assert response.status_code == status
    assert response.headers.get("Allow") == allow


def test_helpers() -> None:
    moment = parse_http_date(MODIFIED)
    assert moment is not None and http_date(moment) == MODIFIED
    assert parse_http_date("yesterday") is None
    assert quote_etag("x") == '"x"'
    assert quote_etag('"x"') == '"x"'
    assert quote_etag('W/"x"') == 'W/"x"'
