"""Errors raised while reading or checking configuration (they live in ``heron.core``).

ImproperlyConfigured      a setting is missing, malformed or inconsistent
SettingsNotConfigured     the framework was used before ``heron.setup()``
"""

from __future__ import annotations

from heron.core.exceptions import ImproperlyConfigured as ImproperlyConfigured
from heron.core.exceptions import SettingsNotConfigured as SettingsNotConfigured

__all__ = ["ImproperlyConfigured", "SettingsNotConfigured"]
