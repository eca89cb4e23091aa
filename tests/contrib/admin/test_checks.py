"""``heron check`` for the admin: the apps and middleware it needs."""

from __future__ import annotations

from typing import Any

from heron.apps import apps
from heron.checks import run_checks


def ids() -> list[str]:
    return [m.id for m in run_checks(tags=["admin"]) if m.id and m.id.startswith("admin.")]


def test_the_test_site_passes(site: str) -> None:
    assert ids() == []


def test_missing_middleware(site: str, settings: Any) -> None:
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "AuthenticationMiddleware" not in m]
    [message] = [m for m in run_checks(tags=["admin"]) if m.id == "admin.E002"]
    assert message.msg.startswith("heron.contrib.admin needs AuthenticationMiddleware")


def test_missing_app(site: str, monkeypatch: Any) -> None:
    installed = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name != "heron.contrib.staticfiles" and installed(name)
    )
    [message] = [m for m in run_checks(tags=["admin"]) if m.id == "admin.E001"]
    assert message.msg == "heron.contrib.admin needs 'heron.contrib.staticfiles' in INSTALLED_APPS."
