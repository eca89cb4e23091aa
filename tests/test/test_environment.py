"""Every test gets the in-memory email backend (emptied outbox) and the fast hasher."""

from __future__ import annotations

import unittest

import pytest

from heron import mail
from heron.conf import override_settings, settings
from heron.contrib.auth.hashers import get_hasher, make_password
from heron.test import SimpleTestCase
from heron.test.environment import setup_test_environment


class EnvironmentTests(SimpleTestCase):  # run by the test below
    __test__ = False

    def test_1_email_goes_to_the_outbox(self) -> None:
        mail.send_mail("One", "b", None, ["a@example.com"])
        assert [m.subject for m in mail.outbox] == ["One"]

    def test_2_outbox_is_emptied_between_tests(self) -> None:
        assert mail.outbox == []

    def test_3_fast_hasher(self) -> None:
        assert make_password("pw").startswith("unsafe_test_pbkdf2_sha256$i=1$")


@override_settings(
    EMAIL_BACKEND="heron.mail.backends.dummy.EmailBackend",
    PASSWORD_HASHERS=["heron.contrib.auth.hashers.PBKDF2PasswordHasher"],
)
class OverridingTests(SimpleTestCase):  # run by the test below
    __test__ = False

    def test_own_settings_win(self) -> None:
        assert mail.send_mail("Dropped", "b", None, ["a@example.com"]) == 1
        assert mail.outbox == []
        assert get_hasher().algorithm == "pbkdf2_sha256"


@pytest.mark.usefixtures("configured")
def test_test_cases_get_the_test_environment() -> None:
    setup_test_environment()  # what the plugin does at start-up, after heron.setup()
    mail.outbox.append(mail.EmailMessage("left over"))
    result = unittest.TestResult()
    for case in (EnvironmentTests, OverridingTests):
        unittest.defaultTestLoader.loadTestsFromTestCase(case).run(result)
    assert (result.testsRun, result.failures, result.errors) == (4, [], [])
    assert settings.EMAIL_BACKEND == "heron.mail.backends.locmem.EmailBackend"


def test_pytest_functions_get_it_and_the_settings_fixture_wins(
    configured: None, settings: object, mailoutbox: list[mail.EmailMessage]
) -> None:
    setup_test_environment()
    assert mailoutbox == []
    assert get_hasher().algorithm == "unsafe_test_pbkdf2_sha256"
    settings.PASSWORD_HASHERS = ["heron.contrib.auth.hashers.ScryptPasswordHasher"]  # type: ignore[attr-defined]
    assert get_hasher().algorithm == "scrypt"
