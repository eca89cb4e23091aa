from heron.contrib.auth.hashers import PBKDF2PasswordHasher


class FastPBKDF2(PBKDF2PasswordHasher):
    """One iteration: these tests are about auth, not about hashing cost."""

    iterations = 1


class TwoRounds(PBKDF2PasswordHasher):
    iterations = 2
