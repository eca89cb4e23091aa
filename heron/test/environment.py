"""The settings every test runs with: email kept in memory.

``setup_test_environment()`` overrides ``TEST_SETTINGS`` on the settings in force, once per
settings object: the pytest plugin calls it after ``heron.setup()`` at start-up and before
every test (in case a test installed new settings), and ``SimpleTestCase.setUpClass`` does
too. Overrides a test makes itself (``settings.EMAIL_BACKEND = ...`` with the ``settings``
fixture, ``@override_settings(...)`` on a test or a class) are applied on top, so they win.
The outbox is emptied before every test by the plugin and by ``SimpleTestCase``.
"""

from __future__ import annotations

import weakref
from typing import Any

from heron.conf import Settings, override_settings, settings
from heron.mail import outbox

__all__ = ["TEST_SETTINGS", "setup_test_environment"]

TEST_SETTINGS: dict[str, Any] = {
    "EMAIL_BACKEND": "heron.mail.backends.locmem.EmailBackend",
}

_prepared: weakref.WeakSet[Settings] = weakref.WeakSet()


def setup_test_environment() -> None:
    """Apply ``TEST_SETTINGS`` to the configured settings (once) and empty ``mail.outbox``."""
    outbox.clear()
    current: Settings | None = settings._wrapped
    if current is None or current in _prepared:
        return
    override_settings(**TEST_SETTINGS).enable()  # for the life of these settings
    _prepared.add(current)
