"""Errors of the app registry."""

from __future__ import annotations

from heron.core.exceptions import ImproperlyConfigured


class AppRegistryNotReady(ImproperlyConfigured):
    """The app registry was used before ``heron.setup()`` populated it."""
