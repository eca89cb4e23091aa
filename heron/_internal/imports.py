"""Import objects by dotted path, with errors that say what to fix."""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["import_string", "module_has_submodule"]


def import_string(dotted_path: str, *, setting: str | None = None) -> Any:
    """Import ``package.module.Name`` and return ``Name``.

    Raises ``ImportError`` whose message names ``setting`` when given, so a typo in
    ``MIDDLEWARE`` or ``INSTALLED_APPS`` points straight at the entry.
    """
    where = f" (in {setting})" if setting else ""
    try:
        module_path, attr = dotted_path.rsplit(".", 1)
    except ValueError:
        raise ImportError(
            f"{dotted_path!r}{where} is not a dotted path like 'pkg.mod.Name'."
        ) from None
    module = importlib.import_module(module_path)
    try:
        return getattr(module, attr)
    except AttributeError:
        raise ImportError(f"Module {module_path!r} has no attribute {attr!r}{where}.") from None


def module_has_submodule(package: Any, name: str) -> bool:
    """Return True if the module ``package`` has a submodule ``name`` (without importing it)."""
    import importlib.util

    path = getattr(package, "__path__", None)
    if path is None:
        return False
    full = f"{package.__name__}.{name}"
    try:
        return importlib.util.find_spec(full) is not None
    except ModuleNotFoundError:
        return False
