"""Load the current project for a command: find it, put it on ``sys.path``, run setup."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from heron.apps.bootstrap import setup
from heron.conf import ImproperlyConfigured, Settings
from heron.conf.locate import find_project_root, locate_settings_module

__all__ = ["has_settings_module", "load_project", "project_root"]


def project_root() -> Path | None:
    """Return the directory of the nearest Heron ``pyproject.toml``, if any."""
    try:
        return find_project_root()
    except ImproperlyConfigured as exc:
        raise click.ClickException(str(exc)) from None


def _ensure_importable() -> None:
    # The console script's sys.path starts at its own bin/ directory, not the project.
    root = project_root()
    directory = str(root if root is not None else Path.cwd())
    if directory not in sys.path:
        sys.path.insert(0, directory)


def has_settings_module() -> bool:
    """Return True if a settings module is configured (flag, environment or pyproject)."""
    try:
        return locate_settings_module() is not None
    except ImproperlyConfigured:
        return True  # a broken configuration is still one; setup() will report it


def load_project() -> Settings:
    """Run ``heron.setup()``, turning configuration errors into a clean CLI error."""
    _ensure_importable()
    try:
        configured = setup()
    except ImproperlyConfigured as exc:
        raise click.ClickException(str(exc)) from None
    if configured.SETTINGS_MODULE:
        # Reloader and worker processes find the same settings through the environment.
        os.environ["HERON_SETTINGS_MODULE"] = configured.SETTINGS_MODULE
    return configured
