"""Settings: framework defaults, the project's module, the environment, test overrides."""

from .env import Env as Env
from .env import env as env
from .exceptions import ImproperlyConfigured as ImproperlyConfigured
from .exceptions import SettingsNotConfigured as SettingsNotConfigured
from .override import override_settings as override_settings
from .settings import LazySettings as LazySettings
from .settings import Settings as Settings
from .settings import settings as settings

__all__ = [
    "Env",
    "ImproperlyConfigured",
    "LazySettings",
    "Settings",
    "SettingsNotConfigured",
    "env",
    "override_settings",
    "settings",
]
