"""Fixtures for the CLI tests: a temporary working directory and fully restored global state.

Commands run in-process change global state (settings, the app registry, sys.path,
sys.modules, os.environ); every test puts all of it back so other rooms' tests are unaffected.
"""

from __future__ import annotations

import importlib
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from heron.apps import apps
from heron.cli.main import cli
from heron.conf import settings


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    saved_settings = settings._wrapped
    saved_apps = (apps.app_configs, apps.ready)
    saved_path = list(sys.path)
    saved_modules = set(sys.modules)
    saved_environ = dict(os.environ)
    for name in ("HERON_SETTINGS_MODULE", "HERON_DEBUG", "HERON_SECRET_KEY"):
        os.environ.pop(name, None)
    settings._install(None)
    apps.reset()
    monkeypatch.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.environ.clear()
        os.environ.update(saved_environ)
        sys.path[:] = saved_path
        for name in set(sys.modules) - saved_modules:
            module = sys.modules[name]
            where = getattr(module, "__file__", None) or str(getattr(module, "__path__", ""))
            if str(tmp_path) in where:
                del sys.modules[name]
        importlib.invalidate_caches()
        settings._install(saved_settings)
        apps.app_configs, apps.ready = saved_apps


class Heron:
    """Run ``heron`` in-process: ``heron("check", "--deploy")``."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None) -> Result:
        # Each invocation is a fresh process as far as Heron is concerned.
        settings._install(None)
        apps.reset()
        return self.runner.invoke(cli, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def heron() -> Heron:
    return Heron()


@pytest.fixture
def project(heron: Heron, isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A freshly generated project called ``mysite``, as the working directory."""
    result = heron("new", "mysite")
    assert result.exit_code == 0, result.output
    root = isolated / "mysite"
    monkeypatch.chdir(root)
    return root


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


ACCOUNT_APPS = (
    '    "heron.contrib.admin",\n',
    '    "heron.contrib.sessions",\n',
    '    "heron.contrib.auth",\n',
    '    "accounts",\n',
)
ACCOUNT_MIDDLEWARE = (
    '    "heron.contrib.sessions.middleware.SessionMiddleware",\n',
    '    "heron.contrib.auth.middleware.AuthenticationMiddleware",\n',
)


def without_accounts(project: Path) -> Path:
    """Take the admin, sessions, auth and the accounts app out of a generated project, for
    tests about one app's migrations that want no other migrated app in the plan."""
    settings_file = project / project.name / "settings.py"
    text = settings_file.read_text()
    for line in (*ACCOUNT_APPS, *ACCOUNT_MIDDLEWARE):
        text = text.replace(line, "")
    settings_file.write_text(text.replace('AUTH_USER_MODEL = "accounts.User"\n', ""))
    urls_file = project / project.name / "urls.py"
    urls = urls_file.read_text()
    for line in (
        '    path("accounts/", include("heron.contrib.auth.urls")),\n',
        '    path("admin/", admin.site.urls),\n',
        "from heron.contrib import admin\n",
    ):
        urls = urls.replace(line, "")
    urls_file.write_text(urls)
    importlib.invalidate_caches()
    return project


def install_app(project: Path, name: str, *, include_urls: bool = False) -> None:
    """Add ``name`` to the generated project's INSTALLED_APPS (and its URLs, if asked)."""
    settings_file = project / project.name / "settings.py"
    text = settings_file.read_text()
    settings_file.write_text(
        text.replace(
            "INSTALLED_APPS: list[str] = [", f'INSTALLED_APPS: list[str] = [\n    "{name}",'
        )
    )
    if include_urls:
        urls_file = project / project.name / "urls.py"
        text = urls_file.read_text().replace(
            "from heron.urls import path", "from heron.urls import include, path"
        )
        urls_file.write_text(
            text.replace(
                "urlpatterns = [", f'urlpatterns = [\n    path("{name}/", include("{name}.urls")),'
            )
        )
    importlib.invalidate_caches()
