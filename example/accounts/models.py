"""The demo's user model (AUTH_USER_MODEL = "accounts.User"), as `heron new` projects have."""

from heron.contrib.auth.models import AbstractUser


class User(AbstractUser):
    pass
