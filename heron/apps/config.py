"""``AppConfig``: what Heron knows about one installed app."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

from heron._internal.imports import import_string, module_has_submodule
from heron.conf.exceptions import ImproperlyConfigured

__all__ = ["AppConfig"]


class AppConfig:
    """Describe an installed app; subclass it to set ``label`` or run code in ``ready()``.

    ``INSTALLED_APPS`` may list a package (``"polls"``), or a dotted path to an ``AppConfig``
    subclass (``"polls.apps.PollsConfig"``). A package whose ``apps`` module defines exactly
    one ``AppConfig`` subclass uses it automatically.
    """

    name: str = ""
    label: str = ""
    verbose_name: str = ""

    def __init__(self, name: str | None = None, module: ModuleType | None = None) -> None:
        if name is not None:
            self.name = name
        if not self.name:
            raise ImproperlyConfigured(
                f"{type(self).__qualname__} must set the 'name' attribute to the app's "
                "dotted package path, e.g. name = 'polls'."
            )
        self.module: ModuleType = module if module is not None else _import_app(self.name)
        if not self.label:
            self.label = self.name.rpartition(".")[2]
        if not self.label.isidentifier():
            raise ImproperlyConfigured(
                f"The app label {self.label!r} of {self.name!r} is not a valid Python "
                "identifier; set 'label' on its AppConfig."
            )
        if not self.verbose_name:
            self.verbose_name = self.label.replace("_", " ").title()
        self.path: Path = _module_dir(self.module, self.name)
        self.models_module: ModuleType | None = None

    def ready(self) -> None:
        """Run start-up code once every app is imported (connect signals, register checks)."""

    def import_submodule(self, name: str) -> ModuleType | None:
        """Import ``<app>.<name>`` if the app has such a module, else return None."""
        if module_has_submodule(self.module, name):
            return importlib.import_module(f"{self.name}.{name}")
        return None

    @classmethod
    def create(cls, entry: str) -> AppConfig:
        """Build the config for one ``INSTALLED_APPS`` entry."""
        try:
            module = importlib.import_module(entry)
        except ModuleNotFoundError as exc:
            if exc.name is not None and entry.startswith(exc.name) and "." in entry:
                # Maybe a dotted path to an AppConfig class.
                try:
                    target = import_string(entry, setting="INSTALLED_APPS")
                except ImportError:
                    target = None
                if isinstance(target, type) and issubclass(target, AppConfig):
                    return target()
            if exc.name is not None and entry.startswith(exc.name):
                raise ImproperlyConfigured(
                    f"INSTALLED_APPS lists {entry!r}, which could not be imported: {exc}. "
                    "Check the spelling, that the package has an __init__.py, and that the "
                    "project directory is on sys.path."
                ) from exc
            raise
        # A package: use the single AppConfig subclass in its apps module, if there is one.
        if module_has_submodule(module, "apps"):
            apps_module = importlib.import_module(f"{entry}.apps")
            candidates = [
                value
                for value in vars(apps_module).values()
                if isinstance(value, type)
                and issubclass(value, AppConfig)
                and value is not AppConfig
                and value.__module__ == apps_module.__name__
                and getattr(value, "default", True)
            ]
            if len(candidates) == 1:
                return candidates[0](entry, module)
        return cls(entry, module)

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {self.label}>"

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


def _import_app(name: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        raise ImproperlyConfigured(
            f"INSTALLED_APPS lists {name!r}, which could not be imported: {exc}."
        ) from exc


def _module_dir(module: ModuleType, name: str) -> Path:
    paths = list(getattr(module, "__path__", []))
    if len(paths) == 1:
        return Path(paths[0])
    file = getattr(module, "__file__", None)
    if file:
        return Path(file).parent
    raise ImproperlyConfigured(
        f"The app {name!r} has no single filesystem location; give its AppConfig a 'path'."
    )
