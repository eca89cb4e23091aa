"""Errors raised while reading or checking configuration.

ImproperlyConfigured      a setting is missing, malformed or inconsistent
SettingsNotConfigured     the framework was used before ``heron.setup()``
"""

from __future__ import annotations


class ImproperlyConfigured(Exception):
    """A setting is wrong; the message names the setting and how to fix it."""


class SettingsNotConfigured(ImproperlyConfigured):
    """Settings were read before ``heron.setup()`` (or ``settings.configure()``) ran."""
