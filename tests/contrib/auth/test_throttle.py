"""Brute-force sign-in is throttled per account and per client address (AUTH_LOGIN_RATE)."""

from __future__ import annotations

from typing import Any

import pytest

from heron.contrib.auth.models import User
from heron.test import Client


@pytest.fixture
def ada(db: str, settings: Any) -> User:
    settings.AUTH_LOGIN_RATE = "3/15m"
    return User.objects.create_user("ada", "ada@example.com", "correct horse")


class FromAddress(Client):
    """A client whose requests come from ``address``."""

    def __init__(self, address: str) -> None:
        super().__init__()
        self.address = address

    def post(self, path: str, data: Any = None, **kwargs: Any) -> Any:
        return super().post(path, data, client=(self.address, 50000), **kwargs)


def attempt(client: Client, username: str = "ada", password: str = "wrong") -> Any:
    return client.post("/accounts/login/", {"username": username, "password": password})


def from_address(address: str) -> Client:
    return FromAddress(address)


def test_per_account_limit_blocks_even_the_right_password(ada: User) -> None:
    clients = [from_address(f"10.0.0.{n}") for n in range(4)]
    for client in clients[:3]:  # three addresses, one failure each
        assert attempt(client).status_code == 200
    refused = attempt(clients[3], password="correct horse")
    assert refused.status_code == 429
    assert 0 < int(refused.headers["Retry-After"]) <= 15 * 60
    assert "Too Many Requests (429)" in refused.text
    assert User.objects.get(pk=ada.pk).last_login is None


def test_per_address_limit_spans_accounts(ada: User) -> None:
    client = from_address("10.0.0.9")
    for name in ("x", "y", "z"):
        assert attempt(client, username=name).status_code == 200
    assert attempt(client, username="ada", password="correct horse").status_code == 429
    assert attempt(from_address("10.0.0.10"), password="correct horse").status_code == 302


def test_success_clears_the_account_count(ada: User) -> None:
    client = from_address("10.0.0.1")
    attempt(client)
    attempt(from_address("10.0.0.2"))
    assert attempt(from_address("10.0.0.3"), password="correct horse").status_code == 302
    for n in (4, 5):
        assert attempt(from_address(f"10.0.0.{n}")).status_code == 200
    assert attempt(from_address("10.0.0.6")).status_code == 200  # count restarted at 0


def test_throttling_can_be_turned_off(ada: User, settings: Any) -> None:
    settings.RATELIMIT_ENABLE = False
    for _ in range(5):
        assert attempt(Client()).status_code == 200
    assert attempt(Client(), password="correct horse").status_code == 302
