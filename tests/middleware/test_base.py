"""The middleware chain: the three middleware styles, their order, hooks and setting errors."""

from __future__ import annotations

import pytest

from heron.asgi import Application
from heron.test import Client, override_settings


def test_middleware_styles_and_order(client: Client) -> None:
    with override_settings(
        MIDDLEWARE=[
            "tests.middleware.samples.AsyncTag",
            "tests.middleware.samples.SyncTag",
            "tests.middleware.samples.HookTag",
        ]
    ):
        response = client.get("/hello/")
    # Responses pass back through the chain innermost first.
    assert response.headers["X-Order"] == "hook, sync, async"
    assert response.headers["X-Sync-Thread"].startswith("heron-sync")


def test_hook_middleware_can_answer_early_and_handle_exceptions(client: Client) -> None:
    with override_settings(MIDDLEWARE=["tests.middleware.samples.Gate"]):
        assert client.get("/hello/", headers={"X-Block": "1"}).status_code == 418
        handled = client.get("/crash/")
        assert handled.status_code == 503
        assert handled.text == "handled ValueError"
        assert client.get("/hello/").headers["X-Viewed"] == "hello"


def test_broken_middleware_setting_is_clear() -> None:
    from heron.conf import ImproperlyConfigured

    with (
        override_settings(MIDDLEWARE=["tests.middleware.samples.Nope"]),
        pytest.raises(ImproperlyConfigured) as info,
    ):
        Application()
    assert str(info.value).startswith(
        "MIDDLEWARE entry 'tests.middleware.samples.Nope' could not be imported"
    )
