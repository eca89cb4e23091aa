"""SecurityMiddleware: security headers, X-Frame-Options choices, the HTTPS redirect,
Cross-Origin-Resource-Policy and Permissions-Policy."""

from __future__ import annotations

import re
from typing import Any

import pytest

from heron.asgi import Application
from heron.conf import ImproperlyConfigured
from heron.middleware.security import permissions_policy
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


def test_corp_default_and_setting(secure_site: Any) -> None:
    assert Client().get("/plain/").headers["cross-origin-resource-policy"] == "same-origin"
    secure_site(SECURE_CROSS_ORIGIN_RESOURCE_POLICY="cross-origin")
    assert Client().get("/plain/").headers["cross-origin-resource-policy"] == "cross-origin"
    secure_site(SECURE_CROSS_ORIGIN_RESOURCE_POLICY=None)
    assert "cross-origin-resource-policy" not in Client().get("/plain/").headers


def test_corp_bad_value(secure_site: Any) -> None:
    secure_site(SECURE_CROSS_ORIGIN_RESOURCE_POLICY="same-host")
    with pytest.raises(ImproperlyConfigured, match="SECURE_CROSS_ORIGIN_RESOURCE_POLICY is"):
        Client().get("/plain/")


def test_permissions_policy_header(secure_site: Any) -> None:
    assert "permissions-policy" not in Client().get("/plain/").headers
    secure_site(
        SECURE_PERMISSIONS_POLICY={
            "camera": [],
            "geolocation": ["self", "https://maps.example"],
            "fullscreen": "*",
        }
    )
    assert Client().get("/plain/").headers["permissions-policy"] == (
        'camera=(), geolocation=(self "https://maps.example"), fullscreen=*'
    )


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        (["camera"], "SECURE_PERMISSIONS_POLICY must be a dict"),
        ({"Camera": []}, "SECURE_PERMISSIONS_POLICY has the feature 'Camera'"),
        ({"camera": None}, "SECURE_PERMISSIONS_POLICY['camera'] is None; give a list"),
        ({"camera": ["example.com"]}, "SECURE_PERMISSIONS_POLICY['camera'] has 'example.com'"),
    ],
)
def test_permissions_policy_errors(policy: Any, message: str) -> None:
    with pytest.raises(ImproperlyConfigured, match=re.escape(message)):
        permissions_policy(policy)
