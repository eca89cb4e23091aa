from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import Heron, free_port


def test_sends_to_the_addresses(
    heron: Heron, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HERON_EMAIL_BACKEND", "heron.mail.backends.console.EmailBackend")
    result = heron("sendtestemail", "ana@example.com", "bo@example.com", "--admins")
    assert result.exit_code == 0, result.output
    assert "Subject: Test email from " in result.output
    assert "To: ana@example.com, bo@example.com\n" in result.output
    assert "If you are reading this, Heron sent it and your email settings work." in result.output
    assert result.output.endswith("Sent to ana@example.com, bo@example.com.\nADMINS is empty.\n")


def test_needs_an_address(heron: Heron, project: Path) -> None:
    result = heron("sendtestemail")
    assert result.exit_code == 2
    assert "Error: Give at least one address, or --admins / --managers." in result.output


def test_reports_a_server_that_cannot_be_reached(
    heron: Heron, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A new project prints email to the console in development; this test is about SMTP.
    monkeypatch.setenv("HERON_EMAIL_BACKEND", "heron.mail.backends.smtp.EmailBackend")
    monkeypatch.setenv("HERON_EMAIL_HOST", "127.0.0.1")
    monkeypatch.setenv("HERON_EMAIL_PORT", str(free_port()))
    result = heron("sendtestemail", "ana@example.com")
    assert result.exit_code == 1
    assert result.output == (
        "Error: Could not send the test email: [Errno 111] Connection refused\n"
    )
