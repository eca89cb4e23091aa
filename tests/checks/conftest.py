"""Fixtures for the system-check tests: throwaway modules and settings, always restored."""

from __future__ import annotations

import importlib
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from heron.apps import apps
from heron.conf import settings


@pytest.fixture
def write_module(tmp_path: Path) -> Iterator[Callable[[str, str], None]]:
    """Write ``name.py`` (dotted names become packages) into a directory on sys.path."""
    sys.path.insert(0, str(tmp_path))
    before = set(sys.modules)

    def write(name: str, source: str) -> None:
        *packages, module = name.split(".")
        folder = tmp_path
        for package in packages:
            folder = folder / package
            folder.mkdir(exist_ok=True)
            (folder / "__init__.py").touch()
        (folder / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
        importlib.invalidate_caches()

    try:
        yield write
    finally:
        sys.path.remove(str(tmp_path))
        for name in set(sys.modules) - before:
            if str(tmp_path) in str(getattr(sys.modules[name], "__file__", "") or ""):
                del sys.modules[name]


@pytest.fixture
def configure() -> Iterator[Callable[..., None]]:
    """Install settings built from keyword arguments; restore the previous ones afterwards."""
    saved = settings._wrapped
    saved_apps = (apps.app_configs, apps.ready)

    def install(**overrides: Any) -> None:
        overrides.setdefault("SECRET_KEY", "test-secret")
        settings.configure(**overrides)

    try:
        yield install
    finally:
        settings._install(saved)
        apps.app_configs, apps.ready = saved_apps
