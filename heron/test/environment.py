"""The settings every test runs with: email kept in memory, fast password hashing.

``setup_test_environment()`` overrides ``settings_for_tests()`` on the settings in force, once per
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

__all__ = ["FAST_HASHER", "setup_test_environment", "settings_for_tests"]

# One PBKDF2 iteration instead of a 19 MiB argon2id run per password (see docs/passwords.md).
FAST_HASHER = "heron.contrib.auth.hashers.UnsafeTestPasswordHasher"

_prepared: weakref.WeakSet[Settings] = weakref.WeakSet()


def setup_test_environment() -> None:
    """Apply ``settings_for_tests()`` to the settings in force (once); empty ``mail.outbox``."""
    outbox.clear()
    current: Settings | None = settings._wrapped
    if current is None or current in _prepared:
        return
    override_settings(**settings_for_tests(current)).enable()  # for the life of these settings
    _prepared.add(current)


def settings_for_tests(current: Settings) -> dict[str, Any]:
    """Return the overrides for tests: the in-memory email backend, the fast hasher first.

    The project's hashers stay in the list, so hashes made with them (in fixtures, say)
    still verify.
    """
    hashers = [FAST_HASHER, *(h for h in current.PASSWORD_HASHERS if h != FAST_HASHER)]
    return {
        "EMAIL_BACKEND": "heron.mail.backends.locmem.EmailBackend",
        "PASSWORD_HASHERS": hashers,
    }
