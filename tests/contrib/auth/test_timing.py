"""User enumeration by timing: signing in as an unknown user costs what a known one does,
because the backend hashes the password anyway."""

from __future__ import annotations

import statistics
import time
from typing import Any

from heron.contrib.auth import authenticate
from heron.contrib.auth.hashers import PBKDF2PasswordHasher
from heron.contrib.auth.models import User


class RealPBKDF2(PBKDF2PasswordHasher):
    """A real hasher, cheaper than production's (the ratio is what matters) so the test stays
    quick: hashing must dominate the query time, as it does in production."""

    iterations = 20_000


def test_unknown_and_known_usernames_take_the_same_time(db: str, settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["tests.contrib.auth.test_timing.RealPBKDF2"]
    User.objects.create_user("ada", password="correct horse")
    known: list[float] = []
    unknown: list[float] = []
    authenticate(None, username="ada", password="warm-up")  # first calls pay for imports
    # CPU time of this thread: the work the server does per attempt, which is what makes
    # wall time differ, without the noise of other processes sharing the machine.
    pairs = [("ada", known), ("nobody", unknown)]
    for round_ in range(15):  # interleaved (ABBA), so load on the machine hits both alike
        for name, samples in pairs if round_ % 2 else pairs[::-1]:
            start = time.thread_time()
            assert authenticate(None, username=name, password="wrong guess") is None
            samples.append(time.thread_time() - start)
    fast, slow = sorted((statistics.median(known), statistics.median(unknown)))
    assert (slow - fast) / slow <= 0.2, (
        f"known {statistics.median(known):.4f}s, unknown {statistics.median(unknown):.4f}s"
    )
