from heron.contrib.auth.hashers import PBKDF2PasswordHasher


class TwoRounds(PBKDF2PasswordHasher):
    iterations = 2
