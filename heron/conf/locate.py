"""Find the project's settings module.

In order: an explicit name (``--settings``), the ``HERON_SETTINGS_MODULE`` environment
variable, then ``[tool.heron] settings`` in the nearest ``pyproject.toml`` from the current
directory upwards (whose directory is put on ``sys.path`` so the project imports).
"""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path

from .exceptions import ImproperlyConfigured

__all__ = ["find_project_root", "locate_settings_module"]


def find_project_root(start: Path | None = None) -> Path | None:
    """Return the nearest directory at or above ``start`` with a Heron ``pyproject.toml``."""
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        candidate = directory / "pyproject.toml"
        if candidate.is_file() and _heron_table(candidate) is not None:
            return directory
    return None


def _heron_table(pyproject: Path) -> dict[str, object] | None:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ImproperlyConfigured(f"{pyproject} could not be read: {exc}") from None
    table = data.get("tool", {}).get("heron")
    return table if isinstance(table, dict) else None


def locate_settings_module(explicit: str | None = None, start: Path | None = None) -> str | None:
    """Return the dotted name of the settings module, or ``None`` if none is configured."""
    if explicit:
        return explicit
    from_env = os.environ.get("HERON_SETTINGS_MODULE")
    if from_env:
        return from_env
    root = find_project_root(start)
    if root is None:
        return None
    table = _heron_table(root / "pyproject.toml") or {}
    name = table.get("settings")
    if not isinstance(name, str) or not name:
        raise ImproperlyConfigured(
            f"{root / 'pyproject.toml'} has a [tool.heron] table without a 'settings' key: "
            'add settings = "mysite.settings".'
        )
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    return name
