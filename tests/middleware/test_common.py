"""CommonMiddleware and host validation: ALLOWED_HOSTS, APPEND_SLASH."""

from __future__ import annotations

from typing import Any

from heron.test import Client, override_settings


def test_disallowed_host_is_400(client: Client) -> None:
    response = client.get("/hello/", headers={"Host": "evil.com"})
    assert response.status_code == 400


def test_append_slash_redirects(call: Any) -> None:
    response = call("get", "/hello", data={"x": "1"})
    assert response.status_code == 301
    assert response.headers["Location"] == "/hello/?x=1"
    with override_settings(APPEND_SLASH=False):
        assert call("get", "/hello").status_code == 404


def test_append_slash_post_in_debug_explains(client: Client) -> None:
    with override_settings(DEBUG=True):
        response = client.post("/echo", {"a": "1"}, headers={"Accept": "text/plain"})
    assert response.status_code == 500
    assert "Heron cannot redirect a POST without losing its data" in response.text
