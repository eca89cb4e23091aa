"""Contrib test sites on each backend: SQLite always, PostgreSQL/MariaDB when their URL is
set (required under CI=true). Shared by the admin and auth suites' conftests."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from heron.apps import apps
from heron.conf import env, settings
from heron.test import databases

__all__ = ["BACKENDS", "installed_site", "backend_urls"]

BACKENDS = ["sqlite"] + [
    vendor
    for vendor, var in (
        ("postgresql", "HERON_TEST_POSTGRES_URL"),
        ("mysql", "HERON_TEST_MYSQL_URL"),
    )
    if os.environ.get(var) or os.environ.get("CI") == "true"
]


def backend_urls(sqlite_file: str) -> dict[str, str]:
    """The database URL of each backend; SQLite in ``sqlite_file``."""
    return {
        "sqlite": f"sqlite:///{sqlite_file}",
        "postgresql": os.environ.get("HERON_TEST_POSTGRES_URL", ""),
        "mysql": os.environ.get("HERON_TEST_MYSQL_URL", ""),
    }


@contextmanager
def installed_site(vendor: str, url: str, site: dict[str, Any]) -> Iterator[str]:
    """Install ``site``'s settings and apps on ``url`` with fresh test databases; yield the
    vendor, then drop the databases and restore whatever was installed before."""
    if not url:
        pytest.fail(f"CI=true but no URL is set for {vendor}")
    saved = settings._wrapped
    saved_apps = (apps.app_configs, apps.ready)
    apps.reset()
    configured = settings.configure(**site, DATABASES={"default": env.db("URL", default=url)})
    apps.populate(configured.INSTALLED_APPS)
    databases.setup_test_databases()
    try:
        yield vendor
    finally:
        databases.teardown_test_databases()
        settings._install(saved)
        apps.app_configs, apps.ready = saved_apps
