"""Heron: a batteries-included, ASGI-native web framework.

``import heron`` is cheap on purpose; ``heron.setup()`` does the work of loading settings and
apps, and the rooms (``heron.http``, ``heron.urls``, ...) are imported when used.

PYTEST_DONT_REWRITE: this module has no asserts, and ``heron test`` imports it before pytest
starts (pytest marks every package that ships a plugin for assertion rewriting, and would warn
that this one was imported too early). Heron's submodules, ``heron.test`` among them, are
still rewritten when pytest imports them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
VERSION = (0, 1, 0)

if TYPE_CHECKING:
    from heron.apps.bootstrap import setup as setup

__all__ = ["VERSION", "__version__", "setup"]


def __getattr__(name: str) -> Any:
    # Re-exported lazily so that `import heron` does not import settings machinery.
    if name == "setup":
        # lazy: `import heron` must not load settings or the app registry
        from heron.apps.bootstrap import setup

        return setup
    raise AttributeError(f"module 'heron' has no attribute {name!r}")
