"""The registry of installed apps, filled once by ``heron.setup()``."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

from heron.core import extensions
from heron.core.exceptions import ImproperlyConfigured

from .config import AppConfig
from .exceptions import AppRegistryNotReady

__all__ = ["Apps", "apps"]


class Apps:
    """Hold the ``AppConfig`` of each installed app, in ``INSTALLED_APPS`` order."""

    def __init__(self) -> None:
        self.app_configs: dict[str, AppConfig] = {}
        self.ready = False
        self._lock = threading.RLock()

    def populate(self, installed_apps: Iterable[str | type[AppConfig]]) -> None:
        """Import every app and call its ``ready()``; a second call is a no-op."""
        with self._lock:
            if self.ready:
                return
            configs: dict[str, AppConfig] = {}
            for entry in installed_apps:
                if isinstance(entry, type) and issubclass(entry, AppConfig):
                    config = entry()
                elif isinstance(entry, str):
                    config = AppConfig.create(entry)
                else:
                    raise ImproperlyConfigured(
                        f"INSTALLED_APPS entries are dotted paths or AppConfig subclasses, "
                        f"not {entry!r}."
                    )
                if config.label in configs:
                    raise ImproperlyConfigured(
                        f"Two installed apps have the label {config.label!r} "
                        f"({configs[config.label].name} and {config.name}); give one of "
                        "them a distinct 'label' in its AppConfig."
                    )
                configs[config.label] = config
            self.app_configs = configs
            for config in configs.values():
                config.models_module = config.import_submodule("models")
            self.ready = True
            # What apps plug into the core rooms is registered anew by these apps' ready().
            extensions.clear()
            for config in configs.values():
                config.ready()

    def reset(self) -> None:
        """Forget every app (used when tests rebuild the application)."""
        with self._lock:
            self.app_configs = {}
            self.ready = False

    def check_ready(self) -> None:
        if not self.ready:
            raise AppRegistryNotReady(
                "Apps are not loaded yet. Call heron.setup() before using the app registry."
            )

    def get_app_configs(self) -> Iterator[AppConfig]:
        self.check_ready()
        return iter(self.app_configs.values())

    def get_app_config(self, label: str) -> AppConfig:
        self.check_ready()
        try:
            return self.app_configs[label]
        except KeyError:
            known = ", ".join(self.app_configs) or "(none)"
            raise LookupError(
                f"No installed app with label {label!r}. Installed: {known}."
            ) from None

    def is_installed(self, name: str) -> bool:
        self.check_ready()
        return any(config.name == name for config in self.app_configs.values())


apps = Apps()
