"""SecurityMiddleware: security headers, X-Frame-Options choices, the HTTPS redirect."""

from __future__ import annotations

from typing import Any

import pytest

from heron.asgi import Application
from heron.test import Client, override_settings


def test_default_security_headers(client: Client) -> None:
    response = client.get("/hello/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in response.headers
    with override_settings(SECURE_HSTS_SECONDS=3600):
        secure = client.get("/hello/", secure=True)
    assert secure.headers["Strict-Transport-Security"] == "max-age=3600"


def test_frame_options_exempt_and_view_choice(call: Any) -> None:
    assert "X-Frame-Options" not in call("get", "/frameable/").headers
    assert "X-Frame-Options" not in call("get", "/aframeable/").headers
    assert call("get", "/own-frame/").headers["X-Frame-Options"] == "SAMEORIGIN"
    assert call("get", "/frameable/").headers["X-Content-Type-Options"] == "nosniff"
    with override_settings(X_FRAME_OPTIONS="SAMEORIGIN"):
        assert call("get", "/hello/").headers["X-Frame-Options"] == "SAMEORIGIN"


def test_bad_frame_options_setting_is_clear() -> None:
    from heron.conf import ImproperlyConfigured

    with (
        override_settings(X_FRAME_OPTIONS="ALLOW"),
        pytest.raises(ImproperlyConfigured) as info,
    ):
        Application()
    assert str(info.value) == (
        "X_FRAME_OPTIONS is 'ALLOW'; use 'DENY' or 'SAMEORIGIN' (or None to send no "
        "X-Frame-Options header)."
    )


def test_ssl_redirect(client: Client) -> None:
    with override_settings(SECURE_SSL_REDIRECT=True):
        response = client.get("/hello/?a=1")
    assert response.status_code == 301
    assert response.headers["Location"] == "https://testserver/hello/?a=1"
