"""The app registry: ``INSTALLED_APPS`` imported once, each described by an ``AppConfig``."""

from .config import AppConfig as AppConfig
from .exceptions import AppRegistryNotReady as AppRegistryNotReady
from .registry import Apps as Apps
from .registry import apps as apps

__all__ = ["AppConfig", "AppRegistryNotReady", "Apps", "apps"]
